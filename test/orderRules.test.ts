// ORD, REF, REN and INT rules proven through the engine on the built-in order scenarios (expectations are
// derived from RULES.md and the scenarios' own numbers, never read back from the code under test).
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { calls, cst, interfaceMessages, ledger, line, order, runBuiltIn, runText, SCENARIOS } from './support/orderHarness.js';

const MIN = 60_000;

describe('refunds', () => {
  const r = runBuiltIn('refunds-five-day-tencent');

  test('REF-1: a tencent prepaid image refunded on day 4 is refunded in full, automatically, tagged no-reason', () => {
    expect(r.violations).toEqual([]);
    const refund = ledger(r).find((l) => l.orderId === 'o-day4-RF')!;
    expect(refund).toMatchObject({ entry: 'refund', relatesTo: 'o-day4', amountFen: -9900, tags: { noReasonRefund: true } });
    expect(order(r, 'o-day4').value).toBe('refunded');
  });

  test('REF-3: on day 6 the buyer is refused; operations need a listed reason and enter the amount', () => {
    expect(line(r, 'order:o-day6', 'refund', 0)).toMatchObject({ accepted: false, rules: expect.arrayContaining(['REF-3']) });
    expect(line(r, 'order:o-day6', 'refund', 1)).toMatchObject({ accepted: false, rules: ['REF-3'] });
    expect(line(r, 'order:o-day6', 'refund', 2)).toMatchObject({ accepted: true });
    expect(ledger(r).find((l) => l.orderId === 'o-day6-RF')).toMatchObject({ amountFen: -5000, tags: { refundReason: 'notAsDescribed' } });
  });

  test('REF-2: the re-order after a no-reason refund names the refunded order and is tagged for exclusion', () => {
    const reorder = ledger(r).find((l) => l.orderId === 'o-reorder')!;
    expect(reorder).toMatchObject({ relatesTo: 'o-day4', tags: { reorderOfNoReasonRefund: true } });
    expect(ledger(r).find((l) => l.orderId === 'o-day6')!.tags).toEqual({});
  });

  test('REF-4: worked example — 100 × 12 bought 2024-01-05, unsubscribed 2024-01-07: both orders kept, netting to 0', () => {
    const k = runBuiltIn('refunds-not-yet-effective-koogallery');
    expect(k.violations).toEqual([]);
    const crm = ledger(k).filter((l) => l.orderId === 'o-crm' || l.relatesTo === 'o-crm');
    expect(crm.map((l) => l.amountFen)).toEqual([100_00 * 12, -100_00 * 12]);
    expect(crm[0]!.at).toBe(cst(2024, 1, 5, 10));
    expect(crm[1]).toMatchObject({ at: cst(2024, 1, 7, 10), tags: { notYetEffective: true } });
    expect(crm.reduce((s, l) => s + l.amountFen, 0)).toBe(0);
  });

  test('REN-5 + REF-4: refunding a renewal before it takes effect nets it and moves the merchant’s expiry back', () => {
    const k = runBuiltIn('refunds-not-yet-effective-koogallery');
    const img = ledger(k).filter((l) => l.orderId.startsWith('o-img'));
    expect(img.map((l) => [l.orderType, l.amountFen])).toEqual([['purchase', 5000], ['renewal', 5000], ['refund', -5000]]);
    const updates = calls(k).filter((c) => c.params.endpoint === 'updateInstance' && c.params.payload.orderId === 'o-img');
    expect(updates.map((u) => u.params.payload.validUntil)).toEqual([cst(2024, 3, 5, 10), cst(2024, 2, 5, 10)]);
    expect(line(k, 'order:o-img', 'after(expiry)').at).toBe('2024-02-05T10:00:00+08:00');
  });

  test('ORD-4: refunding an on-demand order has amount 0 and stops billing', () => {
    const u = runBuiltIn('usage-disk-swap');
    const refund = ledger(u).find((l) => l.entry === 'refund')!;
    expect(refund.amountFen).toBe(0);
    expect(ledger(u).filter((l) => l.entry === 'usage').every((l) => l.at <= refund.at)).toBe(true);
  });
});

