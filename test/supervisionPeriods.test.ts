// SUP-9 behind a real order of several periods: supervision is told the spec and the number of periods, so the
// validity it reports ends where the order's does (the worked example of RULES.md, stretched to 3 months).
import { describe, expect, test } from 'vitest';
import type { SupervisionCompletedParams } from '../machines/contracts.js';
import { cst, order, runBuiltIn } from './support/orderHarness.js';

/** supervision-orders with a 3-month purchase on 2024-01-01, opened then, accepted 2024-02-01. */
function threeMonths(openingTime: boolean) {
  return runBuiltIn('supervision-orders', (t) =>
    t
      .replace('end: 2024-03-31T23:59:59+08:00', 'end: 2024-06-30T23:59:59+08:00')
      .replace('event: purchase, order: o1, buyer: b1, product: ops,', 'event: purchase, order: o1, buyer: b1, product: ops, periods: 3,')
      .replace('- { at: 2024-01-01T09:00, event: purchase, order: o1', '- { at: 2024-01-01T08:30, event: purchase, order: o1')
      .replace('openedAt: 2024-01-01T12:00, ', openingTime ? 'openedAt: 2024-01-01T00:00, ' : ''),
  );
}

function completion(r: ReturnType<typeof runBuiltIn>): SupervisionCompletedParams {
  const found = r.entries.flatMap((e) => e.effects ?? []).find((e) => e.type === 'supervisionCompleted');
  if (!found) throw new Error('no supervisionCompleted');
  return found.params as unknown as SupervisionCompletedParams;
}

describe('SUP-9 validity of a multi-period supervised order', () => {
  test('SUP-9: 3 months, opening time 01-01 filled in, accepted 02-01 → validity 01-01..04-01 in supervision and order', () => {
    const r = threeMonths(true);
    expect(r.violations).toEqual([]);
    const done = completion(r);
    expect([done.validFrom, done.validUntil]).toEqual([cst(2024, 1, 1), cst(2024, 4, 1)]);
    expect(order(r, 'o1').context.validUntil).toBe(cst(2024, 4, 1));
  });

  test('SUP-9: 3 months, no opening time, accepted 02-01 → validity 02-01..05-01 in supervision and order', () => {
    const r = threeMonths(false);
    expect(r.violations).toEqual([]);
    const done = completion(r);
    expect([done.validFrom, done.validUntil]).toEqual([cst(2024, 2, 1), cst(2024, 5, 1)]);
    expect(order(r, 'o1').context.validUntil).toBe(cst(2024, 5, 1));
    // Refusal side: never the one-month validity supervision used to report.
    expect(done.validUntil).not.toBe(cst(2024, 3, 1));
  });
});
