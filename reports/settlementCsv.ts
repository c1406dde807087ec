// settlement.csv and settlement-summary.csv: their columns (English and Chinese headers) and month totals; the
// shared writer (reports/csv.ts) does yuan, formula neutralising and the BOM. Pure: a Settlement in, a string out.
// Columns added later go at the end, so a tool that reads the files by position keeps reading the same columns:
// the names beside the IDs, and each amount again as integer fen (exact in any tool that reads numbers as
// floating point, which the yuan text "1478832.87" is not once summed: docs/csv.md).
import { csvChunks, csvText, yuan, type CsvColumn, type CsvOptions } from './csv.js';
import { term } from './i18n/glossary.js';
import { NO_NAMES, nameOf, type CatalogNames } from './runInfo.js';
import { sumFen } from './settlementMoney.js';
import type { Settlement, SettlementRow, Treatment } from './settlement.js';

export type { CsvOptions } from './csv.js';

export function settlementColumns(names: CatalogNames): CsvColumn<SettlementRow>[] {
  return [
    { en: 'settlement_month', zh: '结算月份', value: (r) => r.settlementMonth },
    { en: 'merchant_id', zh: '商家ID', value: (r) => r.line.merchantId },
    { en: 'order_id', zh: '订单编号', value: (r) => r.line.orderId },
    { en: 'order_type', zh: '订单类型', value: (r, lang) => term('orderType', r.line.orderType, lang) },
    { en: 'product_id', zh: '商品ID', value: (r) => r.line.productId },
    { en: 'delivery_type', zh: '交付方式', value: (r, lang) => term('deliveryType', r.line.deliveryType, lang) },
    { en: 'charging_mode', zh: '计费方式', value: (r, lang) => term('chargingMode', r.line.chargingMode, lang) },
    { en: 'gross_amount', zh: '订单金额(元)', value: (r) => yuan(r.line.grossFen), numeric: true },
    { en: 'commission', zh: '佣金(元)', value: (r) => yuan(r.commissionFen), numeric: true },
    { en: 'net_amount', zh: '结算金额(元)', value: (r) => yuan(r.netFen), numeric: true },
    { en: 'treatment', zh: '结算处理', value: (r, lang) => term('treatment', r.treatment, lang) },
    { en: 'rule', zh: '规则', value: (r) => r.rule },
    { en: 'merchant_name', zh: '商家名称', value: (r) => nameOf(names.merchants, r.line.merchantId) },
    { en: 'product_name', zh: '商品名称', value: (r) => nameOf(names.products, r.line.productId) },
    { en: 'gross_fen', zh: '订单金额(分)', value: (r) => r.line.grossFen, numeric: true },
    { en: 'commission_fen', zh: '佣金(分)', value: (r) => r.commissionFen, numeric: true },
    { en: 'net_fen', zh: '结算金额(分)', value: (r) => r.netFen, numeric: true },
  ];
}

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

/** The amounts of settlement-summary.csv, in column order: yuan columns, then the same again in fen at the end. */
const SUMMARY_AMOUNTS: readonly { en: string; zh: string; fen: (t: MonthTotals) => number }[] = [
  { en: 'settled_amount', zh: '已结算金额', fen: (t) => t.settledFen },
  { en: 'netted_amount', zh: '合并出账金额', fen: (t) => t.nettedFen },
  { en: 'gross_amount', zh: '应结总额', fen: (t) => t.grossFen },
  { en: 'commission', zh: '佣金', fen: (t) => t.commissionFen },
  { en: 'net_amount', zh: '应付商家', fen: (t) => t.netFen },
  { en: 'deferred_amount', zh: '待结算金额', fen: (t) => t.deferredFen },
  { en: 'excluded_amount', zh: '不参与结算金额', fen: (t) => t.excludedFen },
];

export function summaryColumns(names: CatalogNames): CsvColumn<MonthTotals>[] {
  return [
    { en: 'settlement_month', zh: '结算月份', value: (t) => t.settlementMonth },
    { en: 'merchant_id', zh: '商家ID', value: (t) => t.merchantId },
    { en: 'lines', zh: '明细行数', value: (t) => String(t.lines), numeric: true },
    ...SUMMARY_AMOUNTS.map((a): CsvColumn<MonthTotals> => ({ en: a.en, zh: `${a.zh}(元)`, value: (t) => yuan(a.fen(t)), numeric: true })),
    { en: 'merchant_name', zh: '商家名称', value: (t) => nameOf(names.merchants, t.merchantId) },
    ...SUMMARY_AMOUNTS.map((a): CsvColumn<MonthTotals> => ({ en: `${a.en.replace(/_amount$/, '')}_fen`, zh: `${a.zh}(分)`, value: (t) => a.fen(t), numeric: true })),
  ];
}

/** Totals per merchant and month, in the rows' order (month, then merchant). */
export function monthTotals(settlement: Settlement): MonthTotals[] {
  const groups = new Map<string, SettlementRow[]>();
  for (const row of settlement.rows) {
    const key = `${row.settlementMonth}|${row.line.merchantId}`;
    // Appended in place: copying the group on every row made this quadratic in a merchant's lines per month.
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
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

export function settlementCsv(settlement: Settlement, options: CsvOptions, names: CatalogNames = NO_NAMES): string {
  return csvText(settlementColumns(names), settlement.rows, options);
}

/** settlementCsv in pieces (reports/csv.ts `csvChunks`), for a writer that need not hold the whole text. */
export function settlementCsvChunks(settlement: Settlement, options: CsvOptions, names: CatalogNames = NO_NAMES): Iterable<string> {
  return csvChunks(settlementColumns(names), settlement.rows, options);
}

export function settlementSummaryCsv(settlement: Settlement, options: CsvOptions, names: CatalogNames = NO_NAMES): string {
  return csvText(summaryColumns(names), monthTotals(settlement), options);
}
