// The settlement engine on hand-built logs: each RULES.md worked example (REF-4, SUP-10), REF-2 exclusion with the
// re-order, deferral until completion, hourly usage (STL-4), commission (STL-6), other refunds, STL-5 at delisting.
import { describe, expect, test } from 'vitest';
import type { Platform } from '../machines/domain.js';
import { resolveRules, type RulesOverrides } from '../machines/rules.js';
import { settle, type Settlement } from '../reports/settlement.js';
import { monthTotals } from '../reports/settlementCsv.js';
import { settlementFacts } from '../reports/settlementFacts.js';
import { commissionFen, yuan } from '../reports/settlementMoney.js';
import { at, LogBuilder } from './support/settlementLog.js';

function run(log: LogBuilder, platform: Platform = 'koogallery', overrides: RulesOverrides = {}, end = '2024-03-31T23:59:59'): Settlement {
  const resolved = resolveRules(platform, overrides);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.error));
  return settle({ facts: settlementFacts(log.entries), params: resolved.params, runEnd: at(end) });
}

/** "2024-02 o1 purchase 1200.00 netted REF-4": one settlement row, readable in a failure diff. */
function rows(s: Settlement, orderId?: string): string[] {
  return s.rows
    .filter((r) => orderId === undefined || r.line.orderId === orderId || r.line.relatesTo === orderId)
    .map((r) => `${r.settlementMonth} ${r.line.orderId} ${r.line.orderType} ${yuan(r.line.grossFen)} ${r.treatment} ${r.rule}`);
}

function payable(s: Settlement, month: string, merchant = 'm1'): string {
  const totals = monthTotals(s).find((t) => t.settlementMonth === month && t.merchantId === merchant);
  return totals ? yuan(totals.netFen) : 'no statement';
}

describe('REF-4 (koogallery): a not-yet-effective order and its refund net to 0 on one statement', () => {
  // RULES.md REF-4: SaaS period product, 100 a month × 12 = 1,200, bought 2024-01-05, unsubscribed 2024-01-07.
  const log = new LogBuilder()
    .money({ orderId: 'o1', amountFen: 120_000, at: at('2024-01-05T10:00'), deliveryType: 'saas', periodUnit: 'month', periods: 12 })
    .money({ orderId: 'o1-RF', relatesTo: 'o1', amountFen: -120_000, at: at('2024-01-07T10:00'), tags: { notYetEffective: true } });

  test('REF-4 STL-2: both lines netted in 2024-02 and the merchant is paid 0.00 from them', () => {
    const s = run(log);
    expect(rows(s)).toEqual(['2024-02 o1 purchase 1200.00 netted REF-4', '2024-02 o1-RF refund -1200.00 netted REF-4']);
    expect(payable(s, '2024-02')).toBe('0.00');
  });

  test('REF-4 STL-6: still 0.00 after commission, since an order and its refund carry opposite commissions', () => {
    const s = run(log, 'koogallery', { commissionBasisPoints: { saas: 333 } });
    expect(s.rows.map((r) => yuan(r.commissionFen))).toEqual(['39.96', '-39.96']);
    expect(payable(s, '2024-02')).toBe('0.00');
  });

  test('REF-4 is a parameter: with netting off the refund waits with its unfinished SaaS order (SUP-10) instead', () => {
    const s = run(log, 'koogallery', { notYetEffectiveRefundNets: false });
    expect(rows(s).filter((r) => r.includes('netted'))).toEqual([]);
    expect(rows(s)).toContain('2024-04 o1-RF refund -1200.00 deferred SUP-10');
    expect(payable(s, '2024-02')).toBe('0.00');
  });
});

describe('SUP-10 STL-3 STL-1: a supervised order is billed the natural month after completion, in UTC+8', () => {
  // RULES.md SUP-10: accepted 2024-01-31 20:00 (UTC+8) → 2024-02; 2024-02-01 01:00 (UTC+8) → 2024-03.
  // Both instants are 2024-01-31 in UTC, so a UTC month boundary would put both in 2024-02.
  const log = new LogBuilder()
    .money({ orderId: 'a', amountFen: 50_000, at: at('2024-01-10T09:00'), deliveryType: 'manualService' })
    .money({ orderId: 'b', amountFen: 30_000, at: at('2024-01-10T09:00'), deliveryType: 'manualService' })
    .completed('a', at('2024-01-31T20:00'))
    .completed('b', at('2024-02-01T01:00'));

  test('SUP-10: accepted 2024-01-31 20:00 → settled 2024-02; accepted 2024-02-01 01:00 → deferred 2024-02, settled 2024-03', () => {
    const s = run(log);
    expect(rows(s, 'a')).toEqual(['2024-02 a purchase 500.00 settled SUP-10']);
    expect(rows(s, 'b')).toEqual(['2024-02 b purchase 300.00 deferred SUP-10', '2024-03 b purchase 300.00 settled SUP-10']);
    expect(payable(s, '2024-02')).toBe('500.00');
    expect(payable(s, '2024-03')).toBe('300.00');
  });

  test('SUP-10: settlementLagMonths moves the month (lag 2 → 2024-03 and 2024-04)', () => {
    const s = run(log, 'koogallery', { settlementLagMonths: 2 });
    expect(rows(s, 'a').at(-1)).toBe('2024-03 a purchase 500.00 settled SUP-10');
    expect(rows(s, 'b').at(-1)).toBe('2024-04 b purchase 300.00 settled SUP-10');
  });
});

