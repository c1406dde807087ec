// REN-1: auto-renewal exists only for some period products (the seed lists SaaS and image): a rules parameter.
import { describe, expect, test } from 'vitest';
import { ledger, line, runBuiltIn } from './support/orderHarness.js';

/** renewal-auto-renew with its products of another delivery type (image products are listed by an operator). */
const withType = (type: string, rules = '') =>
  runBuiltIn('renewal-auto-renew', (t) =>
    t
      .replaceAll('deliveryType: image', `deliveryType: ${type}`)
      .replace('merchants:', `${rules}merchants:`)
      .replace(/(\n  - \{ at: 2024-01-20T10:00, event: delist)/, '\n  - { at: 2024-01-15T10:00, event: setAutoRenew, order: o-off, on: true }$1'),
  );

describe('REN-1 auto-renewal eligibility', () => {
  test('REN-1: an image period product auto-renews 7 days before expiry', () => {
    const r = runBuiltIn('renewal-auto-renew');
    expect(line(r, 'order:o-on', 'purchase').accepted).toBe(true);
    expect(ledger(r).some((l) => l.orderType === 'renewal' && l.relatesTo === 'o-on')).toBe(true);
  });

  test('REN-1: a SaaS period product may auto-renew; an API period product is refused at purchase and later', () => {
    const saas = withType('saas', 'rules: { supervisedDeliveryTypes: [] }\n');
    expect(line(saas, 'order:o-on', 'purchase').accepted).toBe(true);
    const api = withType('api');
    expect(line(api, 'order:o-on', 'purchase')).toMatchObject({ accepted: false, rules: ['REN-1'] });
    expect(line(api, 'order:o-on', 'purchase').reason).toMatch(/saas, image/);
    // Turning it on later, on an order bought without it, is refused the same way; the system renews nothing.
    expect(line(api, 'order:o-off', 'purchase').accepted).toBe(true);
    expect(line(api, 'order:o-off', 'setAutoRenew')).toMatchObject({ accepted: false, rules: ['REN-1'] });
    expect(line(saas, 'order:o-off', 'setAutoRenew').accepted).toBe(true);
    expect(ledger(api).filter((l) => l.orderType === 'renewal')).toEqual([]);
  });

  test('REN-1: the eligible types are a rules parameter (autoRenewDeliveryTypes)', () => {
    const api = withType('api', 'rules: { autoRenewDeliveryTypes: [api] }\n');
    expect(line(api, 'order:o-on', 'purchase').accepted).toBe(true);
    expect(ledger(api).some((l) => l.orderType === 'renewal' && l.relatesTo === 'o-on')).toBe(true);
  });
});