describe('expiry and renewal', () => {
  test('REN-3: SaaS expiry call (商品过期) retried every 5 minutes for 1 hour then given up; License called once', () => {
    const r = runBuiltIn('renewal-expiry-calls');
    expect(r.violations).toEqual([]);
    const expiry = cst(2024, 2, 10, 10);
    const saas = calls(r).filter((c) => c.params.endpoint === 'expireInstance' && c.params.payload.orderId === 'o-saas');
    expect(saas.map((c) => c.entry.at)).toEqual(
      Array.from({ length: 13 }, (_, i) => new Date(expiry + i * 5 * MIN + 8 * 60 * MIN).toISOString().slice(0, 19) + '+08:00'),
    );
    expect(new Set(saas.map((c) => c.params.callId)).size).toBe(1);
    const lic = calls(r).filter((c) => c.params.endpoint === 'expireInstance' && c.params.payload.orderId === 'o-lic');
    expect(lic).toHaveLength(1);
    const messages = interfaceMessages(r);
    expect(messages.filter((m) => m.params.givenUp).map((m) => m.entry.entity).sort()).toEqual(['order:o-api', 'order:o-lic', 'order:o-saas']);
    expect(messages).toHaveLength(13 + 1 + 13);
  });

  test('REN-3: when the endpoint answers, the merchant freezes the instance', () => {
    const r = runBuiltIn('renewal-expiry-calls', (t) => t.replace(/faults:\n.*\n/, ''));
    const saas = calls(r).filter((c) => c.params.endpoint === 'expireInstance' && c.params.payload.orderId === 'o-saas');
    expect(saas).toHaveLength(1);
    expect(r.entries.some((e) => e.entity === 'order:o-saas' && e.event === 'merchantReplied' && e.state === 'frozen.confirmed')).toBe(true);
  });

  test('REN-1: with auto-renew on the system renews 7 days before expiry; REN-2: with it off the instance is frozen, then released', () => {
    const r = runBuiltIn('renewal-auto-renew');
    expect(r.violations).toEqual([]);
    const renewal = ledger(r).find((l) => l.orderType === 'renewal' && l.relatesTo === 'o-on')!;
    expect(renewal.at).toBe(cst(2024, 2, 3, 10));
    expect(renewal.effectiveFrom).toBe(cst(2024, 2, 10, 10));
    expect(line(r, 'order:o-on', 'renew').by).toBe('system');
    expect(line(r, 'order:o-off', 'after(expiry)').at).toBe('2024-02-10T10:00:00+08:00');
    expect(line(r, 'order:o-off', 'after(frozenRetention)').at).toBe('2024-02-25T10:00:00+08:00');
    expect(ledger(r).some((l) => l.relatesTo === 'o-off')).toBe(false);
  });

  test('DEL-5: after delisting the automatic and the manual renewal are refused', () => {
    const r = runBuiltIn('renewal-auto-renew');
    expect(line(r, 'order:o-delisted', 'renew', 0)).toMatchObject({ accepted: false, rules: ['DEL-5'], by: 'system' });
    expect(line(r, 'order:o-delisted', 'renew', 1)).toMatchObject({ accepted: false, rules: ['DEL-5'] });
  });

  test('ORD-9: a period order expires at creation + period (calendar month, UTC+8)', () => {
    const r = runBuiltIn('renewal-expiry-calls');
    expect(order(r, 'o-lic').context.validUntil).toBe(cst(2024, 2, 10, 10));
  });
});

