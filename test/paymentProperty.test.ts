// Money in integer fen (STL-7): ORD-7 deduction order as properties, and every order's sources summing back
// to its amount across the built-in scenarios.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { allocatePayment, refundSources, sumSources, type PaymentRequest } from '../machines/payment.js';
import { PROFILES } from '../machines/rules.js';
import { ledger, runBuiltIn } from './support/orderHarness.js';

const params = PROFILES.koogallery;
const fen = fc.integer({ min: 0, max: 10_000_000 });
const request: fc.Arbitrary<PaymentRequest> = fc.record({
  priceFen: fen,
  deliveryType: fc.constantFrom('saas' as const, 'image' as const, 'hardware' as const),
  discountBasisPoints: fc.integer({ min: 0, max: 10_000 }),
  coupons: fc.array(fc.record({ id: fc.constant('c'), amountFen: fen }), { maxLength: 1 }),
  cashCoupons: fc.array(fc.record({ id: fc.string(), remainingFen: fen }), { maxLength: 3 }),
  balanceCashFen: fen,
  balanceCreditFen: fen,
  method: fc.constantFrom('balance' as const, 'monthlySettlement' as const),
});

describe('ORD-7 payment', () => {
  test('ORD-3, ORD-7: an accepted payment’s sources are integer fen summing exactly to the price net of the discount', () => {
    fc.assert(
      fc.property(request, (req) => {
        const paid = allocatePayment(req, params);
        if (!paid.ok) return;
        expect(paid.discountFen).toBe(Math.floor((req.priceFen * req.discountBasisPoints) / 10_000));
        expect(sumSources(paid.sources)).toBe(req.priceFen - paid.discountFen);
        for (const v of Object.values(paid.sources)) expect(Number.isInteger(v) && v >= 0).toBe(true);
      }),
    );
  });

  test('ORD-7: each source is drawn only once the earlier ones are used up (discount → coupon → cards → cash → credit)', () => {
    fc.assert(
      fc.property(request, (req) => {
        const paid = allocatePayment({ ...req, method: 'balance' }, params);
        if (!paid.ok) return;
        const s = paid.sources;
        const coupon = req.coupons[0]?.amountFen ?? 0;
        const cards = req.cashCoupons.reduce((t, c) => t + c.remainingFen, 0);
        if (s.cashCoupons > 0) expect(s.coupon).toBe(Math.min(coupon, req.priceFen - paid.discountFen));
        if (s.balanceCash > 0) expect(s.cashCoupons).toBe(Math.min(cards, req.priceFen - paid.discountFen - s.coupon));
        if (s.balanceCredit > 0) expect(s.balanceCash).toBe(req.balanceCashFen);
        expect(s.monthlySettlement).toBe(0);
      }),
    );
  });

  test('ORD-7: monthly settlement is refused for hardware; more than one coupon is refused', () => {
    fc.assert(
      fc.property(request, (req) => {
        expect(allocatePayment({ ...req, deliveryType: 'hardware', method: 'monthlySettlement' }, params)).toMatchObject({ ok: false, rule: 'ORD-7' });
        const two = [{ id: 'a', amountFen: 1 }, { id: 'b', amountFen: 1 }];
        expect(allocatePayment({ ...req, coupons: two }, params)).toMatchObject({ ok: false, rule: 'ORD-7' });
      }),
    );
  });

  test('REF-4 netting: a full refund’s sources are the exact negation of the payment', () => {
    fc.assert(
      fc.property(request, (req) => {
        const paid = allocatePayment(req, params);
        if (!paid.ok) return;
        const back = refundSources(paid.sources, req.priceFen);
        for (const [k, v] of Object.entries(paid.sources)) expect(back[k as keyof typeof back] + v).toBe(0);
      }),
    );
  });

  test('STL-7 ORD-7: every order and refund in every built-in order scenario sums its payment sources back to its amount', () => {
    const names = ['refunds-five-day-tencent', 'refunds-not-yet-effective-koogallery', 'renewal-auto-renew', 'renewal-expiry-calls', 'orders-availability', 'orders-availability-tencent', 'usage-disk-swap'];
    let checked = 0;
    for (const name of names) {
      for (const entry of ledger(runBuiltIn(name))) {
        expect(Number.isInteger(entry.amountFen), `${name} ${entry.orderId}`).toBe(true);
        // ORD-3: an hourly order's amount is its hourly unit price, paid by no one at purchase (usage pays it).
        const paid = entry.chargingMode === 'hourly' && entry.entry !== 'usage' ? 0 : entry.amountFen;
        expect(sumSources(entry.paymentSources), `${name} ${entry.orderId}`).toBe(paid);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
