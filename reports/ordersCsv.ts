// orders.csv: one row per order (purchase, renewal, refund), built from the `ledger` effects in the log, in the
// seller-center export's columns (ORD-6). On-demand (hourly) orders and usage are left out (ORD-5).
import { isEffect } from '../sim/log/effects.js';
import type { LedgerParams } from '../machines/contracts.js';
import type { LogEntry } from '../sim/log/entry.js';
import { formatTime } from '../machines/time.js';
import { csvText, yuan, type CsvColumn, type CsvOptions } from './csv.js';

export interface OrderRow {
  readonly entry: LedgerParams;
  readonly productName: string;
  readonly status: 'paid' | 'refunded' | 'completed';
}

const ORDER_TYPE_ZH: Readonly<Record<string, string>> = { purchase: '购买', renewal: '续费', refund: '退款/退订' };
const MODE_ZH: Readonly<Record<string, string>> = { period: '包年包月', perUse: '按次', hourly: '按需' };
const STATUS_ZH: Readonly<Record<OrderRow['status'], string>> = { paid: '已支付', refunded: '已退款', completed: '已完成' };

function duration(entry: LedgerParams, lang: CsvOptions['lang']): string {
  if (entry.periods === undefined) return '';
  if (entry.periodUnit) return lang === 'zh' ? `${entry.periods}${entry.periodUnit === 'year' ? '年' : '个月'}` : `${entry.periods} ${entry.periodUnit}${entry.periods === 1 ? '' : 's'}`;
  return lang === 'zh' ? `${entry.periods}次` : `${entry.periods} use${entry.periods === 1 ? '' : 's'}`;
}

function columns(lang: CsvOptions['lang']): CsvColumn<OrderRow>[] {
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
          ? `${ORDER_TYPE_ZH[r.entry.orderType] ?? r.entry.orderType}/${MODE_ZH[r.entry.chargingMode] ?? r.entry.chargingMode}`
          : `${r.entry.orderType}/${r.entry.chargingMode}`,
    },
    { en: 'duration', zh: '购买时长', value: (r) => duration(r.entry, lang) },
    { en: 'amount', zh: '金额', value: (r) => yuan(r.entry.amountFen) },
    { en: 'status', zh: '订单状态', value: (r) => (zh ? STATUS_ZH[r.status] : r.status) },
    { en: 'created at', zh: '创建时间', value: (r) => formatTime(r.entry.at) },
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

export function ordersCsv(entries: readonly LogEntry[], productNames: ReadonlyMap<string, string>, options: CsvOptions): string {
  return csvText(columns(options.lang), orderRows(entries, productNames), options);
}

export function ledgerOrdersCsv(ledger: readonly LedgerParams[], productNames: ReadonlyMap<string, string>, options: CsvOptions): string {
  return csvText(columns(options.lang), ledgerOrderRows(ledger, productNames), options);
}
