// settlement.csv and settlement-summary.csv: their columns (English and Chinese headers) and month totals; the
// shared writer (reports/csv.ts) does yuan, formula neutralising and the BOM. Pure: a Settlement in, a string out.
import { csvText, yuan, type CsvColumn, type CsvOptions } from './csv.js';
import { sumFen } from './settlementMoney.js';
import type { Settlement, SettlementRow, Treatment } from './settlement.js';

export type { CsvOptions } from './csv.js';

export const SETTLEMENT_COLUMNS: readonly CsvColumn<SettlementRow>[] = [
  { en: 'settlement_month', zh: '结算月份', value: (r) => r.settlementMonth },
  { en: 'merchant_id', zh: '商家ID', value: (r) => r.line.merchantId },
  { en: 'order_id', zh: '订单编号', value: (r) => r.line.orderId },
  { en: 'order_type', zh: '订单类型', value: (r) => r.line.orderType },
  { en: 'product_id', zh: '商品ID', value: (r) => r.line.productId },
  { en: 'delivery_type', zh: '交付方式', value: (r) => r.line.deliveryType },
  { en: 'charging_mode', zh: '计费方式', value: (r) => r.line.chargingMode },
  { en: 'gross_amount', zh: '订单金额(元)', value: (r) => yuan(r.line.grossFen), numeric: true },
  { en: 'commission', zh: '佣金(元)', value: (r) => yuan(r.commissionFen), numeric: true },
  { en: 'net_amount', zh: '结算金额(元)', value: (r) => yuan(r.netFen), numeric: true },
  { en: 'treatment', zh: '结算处理', value: (r) => r.treatment },
  { en: 'rule', zh: '规则', value: (r) => r.rule },
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

export const SUMMARY_COLUMNS: readonly CsvColumn<MonthTotals>[] = [
  { en: 'settlement_month', zh: '结算月份', value: (t) => t.settlementMonth },
  { en: 'merchant_id', zh: '商家ID', value: (t) => t.merchantId },
  { en: 'lines', zh: '明细行数', value: (t) => String(t.lines), numeric: true },
  { en: 'settled_amount', zh: '已结算金额(元)', value: (t) => yuan(t.settledFen), numeric: true },
  { en: 'netted_amount', zh: '抵消金额(元)', value: (t) => yuan(t.nettedFen), numeric: true },
  { en: 'gross_amount', zh: '应结总额(元)', value: (t) => yuan(t.grossFen), numeric: true },
  { en: 'commission', zh: '佣金(元)', value: (t) => yuan(t.commissionFen), numeric: true },
  { en: 'net_amount', zh: '应付商家(元)', value: (t) => yuan(t.netFen), numeric: true },
  { en: 'deferred_amount', zh: '暂缓金额(元)', value: (t) => yuan(t.deferredFen), numeric: true },
  { en: 'excluded_amount', zh: '不参与结算金额(元)', value: (t) => yuan(t.excludedFen), numeric: true },
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