describe('SUP-10 STL-3: an unfinished supervised order is deferred, then settled the month after completion', () => {
  test('SUP-10: a License order paid in January and accepted mid-March is deferred in 2024-02 and 2024-03, settled 2024-04', () => {
    const log = new LogBuilder()
      .money({ orderId: 'lic', amountFen: 99_900, at: at('2024-01-10T09:00'), deliveryType: 'license' })
      .completed('lic', at('2024-03-15T12:00'));
    expect(rows(run(log, 'koogallery', {}, '2024-04-30T23:59:59'))).toEqual([
      '2024-02 lic purchase 999.00 deferred SUP-10',
      '2024-03 lic purchase 999.00 deferred SUP-10',
      '2024-04 lic purchase 999.00 settled SUP-10',
    ]);
  });

  test('SUP-10: never completed by the run end → one deferred row per statement month up to the last (run end month + 1)', () => {
    const log = new LogBuilder().money({ orderId: 'hw', amountFen: 20_000, at: at('2024-01-20T09:00'), deliveryType: 'hardware' });
    const s = run(log);
    expect(s.horizonMonth).toBe('2024-04');
    expect(rows(s)).toEqual(['2024-02', '2024-03', '2024-04'].map((m) => `${m} hw purchase 200.00 deferred SUP-10`));
    expect(payable(s, '2024-04')).toBe('0.00');
  });

  test('SUP-10: a renewal of a supervised order follows its purchase; an exception refund (REF-3) of a deferred order waits with it', () => {
    const log = new LogBuilder()
      .money({ orderId: 'o', amountFen: 10_000, at: at('2024-01-05T09:00'), deliveryType: 'manualService' })
      .money({ orderId: 'o-R1', orderType: 'renewal', relatesTo: 'o', amountFen: 10_000, at: at('2024-01-20T09:00'), deliveryType: 'manualService' })
      .money({ orderId: 'x', amountFen: 7_000, at: at('2024-01-06T09:00'), deliveryType: 'manualService' })
      .money({ orderId: 'x-RF', relatesTo: 'x', amountFen: -7_000, at: at('2024-02-06T09:00'), deliveryType: 'manualService', tags: { refundReason: 'serviceNotStarted' } })
      .completed('o', at('2024-02-10T09:00'));
    const s = run(log);
    expect(rows(s, 'o').filter((r) => r.includes('settled'))).toEqual(['2024-03 o purchase 100.00 settled SUP-10', '2024-03 o-R1 renewal 100.00 settled SUP-10']);
    expect(rows(s, 'x').filter((r) => r.includes('x-RF'))).toEqual(['2024-03 x-RF refund -70.00 deferred SUP-10', '2024-04 x-RF refund -70.00 deferred SUP-10']);
  });
});

describe('REF-2 (tencent): a five-day no-reason refund is excluded together with its re-order', () => {
  const log = new LogBuilder()
    .money({ orderId: 'img1', amountFen: 5_000, at: at('2024-01-03T10:00'), deliveryType: 'image' })
    .money({ orderId: 'img1-RF', relatesTo: 'img1', amountFen: -5_000, at: at('2024-01-05T10:00'), deliveryType: 'image', tags: { noReasonRefund: true } })
    .money({ orderId: 'img2', relatesTo: 'img1', amountFen: 5_000, at: at('2024-01-06T10:00'), deliveryType: 'image', tags: { reorderOfNoReasonRefund: true } })
    .money({ orderId: 'img3', amountFen: 8_000, at: at('2024-01-09T10:00'), deliveryType: 'image' });

  test('REF-2 REF-1 STL-2: the refunded order, its refund and the re-order are excluded; another order settles', () => {
    const s = run(log, 'tencent');
    expect(rows(s)).toEqual([
      '2024-02 img1 purchase 50.00 excluded REF-2',
      '2024-02 img1-RF refund -50.00 excluded REF-2',
      '2024-02 img2 purchase 50.00 excluded REF-2',
      '2024-02 img3 purchase 80.00 settled STL-1',
    ]);
    expect(payable(s, '2024-02')).toBe('80.00');
    expect(monthTotals(s)[0]!.excludedFen).toBe(5_000);
  });

  test('REF-2 is a parameter: with the exclusion off, all four lines settle and the refund is negative', () => {
    const s = run(log, 'tencent', { noReasonRefundExcludedFromSettlement: false });
    expect(rows(s).map((r) => r.split(' ').slice(-2).join(' '))).toEqual(['settled STL-1', 'settled STL-1', 'settled STL-1', 'settled STL-1']);
    expect(payable(s, '2024-02')).toBe('130.00');
  });
});

