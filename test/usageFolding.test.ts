// STL-4 in a long run: the digest folds hourly usage facts per order, product and local month; settlement and
// its checks must come out exactly as from the unfolded log (what `marketsim settle` reads back).
import { describe, expect, test } from 'vitest';
import { settle } from '../reports/settlement.js';
import { paidPerMerchant, settlementFactViolations } from '../reports/settlementChecks.js';
import { settlementFacts } from '../reports/settlementFacts.js';
import { localMonth } from '../machines/time.js';
import { simulate } from '../runs/run.js';
import { setupOf } from './support/scenarioSetup.js';

describe('usage facts folded per order-month (STL-4)', () => {
  const setup = setupOf('market-tencent');
  const result = simulate(setup);
  const folded = { ...result.digest.settlementFacts(), ledger: [...result.digest.settlementFacts().ledger] };
  const unfolded = { ...settlementFacts(result.entries), ledger: [...settlementFacts(result.entries).ledger] };
  const input = { params: setup.params, runEnd: setup.scenario.end };

  test('STL-4: the run bills hourly usage over several months once per order, product and month; folding keeps that', () => {
    const usage = unfolded.ledger.filter((f) => f.ledger.entry === 'usage');
    const foldedUsage = folded.ledger.filter((f) => f.ledger.entry === 'usage');
    const months = new Set(usage.map((f) => localMonth(f.ledger.at, setup.params.settlementUtcOffsetMinutes)));
    expect(months.size).toBeGreaterThan(2);
    expect(usage.length).toBeGreaterThan(50);
    // ORD-8 billed lazily: the log holds one fact per order, image and month already (and one more at a stop).
    const keys = usage.map((f) => `${f.ledger.orderId}|${f.ledger.productId}|${localMonth(f.ledger.at, setup.params.settlementUtcOffsetMinutes)}`);
    expect(new Set(keys).size).toBeGreaterThan(usage.length * 0.9);
    expect(foldedUsage.length).toBe(new Set(keys).size);
    expect(folded.ledger.length - foldedUsage.length).toBe(unfolded.ledger.length - usage.length);
    expect(foldedUsage.reduce((sum, f) => sum + f.ledger.amountFen, 0)).toBe(usage.reduce((sum, f) => sum + f.ledger.amountFen, 0));
  });

  test('folded facts keep log order: each folded month sits where its first hour was, among the other facts', () => {
    const offset = setup.params.settlementUtcOffsetMinutes;
    const seen = new Set<string>();
    const expected = unfolded.ledger.filter((f) => {
      if (f.ledger.entry !== 'usage') return true;
      const key = `${f.ledger.merchantId}|${f.ledger.orderId}|${f.ledger.productId}|${localMonth(f.ledger.at, offset)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const identity = (f: (typeof expected)[number]): string => `${f.seq} ${f.ledger.entry} ${f.ledger.orderId} ${f.ledger.productId}`;
    expect(folded.ledger.map(identity)).toEqual(expected.map(identity));
    // Interleaved, not appended: some folded usage comes before some order fact.
    const lastOrder = folded.ledger.map((f) => f.ledger.entry).lastIndexOf('order');
    expect(folded.ledger.findIndex((f) => f.ledger.entry === 'usage')).toBeLessThan(lastOrder);
  });

  test('STL-4: settlement rows and reconciliations are the same from folded and unfolded facts', () => {
    expect(settle({ ...input, facts: folded })).toEqual(settle({ ...input, facts: unfolded }));
  });

  test('STL-7: the end-of-run settlement checks agree, and a broken settlement is still caught through folded facts', () => {
    expect(settlementFactViolations(folded, setup.params, setup.scenario.end, 0)).toEqual(settlementFactViolations(unfolded, setup.params, setup.scenario.end, 0));
    const dropUsage: typeof settle = (i) => {
      const s = settle(i);
      return { ...s, rows: s.rows.filter((r) => r.line.orderType !== 'usage') };
    };
    expect(settlementFactViolations(folded, setup.params, setup.scenario.end, 0, dropUsage).map((v) => v.check)).toContain('INV-EVERY-FEN-ACCOUNTED');
  });

  test('STL-7: what buyers paid each merchant is summed as the facts are collected, folded or not, as a pass over them sums it', () => {
    const summed = new Map<string, number>();
    for (const { ledger } of unfolded.ledger) {
      const s = ledger.paymentSources;
      summed.set(ledger.merchantId, (summed.get(ledger.merchantId) ?? 0) + s.coupon + s.cashCoupons + s.balanceCash + s.balanceCredit + s.monthlySettlement);
    }
    expect(summed.size).toBeGreaterThan(3);
    expect(folded.paidByMerchant).toEqual(summed);
    expect(unfolded.paidByMerchant).toEqual(summed);
    const { paidByMerchant: _collected, ...plain } = unfolded;
    expect(paidPerMerchant(plain)).toEqual(summed);
  });

  test('facts folded at one UTC offset refuse to be settled at another', () => {
    const otherOffset = { ...setup.params, settlementUtcOffsetMinutes: setup.params.settlementUtcOffsetMinutes + 60 };
    expect(() => settle({ ...input, params: otherOffset, facts: folded })).toThrow(/UTC offset/);
  });
});
