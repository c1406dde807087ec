// settlement.csv and settlement-summary.csv as text: fixed columns, yuan with two decimals, English or Chinese
// headers, optional BOM, and every formula-looking cell neutralised. Pure: a Settlement in, a string out.
import { stringify } from 'csv-stringify/sync';
import { sumFen, yuan } from './settlementMoney.js';
import type { Settlement, SettlementRow, Treatment } from './settlement.js';

export interface CsvOptions {
  readonly lang: 'en' | 'zh';
  /** Prefix a UTF-8 BOM so Excel reads the file as UTF-8. */
  readonly excel: boolean;
}

interface Column<T> {
  readonly en: string;
  readonly zh: string;
  readonly cell: (row: T) => string;
}

export const SETTLEMENT_COLUMNS: readonly Column<SettlementRow>[] = [
  { en: 'settlement_month', zh: '结算月份', cell: (r) => r.settlementMonth },
  { en: 'merchant_id', zh: '商家ID', cell: (r) => r.line.merchantId },
  { en: 'order_id', zh: '订单编号', cell: (r) => r.line.orderId },
  { en: 'order_type', zh: '订单类型', cell: (r) => r.line.orderType },
  { en: 'product_id', zh: '商品ID', cell: (r) => r.line.productId },
  { en: 'delivery_type', zh: '交付方式', cell: (r) => r.line.deliveryType },
  { en: 'charging_mode', zh: '计费方式', cell: (r) => r.line.chargingMode },
  { en: 'gross_amount', zh: '订单金额(元)', cell: (r) => yuan(r.line.grossFen) },
  { en: 'commission', zh: '佣金(元)', cell: (r) => yuan(r.commissionFen) },
  { en: 'net_amount', zh: '结算金额(元)', cell: (r) => yuan(r.netFen) },
  { en: 'treatment', zh: '结算处理', cell: (r) => r.treatment },
  { en: 'rule', zh: '规则', cell: (r) => r.rule },
];

/** One merchant's totals in one statement month (settlement-summary.csv, summary.md), in fen. */
export interface MonthTotals {
  readonly settlementMonth: string;
  readonly merchantId: string;
  readonly lines: number;
  readonly settledFen: number;
  readonly nettedFen: number;
  /** Gross of what the statement pays: settled + netted rows. */
  readonly grossFen: number;
  readonly commissionFen: number;
  /** What the merchant is paid this month: net of settled + netted rows. */
  readonly netFen: number;
  /** Gross still held back in this month (a stock, not a flow: a line deferred for 3 months counts 3 times). */
  readonly deferredFen: number;
  readonly excludedFen: number;
}

export const SUMMARY_COLUMNS: readonly Column<MonthTotals>[] = [
  { en: 'settlement_month', zh: '结算月份', cell: (t) => t.settlementMonth },
  { en: 'merchant_id', zh: '商家ID', cell: (t) => t.merchantId },
  { en: 'lines', zh: '明细行数', cell: (t) => String(t.lines) },
  { en: 'settled_amount', zh: '已结算金额(元)', cell: (t) => yuan(t.settledFen) },
  { en: 'netted_amount', zh: '抵消金额(元)', cell: (t) => yuan(t.nettedFen) },
  { en: 'gross_amount', zh: '应结总额(元)', cell: (t) => yuan(t.grossFen) },
  { en: 'commission', zh: '佣金(元)', cell: (t) => yuan(t.commissionFen) },
  { en: 'net_amount', zh: '应付商家(元)', cell: (t) => yuan(t.netFen) },
  { en: 'deferred_amount', zh: '暂缓金额(元)', cell: (t) => yuan(t.deferredFen) },
  { en: 'excluded_amount', zh: '不参与结算金额(元)', cell: (t) => yuan(t.excludedFen) },
];

/** Totals per merchant and month, in the rows' order (month, then merchant). */
export function monthTotals(settlement: Settlement): MonthTotals[] {
  const groups = new Map<string, SettlementRow[]>();
  for (const row of settlement.rows) {
    const key = `${row.settlementMonth}|${row.line.merchantId}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].map((rows) => {
    const of = (...treatments: Treatment[]) => rows.filter((r) => treatments.includes(r.treatment));
    const paid = of('settled', 'netted');
    return {
      settlementMonth: rows[0]!.settlementMonth,
      merchantId: rows[0]!.line.merchantId,
      lines: rows.length,
      settledFen: sumFen(of('settled').map((r) => r.line.grossFen)),
      nettedFen: sumFen(of('netted').map((r) => r.line.grossFen)),
      grossFen: sumFen(paid.map((r) => r.line.grossFen)),
      commissionFen: sumFen(paid.map((r) => r.commissionFen)),
      netFen: sumFen(paid.map((r) => r.netFen)),
      deferredFen: sumFen(of('deferred').map((r) => r.line.grossFen)),
      excludedFen: sumFen(of('excluded').map((r) => r.line.grossFen)),
    };
  });
}

export function settlementCsv(settlement: Settlement, options: CsvOptions): string {
  return csvText(SETTLEMENT_COLUMNS, settlement.rows, options);
}

export function settlementSummaryCsv(settlement: Settlement, options: CsvOptions): string {
  return csvText(SUMMARY_COLUMNS, monthTotals(settlement), options);
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A cell a spreadsheet would run as a formula (starts with = + - @ tab or CR) and that is not a plain number gets a
 * leading apostrophe, so "-12.50" stays a number and "=HYPERLINK(…)" stays text.
 */
export function neutraliseCell(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) && !NUMBER.test(cell) ? `'${cell}` : cell;
}

function csvText<T>(columns: readonly Column<T>[], rows: readonly T[], options: CsvOptions): string {
  const header = columns.map((c) => (options.lang === 'zh' ? c.zh : c.en));
  const body = rows.map((row) => columns.map((c) => neutraliseCell(c.cell(row))));
  return stringify([header, ...body], { bom: options.excel, record_delimiter: '\n' });
}
