// settlement.csv / settlement-summary.csv as files: column order, yuan with 2 decimals and negative refunds (STL-7),
// Chinese headers, Excel BOM, and formula-looking ids neutralised while negative amounts stay numbers.
import { describe, expect, test } from 'vitest';
import { parseCsv } from '../cli/tui/csv.js';
import { resolveRules } from '../machines/rules.js';
import { settle } from '../reports/settlement.js';
import { settlementCsv, settlementSummaryCsv } from '../reports/settlementCsv.js';
import { settlementFacts } from '../reports/settlementFacts.js';
import { at, LogBuilder } from './support/settlementLog.js';

const params = resolveRules('tencent', { commissionBasisPoints: { image: 1_000 } });
if (!params.ok) throw new Error('profile');

const FORMULA_PRODUCT = '=HYPERLINK("http://evil.example","click")';
const log = new LogBuilder()
  .money({ orderId: '@SUM(A1)', productId: FORMULA_PRODUCT, merchantId: '+m1', deliveryType: 'image', amountFen: 12_345, at: at('2024-01-05T10:00') })
  .money({ orderId: '-o2', productId: 'p2', merchantId: '+m1', deliveryType: 'image', amountFen: 5_000, at: at('2024-01-06T10:00') })
  .money({ orderId: '-o2-RF', relatesTo: '-o2', productId: 'p2', merchantId: '+m1', deliveryType: 'image', amountFen: -5_000, at: at('2024-02-06T10:00'), tags: { refundReason: 'cannotDeliver' } });
const settlement = settle({ facts: settlementFacts(log.entries), params: params.params, runEnd: at('2024-02-29T23:59') });

describe('settlement.csv', () => {
  test('STL-7: the exact columns, in order; yuan with two decimals; the refund negative', () => {
    const [header, ...rows] = parseCsv(settlementCsv(settlement, { lang: 'en', excel: false }));
    expect(header).toEqual([
      'settlement_month', 'merchant_id', 'order_id', 'order_type', 'product_id', 'delivery_type', 'charging_mode', 'gross_amount', 'commission', 'net_amount', 'treatment', 'rule',
      'merchant_name', 'product_name', 'gross_fen', 'commission_fen', 'net_fen',
    ]);
    expect(rows.map((r) => [r[0], r[3], r[7], r[8], r[9], r[10], r[11], r[14], r[15], r[16]])).toEqual([
      ['2024-02', 'purchase', '50.00', '5.00', '45.00', 'settled', 'STL-1', '5000', '500', '4500'],
      ['2024-02', 'purchase', '123.45', '12.35', '111.10', 'settled', 'STL-1', '12345', '1235', '11110'],
      ['2024-03', 'refund', '-50.00', '-5.00', '-45.00', 'settled', 'REF-3', '-5000', '-500', '-4500'],
    ]);
  });

  test('formula-looking product, order and merchant ids are neutralised; negative amounts are not', () => {
    const text = settlementCsv(settlement, { lang: 'en', excel: false });
    const cells = parseCsv(text).slice(1).flat();
    expect(cells).toContain(`'${FORMULA_PRODUCT}`);
    expect(cells).toContain("'@SUM(A1)");
    expect(cells).toContain("'-o2-RF");
    expect(cells).toContain("'+m1");
    expect(cells).toContain('-50.00');
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-\d+(\.\d{2})?$/.test(c))).toEqual([]);
  });

  test('--lang zh gives Chinese headers and the glossary\'s values (the rest as in English); --excel prefixes a UTF-8 BOM', () => {
    const zh = settlementCsv(settlement, { lang: 'zh', excel: true });
    expect(zh.startsWith('\uFEFF')).toBe(true);
    expect(parseCsv(zh)[0]).toEqual([
      '结算月份', '商家ID', '订单编号', '订单类型', '商品ID', '交付方式', '计费方式', '订单金额(元)', '佣金(元)', '结算金额(元)', '结算处理', '规则',
      '商家名称', '商品名称', '订单金额(分)', '佣金(分)', '结算金额(分)',
    ]);
    const en = parseCsv(settlementCsv(settlement, { lang: 'en', excel: false })).slice(1);
    const translated = new Map([['purchase', '购买'], ['refund', '退款'], ['image', '镜像'], ['period', '包年包月'], ['settled', '已结算']]);
    expect(parseCsv(zh).slice(1)).toEqual(en.map((row) => row.map((c, i) => ([3, 5, 6, 10].includes(i) ? translated.get(c) ?? `untranslated ${c}` : c))));
    expect(settlementCsv(settlement, { lang: 'en', excel: false }).startsWith('settlement_month')).toBe(true);
  });
});

describe('settlement-summary.csv', () => {
  test('STL-1 STL-6: one row per merchant and month with totals; payable is net of settled lines', () => {
    const rows = parseCsv(settlementSummaryCsv(settlement, { lang: 'en', excel: false }));
    expect(rows).toEqual([
      [
        'settlement_month', 'merchant_id', 'lines', 'settled_amount', 'netted_amount', 'gross_amount', 'commission', 'net_amount', 'deferred_amount', 'excluded_amount',
        'merchant_name', 'settled_fen', 'netted_fen', 'gross_fen', 'commission_fen', 'net_fen', 'deferred_fen', 'excluded_fen',
      ],
      ['2024-02', "'+m1", '2', '173.45', '0.00', '173.45', '17.35', '156.10', '0.00', '0.00', '', '17345', '0', '17345', '1735', '15610', '0', '0'],
      ['2024-03', "'+m1", '1', '-50.00', '0.00', '-50.00', '-5.00', '-45.00', '0.00', '0.00', '', '-5000', '0', '-5000', '-500', '-4500', '0', '0'],
    ]);
  });
});
