// What changed between two settlements (two runs, or one scenario under two rule variants): per merchant and
// month the payable amount, and every order line that moved month or treatment, changed amount, appeared or vanished.
import type { OrderLine, Settlement, SettlementRow } from './settlement.js';
import { csvText, type CsvOptions } from './csv.js';
import { label, term, type Lang } from './i18n/glossary.js';
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

/** What a line adds to its merchant's payable: its net when it ends settled or netted, else nothing. */
export function payableFen(e: Ending | undefined): number {
  return e && (e.treatment === 'settled' || e.treatment === 'netted') ? e.netFen : 0;
}

/** The rules behind a line's change: the rule it ended under in A, then in B ("—" on the side it is absent). */
export function ruleChange(d: LineDiff): string {
  return `${d.a?.rule ?? '—'} → ${d.b?.rule ?? '—'}`;
}

/** Changed lines grouped by the rules behind them: how many, and what they change in what merchants are paid. */
export interface RuleGroup {
  readonly rules: string;
  readonly lines: number;
  readonly deltaPayableFen: number;
}

export function byRule(diff: SettlementDiff): RuleGroup[] {
  const groups = new Map<string, { lines: number; deltaPayableFen: number }>();
  for (const d of diff.lines) {
    const key = ruleChange(d);
    const g = groups.get(key) ?? { lines: 0, deltaPayableFen: 0 };
    g.lines += 1;
    g.deltaPayableFen += payableFen(d.b) - payableFen(d.a);
    groups.set(key, g);
  }
  return [...groups].map(([rules, g]) => ({ rules, ...g })).sort((p, q) => cmp(p.rules, q.rules));
}

/** A signed amount: "+12.30", "-12.30" (ASCII minus: the text is read by scripts too), "0.00". */
function signed(fen: number): string {
  return `${fen > 0 ? '+' : ''}${yuan(fen)}`;
}

const DIFF_TEXT = {
  none: { en: 'no settlement differences between', zh: '结算无差异：' },
  and: { en: 'and', zh: '与' },
  settlement: { en: 'settlement', zh: '结算' },
  byRule: { en: 'by rule', zh: '按规则' },
  lines: { en: 'line(s)', zh: '行' },
  payable: { en: 'payable', zh: '应付商家' },
  unchanged: { en: 'payable unchanged', zh: '应付商家不变' },
} as const satisfies Record<string, Record<Lang, string>>;

function ending(e: Ending | undefined, lang: Lang): string {
  return e ? `${term('treatment', e.treatment, lang)} ${e.month} (${e.rule}) ${yuan(e.netFen)}` : label('absent', lang);
}

/**
 * The text `marketsim diff` prints: the changed lines grouped by the rules behind them first, then by merchant and
 * month, totals first, then the lines that changed.
 */
export function diffText(diff: SettlementDiff, labelA: string, labelB: string, lang: Lang = 'en'): string {
  const t = (key: keyof typeof DIFF_TEXT): string => DIFF_TEXT[key][lang];
  if (diff.totals.length === 0 && diff.lines.length === 0) return `${t('none')} ${labelA} ${t('and')} ${labelB}`;
  const out = [`${t('settlement')}: ${labelA} → ${labelB}`, `${t('byRule')}:`];
  for (const g of byRule(diff)) out.push(`  ${g.rules}: ${g.lines} ${t('lines')}, ${t('payable')} ${signed(g.deltaPayableFen)}`);
  const groups = [...new Set([...diff.totals, ...diff.lines].map((d) => `${d.merchantId}|${d.month}`))].sort();
  for (const group of groups) {
    const [merchantId, month] = group.split('|') as [string, string];
    const total = diff.totals.find((x) => x.merchantId === merchantId && x.month === month);
    out.push(total
      ? `${merchantId} ${month}: ${t('payable')} ${yuan(total.aNetFen)} → ${yuan(total.bNetFen)} (${signed(total.bNetFen - total.aNetFen)})`
      : `${merchantId} ${month}: ${t('unchanged')}`);
    for (const d of diff.lines.filter((l) => l.merchantId === merchantId && l.month === month)) {
      out.push(`  ${term('change', d.change, lang)} ${d.line.orderId} ${term('orderType', d.line.orderType, lang)} ${d.line.productId}: ${ending(d.a, lang)} → ${ending(d.b, lang)}`);
    }
  }
  return out.join('\n');
}

/** The columns diff.csv writes amounts into; the rest are ids and names, neutralised as text. */
const AMOUNT_COLUMNS: ReadonlySet<string> = new Set(['a_net', 'b_net', 'delta_payable', 'delta_payable_fen']);

/** diff.csv's columns: English and Chinese headers; the last three came later and sit at the end. */
export const DIFF_HEADER: readonly { en: string; zh: string }[] = [
  { en: 'merchant_id', zh: '商家ID' },
  { en: 'settlement_month', zh: '结算月份' },
  { en: 'change', zh: '变化' },
  { en: 'order_id', zh: '订单编号' },
  { en: 'order_type', zh: '订单类型' },
  { en: 'product_id', zh: '商品ID' },
  { en: 'a_month', zh: '基准结算月份' },
  { en: 'a_treatment', zh: '基准结算处理' },
  { en: 'a_rule', zh: '基准规则' },
  { en: 'a_net', zh: '基准结算金额(元)' },
  { en: 'b_month', zh: '对比结算月份' },
  { en: 'b_treatment', zh: '对比结算处理' },
  { en: 'b_rule', zh: '对比规则' },
  { en: 'b_net', zh: '对比结算金额(元)' },
  { en: 'delta_payable', zh: '应付商家差额(元)' },
  { en: 'rules', zh: '规则变化' },
  { en: 'delta_payable_fen', zh: '应付商家差额(分)' },
];

/**
 * diff.csv: a `total` row per merchant and month whose payable changed, then one row per changed line; amounts
 * in yuan (a side where the line is absent is empty). `delta_payable` is B's payable minus A's: for a line, what
 * its move changes in what the merchant is paid (an excluded → settled line adds its net). `rules` says which
 * rules the line ended under in A and in B (the grouping of `diffText`), `delta_payable_fen` the delta in fen.
 */
export function diffCsv(diff: SettlementDiff, options: CsvOptions): string {
  const { lang } = options;
  const side = (e: Ending | undefined) => (e ? [e.month, term('treatment', e.treatment, lang), e.rule, yuan(e.netFen)] : ['', '', '', '']);
  const rows = [
    ...diff.totals.map((x) => {
      const delta = x.bNetFen - x.aNetFen;
      return [x.merchantId, x.month, term('change', 'total', lang), '', '', '', x.month, '', '', yuan(x.aNetFen), x.month, '', '', yuan(x.bNetFen), yuan(delta), '', String(delta)];
    }),
    ...diff.lines.map((d) => {
      const delta = payableFen(d.b) - payableFen(d.a);
      return [d.merchantId, d.month, term('change', d.change, lang), d.line.orderId, term('orderType', d.line.orderType, lang), d.line.productId, ...side(d.a), ...side(d.b), yuan(delta), ruleChange(d), String(delta)];
    }),
  ].sort((p, q) => cmp(p[0]!, q[0]!) || cmp(p[1]!, q[1]!));
  return csvText(DIFF_HEADER.map((h, i) => ({ ...h, value: (row: string[]) => row[i], ...(AMOUNT_COLUMNS.has(h.en) ? { numeric: true as const } : {}) })), rows, options);
}
