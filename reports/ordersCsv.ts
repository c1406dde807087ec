// orders.csv: one row per order (purchase, renewal, refund), built from the `ledger` effects in the log, in the
// seller-center export's columns (ORD-6). On-demand (hourly) orders and usage are left out (ORD-5). After the
// seller center's columns, at the end so they keep their positions: the IDs beside the product name, the merchant
// and its name, the amount in integer fen (exact in tools that read numbers as floating point) and the creation
// time as the seller center shows it, "2024-01-02 20:28:41" in UTC+8, which a spreadsheet reads as a date.
import { isEffect } from '../sim/log/effects.js';
import type { LedgerParams } from '../machines/contracts.js';
import type { LogEntry } from '../sim/log/entry.js';
import { formatTime } from '../machines/time.js';
import { csvText, localDateTime, yuan, type CsvColumn, type CsvOptions } from './csv.js';
import { term } from './i18n/glossary.js';
import { NO_NAMES, nameOf, type CatalogNames } from './runInfo.js';

export interface OrderRow {
  readonly entry: LedgerParams;
  readonly productName: string;
  readonly status: 'paid' | 'refunded' | 'completed';
}

function duration(entry: LedgerParams, lang: CsvOptions['lang']): string {
  if (entry.periods === undefined) return '';
  if (entry.periodUnit) return lang === 'zh' ? `${entry.periods}${entry.periodUnit === 'year' ? term('periodUnit', 'year', lang) : `个${term('periodUnit', 'month', lang)}`}` : `${entry.periods} ${entry.periodUnit}${entry.periods === 1 ? '' : 's'}`;
  return lang === 'zh' ? `${entry.periods}次` : `${entry.periods} use${entry.periods === 1 ? '' : 's'}`;
}

function columns(lang: CsvOptions['lang'], names: CatalogNames): CsvColumn<OrderRow>[] {
  return [
    { en: 'order number', zh: '订单编号', value: (r) => r.entry.orderId },
    { en: 'product name', zh: '商品名称', value: (r) => r.productName },
    { en: 'buyer id', zh: '购买用户ID', value: (r) => r.entry.buyerId },
    {
      en: 'order type / charging mode',
      zh: '订单类型/计费方式',
      value: (r) => `${term('orderType', r.entry.orderType, lang)}/${term('chargingMode', r.entry.chargingMode, lang)}`,
    },
    { en: 'duration', zh: '购买时长', value: (r) => duration(r.entry, lang) },
    { en: 'amount', zh: '金额', value: (r) => yuan(r.entry.amountFen) },
    { en: 'status', zh: '订单状态', value: (r) => term('orderStatus', r.status, lang) },
    { en: 'created at', zh: '创建时间', value: (r) => formatTime(r.entry.at) },
    { en: 'product id', zh: '商品ID', value: (r) => r.entry.productId },
    { en: 'merchant id', zh: '商家ID', value: (r) => r.entry.merchantId },
    { en: 'merchant name', zh: '商家名称', value: (r) => nameOf(names.merchants, r.entry.merchantId) },
    { en: 'amount (fen)', zh: '金额(分)', value: (r) => r.entry.amountFen },
    { en: 'created at (UTC+8)', zh: '创建时间(北京时间)', value: (r) => localDateTime(r.entry.at) },
  ];
}

/** The order rows of a run: period and per-use orders and their refunds, in log order (ORD-5, ORD-6). */
export function orderRows(entries: readonly LogEntry[], productNames: ReadonlyMap<string, string>): OrderRow[] {
  const ledger: LedgerParams[] = [];
  for (const entry of entries) for (const effect of entry.effects ?? []) if (isEffect(effect, 'ledger')) ledger.push(effect.params);
  return ledgerOrderRows(ledger, productNames);
}

/** ORD-5: whether a ledger fact is a row of the order list (usage bills and hourly orders are not). */
export function listedOrder(l: LedgerParams): boolean {
  return l.entry !== 'usage' && l.chargingMode !== 'hourly';
}

/** The order rows from a run's `ledger` effects in log order (a streamed run's RunDigest keeps just these). */
export function ledgerOrderRows(ledger: readonly LedgerParams[], productNames: ReadonlyMap<string, string>): OrderRow[] {
  const listed = ledger.filter(listedOrder);
  const refunded = new Set(listed.filter((l) => l.entry === 'refund').map((l) => l.relatesTo));
  return listed.map((entry) => ({
    entry,
    productName: productNames.get(entry.productId) ?? entry.productId,
    status: entry.entry === 'refund' ? 'completed' : refunded.has(entry.orderId) ? 'refunded' : 'paid',
  }));
}

export function ordersCsv(entries: readonly LogEntry[], productNames: ReadonlyMap<string, string>, options: CsvOptions, names: CatalogNames = NO_NAMES): string {
  return csvText(columns(options.lang, names), orderRows(entries, productNames), options);
}

export function ledgerOrdersCsv(ledger: readonly LedgerParams[], productNames: ReadonlyMap<string, string>, options: CsvOptions, names: CatalogNames = NO_NAMES): string {
  return csvText(columns(options.lang, names), ledgerOrderRows(ledger, productNames), options);
}
