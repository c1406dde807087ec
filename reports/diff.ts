// What changed between two settlements (two runs, or one scenario under two rule variants): per merchant and
// month the payable amount, and every order line that moved month or treatment, changed amount, appeared or vanished.
import type { OrderLine, Settlement, SettlementRow } from './settlement.js';
import { csvText, type CsvOptions } from './csv.js';
import { monthTotals } from './settlementCsv.js';
import { yuan } from './settlementMoney.js';

export type LineChange = 'moved' | 'amount' | 'added' | 'removed';

/** How one line ends in one run: its final row. */
export interface Ending {
  readonly month: string;
  readonly treatment: string;
  readonly rule: string;
  readonly netFen: number;
  readonly line: OrderLine;
}

export interface LineDiff {
  readonly change: LineChange;
  readonly merchantId: string;
  /** The month the line ends in B (or in A when removed): where the diff groups it. */
  readonly month: string;
  readonly line: OrderLine;
  readonly a?: Ending;
  readonly b?: Ending;
}

export interface TotalDiff {
  readonly merchantId: string;
  readonly month: string;
  readonly aNetFen: number;
  readonly bNetFen: number;
}

export interface SettlementDiff {
  readonly totals: readonly TotalDiff[];
  readonly lines: readonly LineDiff[];
}

function endings(s: Settlement): Map<string, Ending> {
  const map = new Map<string, Ending>();
  for (const r of s.rows.filter((row: SettlementRow) => row.final)) {
    map.set(r.line.key, { month: r.settlementMonth, treatment: r.treatment, rule: r.rule, netFen: r.netFen, line: r.line });
  }
  return map;
}

export function diffSettlements(a: Settlement, b: Settlement): SettlementDiff {
  const payable = (s: Settlement) => new Map(monthTotals(s).map((t) => [`${t.merchantId}|${t.settlementMonth}`, t.netFen]));
  const pa = payable(a);
  const pb = payable(b);
  const totals: TotalDiff[] = [];
  for (const key of [...new Set([...pa.keys(), ...pb.keys()])].sort()) {
    const [merchantId, month] = key.split('|') as [string, string];
    const aNetFen = pa.get(key) ?? 0;
    const bNetFen = pb.get(key) ?? 0;
    if (aNetFen !== bNetFen) totals.push({ merchantId, month, aNetFen, bNetFen });
  }
  const ea = endings(a);
  const eb = endings(b);
  const lines: LineDiff[] = [];
  for (const key of [...new Set([...ea.keys(), ...eb.keys()])]) {
    const x = ea.get(key);
    const y = eb.get(key);
    const line = (y ?? x)!.line;
    const base = { merchantId: line.merchantId, month: (y ?? x)!.month, line, ...(x ? { a: x } : {}), ...(y ? { b: y } : {}) };
    if (!x) lines.push({ change: 'added', ...base });
    else if (!y) lines.push({ change: 'removed', ...base });
    else if (x.month !== y.month || x.treatment !== y.treatment) lines.push({ change: 'moved', ...base });
    else if (x.netFen !== y.netFen || x.line.grossFen !== y.line.grossFen) lines.push({ change: 'amount', ...base });
  }
  lines.sort((p, q) => cmp(p.merchantId, q.merchantId) || cmp(p.month, q.month) || cmp(p.line.orderId, q.line.orderId) || cmp(p.line.orderType, q.line.orderType) || cmp(p.line.key, q.line.key));
  return { totals, lines };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function ending(e: Ending | undefined): string {
  return e ? `${e.treatment} ${e.month} (${e.rule}) ${yuan(e.netFen)}` : 'absent';
}

/** The text `marketsim diff` prints: grouped by merchant and month, totals first, then the lines that changed. */
export function diffText(diff: SettlementDiff, labelA: string, labelB: string): string {
  if (diff.totals.length === 0 && diff.lines.length === 0) return `no settlement differences between ${labelA} and ${labelB}`;
  const out = [`settlement: ${labelA} → ${labelB}`];
  const groups = [...new Set([...diff.totals, ...diff.lines].map((d) => `${d.merchantId}|${d.month}`))].sort();
  for (const group of groups) {
    const [merchantId, month] = group.split('|') as [string, string];
    const total = diff.totals.find((t) => t.merchantId === merchantId && t.month === month);
    out.push(total
      ? `${merchantId} ${month}: payable ${yuan(total.aNetFen)} → ${yuan(total.bNetFen)} (${total.bNetFen >= total.aNetFen ? '+' : ''}${yuan(total.bNetFen - total.aNetFen)})`
      : `${merchantId} ${month}: payable unchanged`);
    for (const d of diff.lines.filter((l) => l.merchantId === merchantId && l.month === month)) {
      out.push(`  ${d.change} ${d.line.orderId} ${d.line.orderType} ${d.line.productId}: ${ending(d.a)} → ${ending(d.b)}`);
    }
  }
  return out.join('\n');
}

export const DIFF_HEADER = ['merchant_id', 'settlement_month', 'change', 'order_id', 'order_type', 'product_id', 'a_month', 'a_treatment', 'a_rule', 'a_net', 'b_month', 'b_treatment', 'b_rule', 'b_net', 'delta_payable'];

/** What a line adds to its merchant's payable: its net when it ends settled or netted, else nothing. */
export function payableFen(e: Ending | undefined): number {
  return e && (e.treatment === 'settled' || e.treatment === 'netted') ? e.netFen : 0;
}

/**
 * diff.csv: a `total` row per merchant and month whose payable changed, then one row per changed line; amounts
 * in yuan (a side where the line is absent is empty). `delta_payable` is B's payable minus A's: for a line, what
 * its move changes in what the merchant is paid (an excluded → settled line adds its net).
 */
export function diffCsv(diff: SettlementDiff, options: CsvOptions): string {
  const side = (e: Ending | undefined) => (e ? [e.month, e.treatment, e.rule, yuan(e.netFen)] : ['', '', '', '']);
  const rows = [
    ...diff.totals.map((t) => [t.merchantId, t.month, 'total', '', '', '', t.month, '', '', yuan(t.aNetFen), t.month, '', '', yuan(t.bNetFen), yuan(t.bNetFen - t.aNetFen)]),
    ...diff.lines.map((d) => [d.merchantId, d.month, d.change, d.line.orderId, d.line.orderType, d.line.productId, ...side(d.a), ...side(d.b), yuan(payableFen(d.b) - payableFen(d.a))]),
  ].sort((p, q) => cmp(p[0]!, q[0]!) || cmp(p[1]!, q[1]!));
  return csvText(DIFF_HEADER.map((en, i) => ({ en, value: (row: string[]) => row[i] })), rows, options);
}