describe('STL-1 STL-4 ORD-3 ORD-4 ORD-5: plain orders, refunds of effective orders, hourly usage', () => {
  test('STL-1 REF-3: an image order settles the month after payment; an exception refund a month later is a negative line then', () => {
    const log = new LogBuilder()
      .money({ orderId: 'i', amountFen: 12_000, at: at('2024-01-31T23:59'), deliveryType: 'image' })
      .money({ orderId: 'i-RF', relatesTo: 'i', amountFen: -12_000, at: at('2024-02-15T09:00'), deliveryType: 'image', tags: { refundReason: 'notAsDescribed' } });
    expect(rows(run(log, 'tencent'))).toEqual(['2024-02 i purchase 120.00 settled STL-1', '2024-03 i-RF refund -120.00 settled REF-3']);
  });

  test('STL-4 ORD-3 ORD-4 ORD-5: hourly income is the usage bills per month; the order (unit price) and its stop (0) are not lines', () => {
    const hourly = { deliveryType: 'image', chargingMode: 'hourly' } as const;
    const usage = (h: string) => ({ ...hourly, orderId: 'h', entry: 'usage' as const, amountFen: 150, at: at(h), usage: { hours: 1, unitPriceFen: 150, periodStart: at(h) - 3_600_000 } });
    const log = new LogBuilder()
      .money({ ...hourly, orderId: 'h', amountFen: 150, at: at('2024-01-31T21:00') })
      .money(usage('2024-01-31T22:00'))
      .money(usage('2024-01-31T23:00'))
      .money(usage('2024-02-01T00:00'))
      .money({ ...hourly, orderId: 'h-RF', relatesTo: 'h', amountFen: 0, at: at('2024-02-01T00:30') });
    expect(rows(run(log))).toEqual(['2024-02 h usage 3.00 settled STL-4', '2024-03 h usage 1.50 settled STL-4']);
  });
});

describe('STL-6 STL-7: commission in integer basis points, rounded half away from zero', () => {
  test('STL-6: 123.45 at 5.5% is 6.79 (6.789750 rounded), its refund -6.79; 0.01 at 50% is 0.01', () => {
    expect(commissionFen(12_345, 550)).toBe(679);
    expect(commissionFen(-12_345, 550)).toBe(-679);
    expect(commissionFen(1, 5_000)).toBe(1);
    expect(commissionFen(1, 4_999)).toBe(0);
    expect(Object.is(commissionFen(-1, 0), -0)).toBe(false);
  });

  test('STL-7: yuan shows exactly two decimals from integer fen, refunds negative', () => {
    expect([yuan(0), yuan(5), yuan(-5), yuan(120_000), yuan(-120_001)]).toEqual(['0.00', '0.05', '-0.05', '1200.00', '-1200.01']);
    expect(() => yuan(1.5)).toThrow(/integer/);
  });

  test('STL-6: commission per delivery type; commission + net = gross on every row', () => {
    const log = new LogBuilder()
      .money({ orderId: 'i', amountFen: 12_345, at: at('2024-01-05T09:00'), deliveryType: 'image' })
      .money({ orderId: 'k', amountFen: 12_345, at: at('2024-01-05T09:00'), deliveryType: 'api' });
    const s = run(log, 'koogallery', { commissionBasisPoints: { image: 550 } });
    expect(s.rows.map((r) => [r.line.orderId, yuan(r.commissionFen), yuan(r.netFen)])).toEqual([['i', '6.79', '116.66'], ['k', '0.00', '123.45']]);
  });
});

describe('STL-5: every pending settlement of a product is reconciled at its delisting', () => {
  test('STL-5: at 已停售 the reconciliation lists the order under supervision and the one awaiting its statement, not the paid one', () => {
    const log = new LogBuilder()
      .money({ orderId: 'old', amountFen: 1_000, at: at('2023-12-20T09:00'), deliveryType: 'api' })
      .money({ orderId: 'new', amountFen: 2_000, at: at('2024-01-25T09:00'), deliveryType: 'api' })
      .money({ orderId: 'svc', amountFen: 3_000, at: at('2024-01-26T09:00'), deliveryType: 'manualService' })
      .delisted('p1', at('2024-02-10T09:00'))
      .completed('svc', at('2024-03-05T09:00'))
      .money({ orderId: 'other', productId: 'p2', amountFen: 4_000, at: at('2024-01-25T09:00'), deliveryType: 'api' });
    const [r, ...more] = run(log).reconciliations;
    expect(more).toEqual([]);
    expect(r!.productId).toBe('p1');
    expect(r!.pending.map((p) => `${p.line.orderId} ${p.status} → ${p.outcome.treatment} ${p.outcome.month}`)).toEqual([
      'new awaiting statement → settled 2024-02',
      'svc deferred → settled 2024-04',
    ]);
    expect(yuan(r!.pendingGrossFen)).toBe('50.00');
  });
});
