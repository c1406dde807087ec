// The headline figures of one seed's run (what an analyst compares across seeds: a Monte Carlo of the market),
// and their spread over a sweep's seeds. Figures are integers (counts, or money in fen), so the spread is too:
// percentiles are taken by the nearest-rank method, which always picks one of the seeds' own values.
import { settle } from '../../reports/settlement.js';
import { monthTotals } from '../../reports/settlementCsv.js';
import type { RunResult } from '../run.js';

export interface SeedFigures {
  /** Orders on the ledger: purchases and renewals (ORD-1; hourly orders and usage are not orders, ORD-5). */
  readonly orders: number;
  /** Refund orders on the ledger. */
  readonly refunds: number;
  /** Gross (fen) of the lines still deferred at the run's last statement (SUP-10, REF-4): held back, not paid. */
  readonly deferredAtEndFen: number;
  /** What each merchant is paid per statement month (net of commission, settled + netted lines), in fen; key "merchant/month". */
  readonly payableFen: Readonly<Record<string, number>>;
  /** Log entries refused, per rule that refused them, rule IDs sorted. */
  readonly refusals: Readonly<Record<string, number>>;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The figures of a finished run, from what it digested as it went (the log need not be kept). */
export function seedFigures(result: RunResult): SeedFigures {
  const { digest, setup } = result;
  let orders = 0;
  let refunds = 0;
  for (const ledger of digest.ledger) {
    if (ledger.orderType === 'refund') refunds++;
    else orders++;
  }
  const settlement = settle({ facts: digest.settlementFacts(), params: setup.params, runEnd: setup.scenario.end });
  let deferredAtEndFen = 0;
  for (const row of settlement.rows) if (row.final && row.treatment === 'deferred') deferredAtEndFen += row.line.grossFen;
  const payable = monthTotals(settlement)
    .map((t) => [`${t.merchantId}/${t.settlementMonth}`, t.netFen] as const)
    .sort(([a], [b]) => byText(a, b));
  return {
    orders,
    refunds,
    deferredAtEndFen,
    payableFen: Object.fromEntries(payable),
    refusals: Object.fromEntries([...digest.refusing].sort(([a], [b]) => byText(a, b))),
  };
}

/** One figure across seeds: its name in the CSV files, whether it is money, and its value for a seed's figures. */
export interface FigureColumn {
  readonly name: string;
  readonly money: boolean;
  readonly of: (figures: SeedFigures) => number;
}

/**
 * The figures of a sweep, in a fixed order: orders, refunds, deferred_at_end, then payable/<merchant>/<month> and
 * refused/<rule> for every key any seed has (sorted). A key a seed lacks is 0 for it: nothing paid that month,
 * nothing refused by that rule.
 */
export function figureColumns(all: readonly SeedFigures[]): FigureColumn[] {
  const payable = new Set<string>();
  const refused = new Set<string>();
  for (const figures of all) {
    for (const key of Object.keys(figures.payableFen)) payable.add(key);
    for (const rule of Object.keys(figures.refusals)) refused.add(rule);
  }
  return [
    { name: 'orders', money: false, of: (f) => f.orders },
    { name: 'refunds', money: false, of: (f) => f.refunds },
    { name: 'deferred_at_end', money: true, of: (f) => f.deferredAtEndFen },
    ...[...payable].sort(byText).map((key) => ({ name: `payable/${key}`, money: true, of: (f: SeedFigures) => f.payableFen[key] ?? 0 })),
    ...[...refused].sort(byText).map((rule) => ({ name: `refused/${rule}`, money: false, of: (f: SeedFigures) => f.refusals[rule] ?? 0 })),
  ];
}

/**
 * The nearest-rank percentile: of the n values sorted ascending x[1] ≤ … ≤ x[n], x[k] with k = ⌈p·n/100⌉
 * (at least 1). p = 50 is the median (for an even n, the lower middle value), p = 100 the maximum.
 * Integer arithmetic, so no rounding of p·n/100 can move k.
 */
export function nearestRank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('no values');
  if (!Number.isInteger(p) || p < 0 || p > 100) throw new Error(`not a whole percentage: ${p}`);
  const k = Math.max(1, Math.floor((p * sorted.length + 99) / 100));
  return sorted[k - 1]!;
}

export interface Spread {
  readonly seeds: number;
  readonly min: number;
  readonly p5: number;
  readonly median: number;
  readonly p95: number;
  readonly max: number;
}

export function spread(values: readonly number[]): Spread | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    seeds: sorted.length,
    min: sorted[0]!,
    p5: nearestRank(sorted, 5),
    median: nearestRank(sorted, 50),
    p95: nearestRank(sorted, 95),
    max: sorted[sorted.length - 1]!,
  };
}
