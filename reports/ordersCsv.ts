// orders.csv: one row per order (purchase, renewal, refund), built from the `ledger` effects in the log, in the
// seller-center export's columns (ORD-6), with the rows each platform lists (ORD-5): koogallery period and per-use
// orders (on-demand income is in the bills); tencent every sold order and every refund order, hourly ones included
// at their hourly unit price (ORD-3); a refund is a row of its own, 已退款, its amount positive. After the
// seller center's columns, at the end so they keep their positions: the IDs beside the product name, the merchant
// and its name, the amount in integer fen (exact in tools that read numbers as floating point) and the creation
// time as the seller center shows it, "2024-01-02 20:28:41" in UTC+8, which a spreadsheet reads as a date.
import { isEffect } from '../sim/log/effects.js';
import type { LedgerParams } from '../machines/contracts.js';
import type { Platform } from '../machines/domain.js';
import type { LogEntry } from '../sim/log/entry.js';
import { formatTime } from '../machines/time.js';
import { csvChunks, csvText, localDateTime, yuan, type CsvColumn, type CsvOptions } from './csv.js';
import { term } from './i18n/glossary.js';
import { NO_NAMES, nameOf, type CatalogNames } from './runInfo.js';

export interface OrderRow {
  readonly entry: LedgerParams;
  readonly productName: string;
  /** ORD-6: a refund order is a row of its own, 已退款; a purchase or renewal stays 已支付 (it was paid). */
  readonly status: 'paid' | 'refunded';
}

/** Tencent's own words in its order list ([002] '退款 预付费(包年包月)', '按小时计费实时付费'). */
const TENCENT_ZH: Readonly<Record<string, string>> = { refund: '退款', period: '预付费(包年包月)', hourly: '按小时计费实时付费' };

function typeAndMode(entry: LedgerParams, lang: CsvOptions['lang'], platform: Platform): string {
  const word = (kind: 'orderType' | 'chargingMode', value: string) =>
    (platform === 'tencent' && lang === 'zh' ? TENCENT_ZH[value] : undefined) ?? term(kind, value, lang);
  return `${word('orderType', entry.orderType)}/${word('chargingMode', entry.chargingMode)}`;
}

/** ORD-6: a refund and an hourly order have no duration of their own: `-`, as the tencent list shows them. */
function duration(entry: LedgerParams, lang: CsvOptions['lang']): string {
  if (entry.entry === 'refund' || entry.chargingMode === 'hourly' || entry.periods === undefined) return '-';
  if (entry.periodUnit) return lang === 'zh' ? `${entry.periods}${entry.periodUnit === 'year' ? term('periodUnit', 'year', lang) : `个${term('periodUnit', 'month', lang)}`}` : `${entry.periods} ${entry.periodUnit}${entry.periods === 1 ? '' : 's'}`;
  return lang === 'zh' ? `${entry.periods}次` : `${entry.periods} use${entry.periods === 1 ? '' : 's'}`;
}

function columns(lang: CsvOptions['lang'], names: CatalogNames, platform: Platform): CsvColumn<OrderRow>[] {
  return [
    { en: 'order number', zh: '订单编号', value: (r) => r.entry.orderId },
    { en: 'product name', zh: '商品名称', value: (r) => r.productName },
    { en: 'buyer id', zh: '购买用户ID', value: (r) => r.entry.buyerId },
    {
      en: 'order type / charging mode',
      zh: '订单类型/计费方式',
      value: (r) => typeAndMode(r.entry, lang, platform),
    },
    { en: 'duration', zh: '购买时长', value: (r) => duration(r.entry, lang) },
    // ORD-6: the refunded amount as a positive figure (the ledger keeps it negative: money going back).
    { en: 'amount', zh: '金额', value: (r) => yuan(Math.abs(r.entry.amountFen)), numeric: true },
    { en: 'status', zh: '订单状态', value: (r) => term('orderStatus', r.status, lang) },
    { en: 'created at', zh: '创建时间', value: (r) => formatTime(r.entry.at) },
    { en: 'product id', zh: '商品ID', value: (r) => r.entry.productId },
    { en: 'merchant id', zh: '商家ID', value: (r) => r.entry.merchantId },
    { en: 'merchant name', zh: '商家名称', value: (r) => nameOf(names.merchants, r.entry.merchantId) },
    { en: 'amount (fen)', zh: '金额(分)', value: (r) => Math.abs(r.entry.amountFen), numeric: true },
    { en: 'created at (UTC+8)', zh: '创建时间(北京时间)', value: (r) => localDateTime(r.entry.at) },
  ];
}

/** The order rows of a run on a platform, in log order (ORD-5, ORD-6). */
export function orderRows(entries: readonly LogEntry[], productNames: ReadonlyMap<string, string>, platform: Platform): OrderRow[] {
  const ledger: LedgerParams[] = [];
  for (const entry of entries) for (const effect of entry.effects ?? []) if (isEffect(effect, 'ledger')) ledger.push(effect.params);
  return ledgerOrderRows(ledger, productNames, platform);
}

/** Whether a ledger fact is an order at all (usage bills are not): what a run keeps for its order list. */
export function orderFact(l: LedgerParams): boolean {
  return l.entry !== 'usage';
}

/** ORD-5: whether an order is a row of the platform's order list (koogallery leaves on-demand orders out). */
export function listedOrder(l: LedgerParams, platform: Platform): boolean {
  return orderFact(l) && (platform === 'tencent' || l.chargingMode !== 'hourly');
}

/** The order rows from a run's `ledger` effects in log order (a streamed run's RunDigest keeps just the orders). */
export function ledgerOrderRows(ledger: Iterable<LedgerParams>, productNames: ReadonlyMap<string, string>, platform: Platform): OrderRow[] {
  return [...ledgerOrderRowsOf(ledger, productNames, platform)];
}

/** ledgerOrderRows one at a time: a million orders' rows are not held at once. */
function* ledgerOrderRowsOf(ledger: Iterable<LedgerParams>, productNames: ReadonlyMap<string, string>, platform: Platform): Generator<OrderRow> {
  for (const entry of ledger) {
    if (!listedOrder(entry, platform)) continue;
    yield { entry, productName: productNames.get(entry.productId) ?? entry.productId, status: entry.entry === 'refund' ? 'refunded' : 'paid' };
  }
}

export function ordersCsv(
  entries: readonly LogEntry[],
  productNames: ReadonlyMap<string, string>,
  platform: Platform,
  options: CsvOptions,
  names: CatalogNames = NO_NAMES,
): string {
  return csvText(columns(options.lang, names, platform), orderRows(entries, productNames, platform), options);
}

/**
 * orders.csv from a run's `ledger` effects (a streamed run's RunDigest), in pieces (reports/csv.ts `csvChunks`): a
 * million orders' rows and text are never held whole. `ordersCsv` builds the same file from a kept log.
 */
export function ledgerOrdersCsvChunks(
  ledger: Iterable<LedgerParams>,
  productNames: ReadonlyMap<string, string>,
  platform: Platform,
  options: CsvOptions,
  names: CatalogNames = NO_NAMES,
): Iterable<string> {
  return csvChunks(columns(options.lang, names, platform), ledgerOrderRowsOf(ledger, productNames, platform), options);
}