describe('purchases and payment', () => {
  const k = runBuiltIn('orders-availability');
  const t = runBuiltIn('orders-availability-tencent');

  test('PUB-2 HIDE-2 DEL-1: koogallery refuses drafts, pending, hidden-from-storefront and discontinued; sells hidden by URL', () => {
    expect(k.violations).toEqual([]);
    expect(line(k, 'order:o-draft', 'purchase').rules).toEqual(['PUB-2']);
    expect(line(k, 'order:o-pending', 'purchase').rules).toEqual(['PUB-2']);
    expect(line(k, 'order:o-hidden-store', 'purchase').rules).toEqual(['HIDE-2']);
    expect(line(k, 'order:o-hidden-url', 'purchase').accepted).toBe(true);
    expect(line(k, 'order:o-discontinued', 'purchase').rules).toEqual(['DEL-1']);
  });

  test('HIDE-3 DEL-4: tencent refuses a temporarily delisted product even by link, and a delisted one', () => {
    expect(t.violations).toEqual([]);
    expect(line(t, 'order:o-hidden-url', 'purchase').rules).toEqual(['HIDE-3']);
    expect(line(t, 'order:o-delisted', 'purchase').rules).toEqual(['DEL-4']);
  });

  test('ORD-7 ORD-3: discount first, then one coupon → cash coupons → balance cash then credit pay the rest', () => {
    const vip = ledger(k).find((l) => l.orderId === 'o-vip')!;
    // 100.00 with a 10% exclusive discount leaves 90.00: coupon c1 (10.00), card1 (20.00), cash 10.00, credit 50.00.
    expect(vip.paymentSources).toEqual({ coupon: 1000, cashCoupons: 2000, balanceCash: 1000, balanceCredit: 5000, monthlySettlement: 0 });
    expect(vip.amountFen).toBe(9000);
    expect(vip.discountFen).toBe(1000);
    expect(line(k, 'order:o-two-coupons', 'purchase')).toMatchObject({ accepted: false, rules: ['ORD-7'] });
    expect(line(k, 'order:o-broke', 'purchase')).toMatchObject({ accepted: false, rules: ['ORD-7'] });
  });

  test('ORD-7: hardware cannot be paid by monthly settlement', () => {
    expect(line(k, 'order:o-box-monthly', 'purchase')).toMatchObject({ accepted: false, rules: ['ORD-7'] });
    expect(line(k, 'order:o-box', 'purchase').accepted).toBe(true);
  });

  test('ORD-11: an exclusive discount’s private link works only for the designated buyer', () => {
    expect(line(k, 'order:o-wrong-link', 'purchase')).toMatchObject({ accepted: false, rules: ['ORD-11'] });
    expect(line(k, 'order:o-vip', 'purchase').accepted).toBe(true);
  });

  test('ORD-1 ORD-2 ORD-3: purchase orders of period and per-use modes record what the buyer paid', () => {
    const box = ledger(k).find((l) => l.orderId === 'o-box')!;
    expect(box).toMatchObject({ orderType: 'purchase', chargingMode: 'perUse', periods: 2, amountFen: 2 * 50000 });
    const hourly = order(runBuiltIn('usage-disk-swap'), 'o1');
    expect(hourly.context.amountFen).toBe(100); // ORD-3: an hourly order's amount is the unit price
  });
});

describe('ORD-8 on-demand image billing', () => {
  const u = runBuiltIn('usage-disk-swap');
  const usage = ledger(u).filter((l) => l.entry === 'usage');

  test('ORD-8: a different image within the hour charges both; the same image once; a part hour counts whole', () => {
    expect(u.violations).toEqual([]);
    // A 10:00-11:00 (swapped away at 10:20); B 10:00-11:00, 11:00-12:00 (swapped to itself: once) and the part hour
    // 12:00-12:30, billed together when billing stops.
    const hours = usage.map((l) => [l.productId, l.usage!.hours, l.usage!.periodStart, l.amountFen]);
    expect(hours).toEqual([
      ['img-a', 1, cst(2024, 1, 2, 10), 100],
      ['img-b', 3, cst(2024, 1, 2, 10), 3 * 150],
    ]);
    expect(usage.reduce((s, l) => s + l.amountFen, 0)).toBe(100 + 3 * 150);
    expect(usage.find((l) => l.productId === 'img-b')!.merchantId).toBe('m2');
  });
});

