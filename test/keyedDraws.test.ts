// A preparer's draw is keyed by what is drawn for whom and when (RunContext.drawsFor), not taken from one stream the
// whole run shares: a what-if that adds an enterprise, whose admin phone is drawn, leaves the DEL-3 review length
// drawn for a product's delisting request as it was. With one shared stream the enterprise's draw came first and
// shifted the product's.
import { describe, expect, test } from 'vitest';
import { line, runBuiltIn } from './support/orderHarness.js';

/** delisting-tencent's second request for `backup` leaves its review length to the seed (DEL-3, 1–3 business days). */
const drawnReview = (text: string): string => text;
const withEnterprise = (text: string): string =>
  text.replace(
    /^timeline:\n/m,
    'timeline:\n  - { at: 2024-09-02T09:30, event: createEnterprise, enterprise: acme, merchant: yun, apps: [backup] }\n',
  );

function reviewDays(seed: string, edit: (text: string) => string): { days: unknown; phone: unknown } {
  const r = runBuiltIn('delisting-tencent', (text) => edit(text.replace(/^seed: .*$/m, `seed: ${seed}`)));
  const request = line(r, 'product:backup', 'requestDelisting', 1);
  const created = r.entries.find((e) => e.entity === 'enterprise:acme' && e.event === 'createEnterprise');
  return { days: request.payload?.reviewBusinessDays, phone: created?.payload?.adminPhone };
}

describe('preparers draw from streams keyed by entity and event (DEL-3 review length, ORG-3 admin phone)', () => {
  test('adding an enterprise (whose admin phone is drawn first) leaves every seed\'s DEL-3 review length as it was', () => {
    const seen = new Set<unknown>();
    for (const seed of ['1', '2', '3', '4', '5', '6', '7', '8']) {
      const alone = reviewDays(seed, drawnReview);
      const beside = reviewDays(seed, withEnterprise);
      // The enterprise really drew a phone in the what-if (and none exists without it).
      expect(alone.phone).toBeUndefined();
      expect(beside.phone).toMatch(/^1\d{10}$/);
      expect(beside.days).toBe(alone.days);
      expect([1, 2, 3]).toContain(alone.days);
      seen.add(alone.days);
    }
    // Still drawn from the seed: the eight seeds do not all give one length.
    expect(seen.size).toBeGreaterThan(1);
  });
});
