// REN-3 expiry calls by interface: License过期 is called once, the generic 商品过期 (every other type) is repeated
// for an hour; INT-3 failure e-mails for instance-status calls; INT-4 the merchant's fix-and-notify afterwards.
import { describe, expect, test } from 'vitest';
import { calls, interfaceMessages, line, runBuiltIn } from './support/orderHarness.js';

const expiryCalls = (r: ReturnType<typeof runBuiltIn>, orderId: string) =>
  calls(r).filter((c) => c.params.endpoint === 'expireInstance' && c.params.payload.orderId === orderId);

describe('REN-3 expiry calls', () => {
  test('REN-3: a failed 商品过期 call of a non-SaaS, non-License product (API) is repeated for 1 hour, then stops', () => {
    const r = runBuiltIn('renewal-expiry-calls');
    expect(r.violations).toEqual([]);
    // 10:00 and every 5 minutes up to 11:00: 13 attempts of one logical call (one callId, INT-1).
    const api = expiryCalls(r, 'o-api');
    expect(api).toHaveLength(13);
    expect(api.at(-1)!.entry.at).toBe('2024-02-10T11:00:00+08:00');
    expect(new Set(api.map((c) => c.params.callId)).size).toBe(1);
    expect(line(r, 'order:o-api', 'setAutoRenew', 1).state).toBe('frozen.givenUp');
  });

  test.each(['hardware', 'container', 'dataFile'])('REN-3: %s uses 商品过期 and is retried, where License过期 is called once', (type) => {
    const r = runBuiltIn('renewal-expiry-calls', (t) => t.replace('deliveryType: api', `deliveryType: ${type}`));
    expect(expiryCalls(r, 'o-api')).toHaveLength(13);
    // Refusal side: the License call is not repeated.
    expect(expiryCalls(r, 'o-lic')).toHaveLength(1);
  });

  test('REN-3: the interval is a rules parameter; licenseExpiredDeliveryTypes decides which call a type gets', () => {
    const every20 = runBuiltIn('renewal-expiry-calls', (t) => t.replace('rules:\n', 'rules:\n  productExpiredRetryIntervalMs: 20m\n'));
    expect(expiryCalls(every20, 'o-api')).toHaveLength(4); // 10:00, 10:20, 10:40, 11:00
    const apiOnce = runBuiltIn('renewal-expiry-calls', (t) => t.replace('rules:\n', 'rules:\n  licenseExpiredDeliveryTypes: [license, api]\n'));
    expect(expiryCalls(apiOnce, 'o-api')).toHaveLength(1);
    expect(interfaceMessages(apiOnce).filter((m) => m.entry.entity === 'order:o-api').map((m) => m.params.givenUp)).toEqual([true]);
  });
});