describe('ORD-8 billed at month ends (lazily), to the hour', () => {
  const PERIOD = "  - { id: box, merchant: m1, name: Box, deliveryType: image, chargingMode: period, specs: [{ id: month, priceFen: 1500, period: month }] }\n";
  /** usage-disk-swap's catalogue and publishing, with its own end, buyers and orders. */
  const scenario = (end: string, buyers: string, orders: string): string => {
    const base = readFileSync(join(SCENARIOS, 'usage-disk-swap.yaml'), 'utf8');
    const head = base.slice(0, base.indexOf('  - { at: 2024-01-02T10:00, event: purchase'));
    return head
      .replace(/^end: .*$/m, `end: ${end}`)
      .replace(/^buyers: .*$/m, `buyers: ${buyers}`)
      .replace('products:\n', `products:\n${PERIOD}`)
      .concat('  - { at: 2024-01-02T09:00, event: submit, product: box }\n  - { at: 2024-01-02T09:10, event: approve, product: box }\n')
      .concat('  - { at: 2024-01-02T09:20, event: list, product: box, by: operator }\n', orders);
  };

  test('ORD-8 STL-4: usage across a month end is billed in the month each hour ends in; the part hour at the stop counts whole', () => {
    const r = runText(
      scenario('2024-02-10T00:00:00+08:00', '[{ id: b1 }]', '  - { at: 2024-01-31T22:30, event: purchase, order: o1, buyer: b1, product: img-a }\n  - { at: 2024-02-01T02:00, event: refund, order: o1 }\n'),
    );
    expect(r.violations).toEqual([]);
    const usage = ledger(r).filter((l) => l.entry === 'usage');
    // 22:30-23:30 ends in January; 23:30-00:30, 00:30-01:30 and the part hour 01:30-02:00 in February.
    expect(usage.map((l) => [l.usage!.hours, l.amountFen, l.at])).toEqual([
      [1, 100, cst(2024, 1, 31, 23, 30)],
      [3, 300, cst(2024, 2, 1, 2)],
    ]);
  });

  test('ORD-8 STL-4: a metered order wakes once a month and at the run’s end, and bills every hour ended by then', () => {
    const r = runText(scenario('2024-03-15T12:00:00+08:00', '[{ id: b1 }]', '  - { at: 2024-01-02T10:00, event: purchase, order: o1, buyer: b1, product: img-a }\n'));
    expect(r.violations).toEqual([]);
    const wakes = r.entries.filter((e) => e.entity === 'order:o1' && e.source === 'timer').map((e) => e.at);
    expect(wakes).toEqual(['2024-02-01T00:00:00+08:00', '2024-03-01T00:00:00+08:00', '2024-03-15T12:00:00+08:00']);
    const usage = ledger(r).filter((l) => l.entry === 'usage');
    // Jan 2 10:00 to Mar 15 12:00 is 73 days and 2 hours; the hour ending at the run's end is billed too.
    expect(usage.reduce((s, l) => s + l.usage!.hours, 0)).toBe(73 * 24 + 2);
    // Hours ending at 2024-02-01 00:00 belong to February: January has 29 days and 14 hours of them, less that one.
    expect(usage[0]!.usage!.hours).toBe(29 * 24 + 14 - 1);
  });

  test('ORD-7 ORD-8: hours already ended count against the balance before they are billed (refused purchase)', () => {
    // ¥20.00 cash; the hourly image costs ¥1.00 an hour; at 20:30 ten hours have ended (¥10.00 owed), so ¥15.00 of
    // a period product is not covered, although nothing has been billed yet.
    const orders = '  - { at: 2024-01-02T10:00, event: purchase, order: o1, buyer: b1, product: img-a }\n  - { at: 2024-01-02T20:30, event: purchase, order: o2, buyer: b1, product: box }\n';
    const r = runText(scenario('2024-01-10T00:00:00+08:00', '[{ id: b1, balanceCashFen: 2000 }]', orders));
    expect(ledger(r).filter((l) => l.entry === 'usage' && l.at <= cst(2024, 1, 2, 20, 30))).toEqual([]);
    expect(line(r, 'order:o2', 'purchase')).toMatchObject({ accepted: false, rules: expect.arrayContaining(['ORD-7']) });
    // With ¥25.00 the same purchase is covered (¥25.00 − ¥10.00 ≥ ¥15.00).
    const richer = runText(scenario('2024-01-10T00:00:00+08:00', '[{ id: b1, balanceCashFen: 2500 }]', orders));
    expect(line(richer, 'order:o2', 'purchase')).toMatchObject({ accepted: true });
  });
});
