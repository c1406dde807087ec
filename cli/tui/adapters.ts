// Adapters between a run and the screens: settlement (settlement.csv, settlement-summary.csv) and violations
// (violations.jsonl) are read from the run's files map by name, so a tab says "not available yet" without them.
import { byRule, diffSettlements, type RuleGroup } from '../../reports/diff.js';
import { settleRun } from '../../reports/settlementFiles.js';
import type { LogEntry } from '../../sim/log/entry.js';
import type { RunResult } from '../../runs/run.js';
import type { RunSummary } from '../../runs/summary.js';
import { csvRecords, csvRecordsOf } from './csv.js';

/** The file names the adapters read; the same names `marketsim run` writes. */
export const FILES = { settlement: 'settlement.csv', settlementSummary: 'settlement-summary.csv', violations: 'violations.jsonl' } as const;

export type Treatment = 'settled' | 'deferred' | 'excluded' | 'netted';

/** One row of settlement.csv: an order line in the month it is paid out. Amounts in integer fen. */
export interface SettlementLine {
  readonly month: string;
  readonly merchant: string;
  readonly order: string;
  readonly grossFen: number;
  readonly commissionFen: number;
  readonly netFen: number;
  readonly treatment: string;
  readonly rule: string;
}

/** "-12.30" → -1230, without floating point (money is integer fen everywhere). */
export function yuanToFen(text: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return 0;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -fen : fen;
}

/** Yuan with 2 decimals ("-12.30"); grouped by thousands unless a narrow table column needs the room. */
export function fenText(fen: number, grouped = true): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const units = Math.floor(abs / 100);
  const whole = grouped ? units.toLocaleString('en-US') : String(units);
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * A change in yuan with its sign always written: "+8,465.60", "−8,465.60" (U+2212, the minus sign a reader takes
 * for one), "0.00". Never accounting parentheses: "(8,465.60)" reads as a loss to an accountant.
 */
export function signedFenText(fen: number): string {
  if (fen === 0) return fenText(0);
  return `${fen > 0 ? '+' : '\u2212'}${fenText(Math.abs(fen))}`;
}

const TOTALS = new WeakMap<ReadonlyMap<string, string | Uint8Array>, readonly TreatmentTotal[]>();

/**
 * settlement.csv's totals by treatment, or undefined while runs do not write it yet (headers read in English, lang
 * en); folded line by line and kept per run: the summary tab draws them on every
 * frame, and parsing market-large's 182k lines took ~1.2 s and ~200 MiB of heap each time (docs/performance.md).
 */
export function settlementTotals(files: ReadonlyMap<string, string | Uint8Array>): readonly TreatmentTotal[] | undefined {
  const text = files.get(FILES.settlement);
  if (typeof text !== 'string') return undefined;
  let totals = TOTALS.get(files);
  if (!totals) TOTALS.set(files, (totals = treatmentTotals(settlementLinesOf(text))));
  return totals;
}

function* settlementLinesOf(text: string): Generator<SettlementLine> {
  for (const r of csvRecordsOf(text)) {
    yield {
      month: r.settlement_month ?? '',
      merchant: r.merchant_id ?? '',
      order: r.order_id ?? '',
      grossFen: yuanToFen(r.gross_amount ?? ''),
      commissionFen: yuanToFen(r.commission ?? ''),
      netFen: yuanToFen(r.net_amount ?? ''),
      treatment: r.treatment ?? '',
      rule: r.rule ?? '',
    };
  }
}

/** One row of the settlement table: a merchant's statement month (settlement-summary.csv). Fen. */
export interface MerchantMonth {
  readonly month: string;
  readonly merchant: string;
  readonly lines: number;
  readonly grossFen: number;
  readonly commissionFen: number;
  /** What the merchant is paid this month. */
  readonly netFen: number;
  /** Gross held back this month, waiting for supervision to complete. */
  readonly deferredFen: number;
  /** Gross left out of settlement (REF-2). */
  readonly excludedFen: number;
}

/** settlement-summary.csv as rows, or undefined when the run did not write it. */
export function merchantMonths(files: ReadonlyMap<string, string | Uint8Array>): MerchantMonth[] | undefined {
  const text = files.get(FILES.settlementSummary);
  if (typeof text !== 'string') return undefined;
  return csvRecords(text).map((r) => ({
    month: r.settlement_month ?? '',
    merchant: r.merchant_id ?? '',
    lines: Number(r.lines ?? 0),
    grossFen: yuanToFen(r.gross_amount ?? ''),
    commissionFen: yuanToFen(r.commission ?? ''),
    netFen: yuanToFen(r.net_amount ?? ''),
    deferredFen: yuanToFen(r.deferred_amount ?? ''),
    excludedFen: yuanToFen(r.excluded_amount ?? ''),
  }));
}

/** Net paid out per month, all merchants, months in order (the bar chart). */
export function monthlyNet(rows: readonly MerchantMonth[]): { month: string; netFen: number }[] {
  const byMonth = new Map<string, number>();
  for (const row of rows) byMonth.set(row.month, (byMonth.get(row.month) ?? 0) + row.netFen);
  return [...byMonth].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, netFen]) => ({ month, netFen }));
}

