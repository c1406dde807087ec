// A run's money facts spilled to a file (runs/factSpill.ts) come back as they went in, in order, as often as they
// are read, whatever the read size cuts through; and the file goes when asked.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { NO_INSTRUMENTS, NO_TAGS, type LedgerParams } from '../machines/contracts.js';
import { SpilledLedger } from '../runs/factSpill.js';
import type { LedgerFact } from '../reports/settlementFacts.js';
import { tempDir } from './support/cli.js';

function fact(i: number, extra: Partial<LedgerParams> = {}): LedgerFact {
  const ledger: LedgerParams = {
    entry: 'order',
    orderId: `o${i}`,
    orderType: 'purchase',
    merchantId: 'm1',
    productId: 'm1-p1',
    specId: 'month',
    buyerId: `b${i % 7}`,
    deliveryType: 'license',
    chargingMode: 'period',
    amountFen: 1000 + i,
    at: 1_704_067_200_000 + i * 60_000,
    periodUnit: 'month',
    periods: 1,
    paymentSources: { coupon: 0, cashCoupons: 0, balanceCash: 1000 + i, balanceCredit: 0, monthlySettlement: 0 },
    instruments: NO_INSTRUMENTS,
    tags: NO_TAGS,
    ...extra,
  };
  return { seq: i * 3, ledger };
}

test('facts come back equal and in order, on every read, across read boundaries that cut lines and characters', () => {
  const spill = new SpilledLedger(join(tempDir(), '.facts'), { readBytes: 97 });
  const facts: LedgerFact[] = [];
  for (let i = 0; i < 500; i++) {
    // Text that a line format could trip on: tabs, newlines, quotes, CJK and astral characters in a free-text reason.
    const odd = i % 5 === 0 ? { entry: 'refund' as const, orderType: 'refund' as const, amountFen: -(i + 1), relatesTo: `o${i - 1}`, tags: { refundReason: `原因\t"${i}"\n😀 x` } } : {};
    const usage = i % 7 === 0 ? { entry: 'usage' as const, usage: { hours: 3, unitPriceFen: 120, periodStart: 1_704_067_200_000 } } : {};
    const coupon = i % 11 === 0 ? { instruments: { coupon: `c${i}`, cashCoupons: [{ id: `cc${i}`, amountFen: 5 }] } } : {};
    const f = fact(i, { ...odd, ...usage, ...coupon });
    facts.push(f);
    spill.add(f);
  }
  expect(spill.size).toBe(500);
  expect([...spill.facts()]).toEqual(facts);
  expect([...spill.facts()]).toEqual(facts);
  // A fact added after a read is read the next time.
  spill.add(fact(500));
  expect([...spill.facts()].map((f) => f.seq).slice(-2)).toEqual([1497, 1500]);
  spill.remove();
});

test('empty tags and instruments come back as the shared frozen objects, not a fresh {} per fact', () => {
  const spill = new SpilledLedger(join(tempDir(), '.facts'));
  spill.add(fact(1));
  spill.add(fact(2, { tags: { notYetEffective: true } }));
  const [plain, tagged] = [...spill.facts()];
  expect(plain!.ledger.tags).toBe(NO_TAGS);
  expect(plain!.ledger.instruments).toBe(NO_INSTRUMENTS);
  expect(tagged!.ledger.tags).toEqual({ notYetEffective: true });
  spill.remove();
});

test('remove() deletes the file; the facts cannot be read or added to after', () => {
  const path = join(tempDir(), '.facts');
  const spill = new SpilledLedger(path);
  spill.add(fact(1));
  expect(existsSync(path)).toBe(true);
  spill.remove();
  expect(existsSync(path)).toBe(false);
  expect(() => [...spill.facts()]).toThrow();
  // An existing file is never taken over.
  const other = new SpilledLedger(path);
  expect(() => new SpilledLedger(path)).toThrow(/EEXIST/);
  other.remove();
});
