// Property (fast-check) over generated ledgers: whatever the profile and parameters, every fen buyers paid minus
// refunds is accounted for by exactly one final line per order line (STL-7, STL-2, SUP-10), and commission + net =
// gross on every row (STL-6). The expected total comes from the generator's own model, never from the engine.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { resolveRules } from '../machines/rules.js';
import { settle } from '../reports/settlement.js';
import { settlementFacts } from '../reports/settlementFacts.js';
import { at, LogBuilder } from './support/settlementLog.js';

const START = at('2024-01-01T00:00');
const MINUTE = 60_000;
const DELIVERY = ['saas', 'manualService', 'license', 'image', 'api', 'hardware'] as const;

interface GenOrder {
  readonly merchant: string;
  readonly deliveryType: (typeof DELIVERY)[number];
  readonly hourly: boolean;
  readonly amountFen: number;
  readonly paidMinute: number;
  readonly renewalFen: number | null;
  readonly refund: { readonly fraction: number; readonly afterMinutes: number; readonly kind: 'plain' | 'noReason' | 'notYetEffective' | 'exception' } | null;
  readonly completedAfterMinutes: number | null;
  readonly reorder: boolean;
  readonly usageHours: readonly number[];
}

const order: fc.Arbitrary<GenOrder> = fc.record({
  merchant: fc.constantFrom('m1', 'm2', 'm3'),
  deliveryType: fc.constantFrom(...DELIVERY),
  hourly: fc.boolean(),
  amountFen: fc.integer({ min: 0, max: 50_000_000 }),
  paidMinute: fc.integer({ min: 0, max: 120 * 24 * 60 }),
  renewalFen: fc.option(fc.integer({ min: 1, max: 5_000_000 })),
  refund: fc.option(fc.record({
    fraction: fc.integer({ min: 0, max: 100 }),
    afterMinutes: fc.integer({ min: 1, max: 40 * 24 * 60 }),
    kind: fc.constantFrom('plain' as const, 'noReason' as const, 'notYetEffective' as const, 'exception' as const),
  })),
  completedAfterMinutes: fc.option(fc.integer({ min: 1, max: 90 * 24 * 60 })),
  reorder: fc.boolean(),
  usageHours: fc.array(fc.integer({ min: 0, max: 130 * 24 }), { maxLength: 5 }),
});

const params = fc.record({
  platform: fc.constantFrom('koogallery' as const, 'tencent' as const),
  bp: fc.dictionary(fc.constantFrom(...DELIVERY), fc.integer({ min: 0, max: 10_000 })),
  lag: fc.integer({ min: 0, max: 3 }),
  netting: fc.boolean(),
  excluding: fc.boolean(),
});

/** Builds the log and, alongside, what buyers paid minus refunds per merchant (the model). */
function build(orders: readonly GenOrder[]): { log: LogBuilder; expected: Map<string, number> } {
  const log = new LogBuilder();
  const expected = new Map<string, number>();
  const add = (m: string, fen: number) => expected.set(m, (expected.get(m) ?? 0) + fen);
  orders.forEach((o, i) => {
    const id = `o${i}`;
    const paidAt = START + o.paidMinute * MINUTE;
    const hourly = o.hourly && o.deliveryType === 'image';
    const common = { merchantId: o.merchant, productId: `p-${o.merchant}`, deliveryType: o.deliveryType, chargingMode: hourly ? 'hourly' : 'period' };
    const reorderOf = o.reorder && i > 0 ? `o${i - 1}` : undefined;
    log.money({ ...common, orderId: id, amountFen: o.amountFen, at: paidAt, ...(reorderOf ? { relatesTo: reorderOf, tags: { reorderOfNoReasonRefund: true } } : {}) });
    if (hourly) {
      // ORD-3: an hourly order's amount is its unit price; the buyer pays the usage hours only.
      for (const h of [...o.usageHours].sort((a, b) => a - b)) {
        log.money({ ...common, orderId: id, entry: 'usage', amountFen: o.amountFen, at: START + h * 60 * MINUTE });
        add(o.merchant, o.amountFen);
      }
      if (o.refund) log.money({ ...common, orderId: `${id}-RF`, relatesTo: id, amountFen: 0, at: paidAt + o.refund.afterMinutes * MINUTE });
      return;
    }
    add(o.merchant, o.amountFen);
    if (o.renewalFen !== null) {
      log.money({ ...common, orderId: `${id}-R1`, orderType: 'renewal', relatesTo: id, amountFen: o.renewalFen, at: paidAt + 10 * MINUTE });
      add(o.merchant, o.renewalFen);
    }
    if (o.completedAfterMinutes !== null) log.completed(id, paidAt + o.completedAfterMinutes * MINUTE);
    if (o.refund) {
      const refundFen = Math.floor((o.amountFen * o.refund.fraction) / 100); // test data only: the integer fen refunded
      const tags = { plain: {}, noReason: { noReasonRefund: true }, notYetEffective: { notYetEffective: true }, exception: { refundReason: 'notAsDescribed' } }[o.refund.kind];
      log.money({ ...common, orderId: `${id}-RF`, relatesTo: id, amountFen: 0 - refundFen, at: paidAt + o.refund.afterMinutes * MINUTE, tags });
      add(o.merchant, 0 - refundFen);
    }
  });
  return { log, expected };
}

describe('settlement accounts for every fen (property)', () => {
  test('STL-7 STL-2 SUP-10 STL-6: per merchant, final settled + deferred + excluded + netted lines = paid − refunds; commission + net = gross per row', () => {
    fc.assert(
      fc.property(fc.array(order, { maxLength: 25 }), params, (orders, p) => {
        const resolved = resolveRules(p.platform, {
          commissionBasisPoints: p.bp,
          settlementLagMonths: p.lag,
          notYetEffectiveRefundNets: p.netting,
          noReasonRefundExcludedFromSettlement: p.excluding,
        });
        if (!resolved.ok) throw new Error(JSON.stringify(resolved.error));
        const { log, expected } = build(orders);
        const s = settle({ facts: settlementFacts(log.entries), params: resolved.params, runEnd: at('2024-05-31T23:59:59') });
        const accounted = new Map<string, number>();
        const finals = new Map<string, number>();
        for (const row of s.rows) {
          expect(row.commissionFen + row.netFen).toBe(row.line.grossFen);
          expect(['settled', 'deferred', 'excluded', 'netted']).toContain(row.treatment);
          expect(row.settlementMonth).toMatch(/^\d{4}-\d{2}$/);
          if (!row.final) continue;
          finals.set(row.line.key, (finals.get(row.line.key) ?? 0) + 1);
          accounted.set(row.line.merchantId, (accounted.get(row.line.merchantId) ?? 0) + row.line.grossFen);
        }
        for (const count of finals.values()) expect(count).toBe(1);
        for (const row of s.rows) expect(finals.has(row.line.key)).toBe(true);
        for (const m of new Set([...expected.keys(), ...accounted.keys()])) expect(accounted.get(m) ?? 0).toBe(expected.get(m) ?? 0);
      }),
      { numRuns: 200 },
    );
  });
});