/** Totals by treatment with the rules that decided them: "why" money was deferred, excluded or netted. */
export interface TreatmentTotal {
  readonly treatment: string;
  readonly lines: number;
  readonly netFen: number;
  readonly rules: readonly string[];
}

export function treatmentTotals(lines: Iterable<SettlementLine>): TreatmentTotal[] {
  const order = ['settled', 'deferred', 'excluded', 'netted'];
  const totals = new Map<string, { lines: number; netFen: number; rules: Set<string> }>();
  for (const line of lines) {
    const t = totals.get(line.treatment) ?? { lines: 0, netFen: 0, rules: new Set<string>() };
    t.lines++;
    t.netFen += line.netFen;
    if (line.rule) t.rules.add(line.rule);
    totals.set(line.treatment, t);
  }
  const rank = (t: string): number => (order.includes(t) ? order.indexOf(t) : order.length);
  return [...totals]
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : 1))
    .map(([treatment, t]) => ({ treatment, lines: t.lines, netFen: t.netFen, rules: [...t.rules].sort() }));
}

/** One line of violations.jsonl: a violation with the seed and the command that replays it. */
export interface ViolationRecord {
  readonly at: string;
  readonly check: string;
  readonly rules: readonly string[];
  readonly entity: string;
  readonly message: string;
  readonly replay: string;
}

/** violations.jsonl as records (empty when the run was clean), or undefined when the run did not write it. */
export function violationRecords(files: ReadonlyMap<string, string | Uint8Array>): ViolationRecord[] | undefined {
  const text = files.get(FILES.violations);
  if (typeof text !== 'string') return undefined;
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const v = JSON.parse(line) as Record<string, unknown>;
      return {
        at: String(v.at ?? ''),
        check: String(v.check ?? '?'),
        rules: Array.isArray(v.rules) ? v.rules.map(String) : [],
        entity: String(v.entity ?? ''),
        message: String(v.message ?? ''),
        replay: String(v.replay ?? ''),
      };
    });
}

/** Orders created so far: spawns of `order:` entities (0 until the orders machine is hosted). */
export function isOrderSpawn(entry: LogEntry): boolean {
  return entry.source === 'spawn' && entry.entity.startsWith('order:');
}

/** A merchant's month whose net differs between two runs. */
export interface SettlementChange {
  readonly merchant: string;
  readonly month: string;
  readonly baseFen: number;
  readonly variantFen: number;
}

export function settlementChanges(base: readonly MerchantMonth[], variant: readonly MerchantMonth[]): SettlementChange[] {
  const key = (r: MerchantMonth): string => `${r.merchant}\u0000${r.month}`;
  const a = new Map(base.map((r) => [key(r), r]));
  const b = new Map(variant.map((r) => [key(r), r]));
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return keys
    .map((k) => {
      const [merchant = '', month = ''] = k.split('\u0000');
      return { merchant, month, baseFen: a.get(k)?.netFen ?? 0, variantFen: b.get(k)?.netFen ?? 0 };
    })
    .filter((c) => c.baseFen !== c.variantFen);
}

/** What a run's settlement is computed from: its digested facts and its summary (the run's own settlement files too). */
export interface SettledView {
  readonly result: Pick<RunResult, 'digest'>;
  readonly summary: RunSummary;
}

/**
 * The order lines that changed between two runs, grouped by the rules they ended under in each ("STL-1 → SUP-10"),
 * with how many and what they change in what merchants are paid: the grouping of `marketsim diff` and diff.csv's
 * `rules` column (reports/diff.ts), from the runs' settlements as their files were written from.
 */
export function settlementRuleGroups(base: SettledView, variant: SettledView): RuleGroup[] {
  const settlement = (v: SettledView) => settleRun(v.result.digest.settlementFacts(), v.summary).settlement;
  return byRule(diffSettlements(settlement(base), settlement(variant)));
}

/** A line of the run-level comparison: a count, a rule or an entity's final state that differs. */
export interface SummaryChange {
  readonly what: string;
  readonly base: string;
  readonly variant: string;
}

export function summaryChanges(base: RunSummary, variant: RunSummary): SummaryChange[] {
  const changes: SummaryChange[] = [];
  const diff = (what: string, a: unknown, b: unknown): void => {
    const [x, y] = [a === undefined ? '—' : String(a), b === undefined ? '—' : String(b)];
    if (x !== y) changes.push({ what, base: x, variant: y });
  };
  diff('profile', base.profile, variant.profile);
  for (const key of ['events', 'accepted', 'refused', 'timers'] as const) diff(key, base.counts[key], variant.counts[key]);
  diff('violations', base.violations.length, variant.violations.length);
  const rules = [...new Set([...Object.keys(base.rulesExercised), ...Object.keys(variant.rulesExercised)])].sort();
  for (const rule of rules) diff(`rule ${rule}`, base.rulesExercised[rule], variant.rulesExercised[rule]);
  const entities = [...new Set([...Object.keys(base.finalStates), ...Object.keys(variant.finalStates)])].sort();
  for (const entity of entities) diff(entity, base.finalStates[entity], variant.finalStates[entity]);
  return changes;
}
