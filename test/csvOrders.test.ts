// reports/csv.ts and orders.csv: formula neutralising, yuan from fen, BOM, ORD-6 columns, ORD-5 exclusions.
import { describe, expect, test } from 'vitest';
import { csvText, localDateTime, neutralise, yuan } from '../reports/csv.js';
import { ordersCsv } from '../reports/ordersCsv.js';
import { runBuiltIn } from './support/orderHarness.js';

describe('CSV helper', () => {
  test('STL-7: fen are written as yuan with exactly two decimals, negatives keep their minus', () => {
    expect([yuan(0), yuan(5), yuan(120000), yuan(-9900), yuan(-5), yuan(123456789)]).toEqual(['0.00', '0.05', '1200.00', '-99.00', '-0.05', '1234567.89']);
  });

  test('cells that a spreadsheet would run as formulas are neutralised; plain numbers are not', () => {
    expect(['=1+1', '+cmd', '-x', '@SUM(A1)', '\tx', '\rx', '-99.00', '12', 'ok'].map(neutralise)).toEqual([
      "'=1+1", "'+cmd", "'-x", "'@SUM(A1)", "'\tx", "'\rx", '-99.00', '12', 'ok',
    ]);
  });

  test('fixed column order, language headers and an optional BOM', () => {
    const cols = [{ en: 'b', zh: '乙', value: (r: { b: string }) => r.b }, { en: 'a', value: () => '=x' }];
    expect(csvText(cols, [{ b: '1' }], { lang: 'en', excel: false })).toBe("b,a\n1,'=x\n");
    expect(csvText(cols, [{ b: '1' }], { lang: 'zh', excel: true })).toBe("\uFEFF乙,a\n1,'=x\n");
  });
});

describe('orders.csv', () => {
  test('ORD-6 ORD-1: one row per order with the seller-center columns first, Chinese headers and values with --lang zh', () => {
    const r = runBuiltIn('refunds-five-day-tencent');
    const names = new Map([['img', 'Acme Hardened Ubuntu']]);
    const catalog = { merchants: { m1: '杭州云镜科技有限公司' }, products: {} };
    const zh = ordersCsv(r.entries, names, { lang: 'zh', excel: false }, catalog).split('\n');
    expect(zh[0]).toBe('订单编号,商品名称,购买用户ID,订单类型/计费方式,购买时长,金额,订单状态,创建时间,商品ID,商家ID,商家名称,金额(分),创建时间(北京时间)');
    expect(zh[1]).toBe('o-day4,Acme Hardened Ubuntu,b1,购买/包年包月,1个月,99.00,已退款,2024-03-02T10:00:00+08:00,img,m1,杭州云镜科技有限公司,9900,2024-03-02 10:00:00');
    expect(zh).toContain('o-day4-RF,Acme Hardened Ubuntu,b1,退款/包年包月,,-99.00,已完成,2024-03-06T10:00:00+08:00,img,m1,杭州云镜科技有限公司,-9900,2024-03-06 10:00:00');
    const en = ordersCsv(r.entries, names, { lang: 'en', excel: false }).split('\n');
    expect(en[0]).toBe('order number,product name,buyer id,order type / charging mode,duration,amount,status,created at,product id,merchant id,merchant name,amount (fen),created at (UTC+8)');
    expect(en).toContain('o-day4-RF,Acme Hardened Ubuntu,b1,refund/period,,-99.00,completed,2024-03-06T10:00:00+08:00,img,m1,,-9900,2024-03-06 10:00:00');
    expect(en.filter((l) => l.length > 0)).toHaveLength(1 + 5);
  });

  test('ORD-6: the UTC+8 local time drops the offset and milliseconds and keeps the local day across midnight UTC', () => {
    expect(localDateTime(Date.parse('2024-01-02T12:28:41.538Z'))).toBe('2024-01-02 20:28:41');
    expect(localDateTime(Date.parse('2024-01-31T16:00:00Z'))).toBe('2024-02-01 00:00:00');
  });

  test('ORD-5: on-demand orders and their usage are not in the order list', () => {
    const r = runBuiltIn('usage-disk-swap');
    expect(ordersCsv(r.entries, new Map(), { lang: 'en', excel: false }).trim().split('\n')).toHaveLength(1);
  });
});
