// ORD-3 / ORD-7 money across every built-in scenario: what buyers paid minus what was refunded to them equals the
// settlement lines' gross, to the fen, and an exclusive discount is never money (never an amount, never gross).
import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { PaymentSources } from '../machines/contracts.js';
import { sumSources } from '../machines/payment.js';
import { settle } from '../reports/settlement.js';
import { ledger, runBuiltIn, SCENARIOS } from './support/orderHarness.js';

// market-large is the scale scenario (minutes of work); the others cover every order path the harness has.
/** What the buyer paid with, named instrument by instrument (a discount is none of them, whatever a fact carries). */
const buyerPaid = (s: PaymentSources): number => s.coupon + s.cashCoupons + s.balanceCash + s.balanceCredit + s.monthlySettlement;

const BUILT_INS = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.yaml') && f !== 'market-large.yaml')
  .map((f) => f.slice(0, -'.yaml'.length))
  .sort();

describe('ORD-3 ORD-7: a discount lowers what is paid and is never money', () => {
  test.each(BUILT_INS)('ORD-3 ORD-7 %s: buyers’ payments minus refunds equal the settlement gross to the fen', (name) => {
    const r = runBuiltIn(name);
    const facts = r.digest.settlementFacts();
    const settlement = settle({ facts, params: r.setup.params, runEnd: r.setup.scenario.end });
    // What left the buyers' wallets, from the instruments they paid with (a discount is none of them).
    const paid = ledger(r).reduce((sum, l) => sum + buyerPaid(l.paymentSources), 0);
    const gross = settlement.rows.filter((row) => row.final).reduce((sum, row) => sum + row.line.grossFen, 0);
    expect(gross).toBe(paid);
    for (const l of ledger(r)) {
      // Every money fact's amount is what was paid for it (hourly orders: the unit price, paid by usage instead).
      if (l.chargingMode !== 'hourly' || l.entry === 'usage') expect(l.amountFen, l.orderId).toBe(buyerPaid(l.paymentSources));
    }
  });

  test('ORD-3 ORD-7: a 10% exclusive discount on 100.00 is paid and settled as 90.00, the 10.00 by no one', () => {
    const r = runBuiltIn('orders-availability');
    const vip = ledger(r).find((l) => l.orderId === 'o-vip')!;
    expect(vip.amountFen).toBe(9000);
    expect(vip.discountFen).toBe(1000);
    expect(sumSources(vip.paymentSources)).toBe(9000);
    const settlement = settle({ facts: r.digest.settlementFacts(), params: r.setup.params, runEnd: r.setup.scenario.end });
    const lines = settlement.rows.filter((row) => row.final && row.line.orderId === 'o-vip');
    expect(lines.map((row) => row.line.grossFen)).toEqual([9000]);
    // Refusal side: the discount is not a payment source, so nothing in the books can carry it as gross.
    expect(Object.keys(vip.paymentSources)).not.toContain('discount');
  });

  test('ORD-3: a discounted order refunded in full gives back what was paid, not the list price', () => {
    const r = runBuiltIn('orders-availability', (text) =>
      text.replace(
        '  - { at: 2024-01-03T13:00, event: purchase, order: o-broke',
        '  - { at: 2024-01-03T12:30, event: refund, order: o-vip, by: operator, reason: notAsDescribed, amountFen: 10000, expect: { accepted: false, rule: REF-3 } }\n' +
          '  - { at: 2024-01-03T12:40, event: refund, order: o-vip, by: operator, reason: notAsDescribed, amountFen: 9000, expect: { accepted: true } }\n' +
          '  - { at: 2024-01-03T13:00, event: purchase, order: o-broke',
      ),
    );
    expect(r.violations).toEqual([]);
    const refund = ledger(r).find((l) => l.orderId === 'o-vip-RF')!;
    expect(refund.amountFen).toBe(-9000);
    expect(sumSources(refund.paymentSources)).toBe(-9000);
  });
});
