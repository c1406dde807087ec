// orders.csv: one row per order (purchase, renewal, refund), built from the `ledger` effects in the log, in the
// seller-center order list's columns (ORD-6), with the rows each platform lists (ORD-5): koogallery period and
// per-use orders (on-demand income is in the bills); tencent every sold order and every refund order, hourly ones
// included at their hourly unit price (ORD-3).
import { isEffect } from '../sim/log/effects.js';
import type { LedgerParams } from '../machines/contracts.js';
import type { Platform } from '../machines/domain.js';
import type { LogEntry } from '../sim/log/entry.js';
import { formatTime } from '../machines/time.js';
import { csvText, yuan, type CsvColumn, type CsvOptions } from './csv.js';

export interface OrderRow {
  readonly entry: LedgerParams;
  readonly productName: string;
  /** ORD-6: a refund order is a row of its own, 已退款; a purchase or renewal stays 已支付 (it was paid). */
  readonly status: 'paid' | 'refunded';
}

/** The order-type and charging-mode words each platform's list uses ([002] '退款 预付费(包年包月)', '按小时计费实时付费'). */
const ORDER_TYPE_ZH: Readonly<Record<Platform, Readonly<Record<string, string>>>> = {
  koogallery: { purchase: '购买', renewal: '续费', refund: '退款/退订' },
  tencent: { purchase: '购买', renewal: '续费', refund: '退款' },
};
const MODE_ZH: Readonly<Record<Platform, Readonly<Record<string, string>>>> = {
  koogallery: { period: '包年包月', perUse: '按次', hourly: '按需' },
  tencent: { period: '预付费(包年包月)', perUse: '按次', hourly: '按小时计费实时付费' },
};
const STATUS_ZH: Readonly<Record<OrderRow['status'], string>> = { paid: '已支付', refunded: '已退款' };

/** ORD-6: a refund and an hourly order have no duration of their own: `-`, as the tencent list shows them. */
function duration(entry: LedgerParams, lang: CsvOptions['lang']): string {
  if (entry.entry === 'refund' || entry.chargingMode === 'hourly' || entry.periods === undefined) return '-';
  if (entry.periodUnit) return lang === 'zh' ? `${entry.periods}${entry.periodUnit === 'year' ? '年' : '个月'}` : `${entry.periods} ${entry.periodUnit}${entry.periods === 1 ? '' : 's'}`;
  return lang === 'zh' ? `${entry.periods}次` : `${entry.periods} use${entry.periods === 1 ? '' : 's'}`;
}

function columns(lang: CsvOptions['lang'], platform: Platform): CsvColumn<OrderRow>[] {
  const zh = lang === 'zh';
  return [
    { en: 'order number', zh: '订单编号', value: (r) => r.entry.orderId },
    { en: 'product name', zh: '商品名称', value: (r) => r.productName },
    { en: 'buyer id', zh: '购买用户ID', value: (r) => r.entry.buyerId },
    {
      en: 'order type / charging mode',
      zh: '订单类型/计费方式',
      value: (r) =>
        zh
          ? `${ORDER_TYPE_ZH[platform][r.entry.orderType] ?? r.entry.orderType}/${MODE_ZH[platform][r.entry.chargingMode] ?? r.entry.chargingMode}`
          : `${r.entry.orderType}/${r.entry.chargingMode}`,
    },
    { en: 'duration', zh: '购买时长', value: (r) => duration(r.entry, lang) },
    // ORD-6: the refunded amount as a positive figure (the ledger keeps it negative: money going back).
    { en: 'amount', zh: '金额', value: (r) => yuan(Math.abs(r.entry.amountFen)) },
    { en: 'status', zh: '订单状态', value: (r) => (zh ? STATUS_ZH[r.status] : r.status) },
    { en: 'created at', zh: '创建时间', value: (r) => formatTime(r.entry.at) },
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
export function ledgerOrderRows(ledger: readonly LedgerParams[], productNames: ReadonlyMap<string, string>, platform: Platform): OrderRow[] {
  return ledger
    .filter((l) => listedOrder(l, platform))
    .map((entry) => ({
      entry,
      productName: productNames.get(entry.productId) ?? entry.productId,
      status: entry.entry === 'refund' ? 'refunded' : 'paid',
    }));
}

export function ordersCsv(entries: readonly LogEntry[], productNames: ReadonlyMap<string, string>, platform: Platform, options: CsvOptions): string {
  return csvText(columns(options.lang, platform), orderRows(entries, productNames, platform), options);
}

export function ledgerOrdersCsv(
  ledger: readonly LedgerParams[],
  productNames: ReadonlyMap<string, string>,
  platform: Platform,
  options: CsvOptions,
): string {
  return csvText(columns(options.lang, platform), ledgerOrderRows(ledger, productNames, platform), options);
}
