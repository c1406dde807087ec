// The files a sweep writes, by name, as text: one function, so a local sweep, a sweep on the job queue and
// `sweep merge` of its shards write the same bytes for the same seeds.
//   sweep.json               the report: counts, failing checks, every failing seed with its replay command
//   sweep-outcomes.jsonl     every seed's outcome with its figures, one JSON line each (what `sweep merge` reads)
//   sweep-seeds.csv          one row per seed: outcome, first failing check, replay command, headline figures
//   sweep-distribution.csv   one row per figure: min, p5, median, p95, max over the seeds that ran (nearest rank)
//   report.html              the distribution as box plots and a table, every seed's outcome (failures first)
import { csvText, yuan, type CsvColumn } from '../../reports/csv.js';
import { sweepReportHtml } from '../../reports/html/sweepReport.js';
import { figureColumns, spread, type FigureColumn, type Spread } from './figures.js';
import type { SeedOutcome, SweepReport } from './sweep.js';

export const SWEEP_FILE_NAMES = ['sweep.json', 'sweep-outcomes.jsonl', 'sweep-seeds.csv', 'sweep-distribution.csv', 'report.html'] as const;

/** CSV files of a sweep are plain UTF-8 with English headers (no --lang/--excel: they are read by scripts first). */
const CSV = { lang: 'en', excel: false } as const;

export function outcomeKind(outcome: SeedOutcome): 'clean' | 'failing' | 'crashed' {
  if (outcome.error !== undefined) return 'crashed';
  return outcome.violations > 0 ? 'failing' : 'clean';
}

function valueText(column: FigureColumn, value: number): string {
  return column.money ? yuan(value) : String(value);
}

function seedColumns(figures: readonly FigureColumn[]): CsvColumn<SeedOutcome>[] {
  return [
    { en: 'seed', value: (o) => o.seed },
    { en: 'profile', value: (o) => o.profile },
    { en: 'outcome', value: (o) => outcomeKind(o) },
    { en: 'violations', value: (o) => String(o.violations), numeric: true },
    { en: 'checks', value: (o) => o.checks.join(' ') },
    { en: 'first_check', value: (o) => o.first?.check },
    { en: 'first_rules', value: (o) => o.first?.rules.join(' ') },
    { en: 'first_entity', value: (o) => o.first?.entity },
    { en: 'error', value: (o) => o.error },
    { en: 'replay', value: (o) => o.replay },
    ...figures.map((column): CsvColumn<SeedOutcome> => ({ en: column.name, value: (o) => (o.figures ? valueText(column, column.of(o.figures)) : undefined), numeric: true })),
  ];
}

interface SpreadRow {
  readonly column: FigureColumn;
  readonly spread: Spread | undefined;
}

const SPREAD_COLUMNS: readonly CsvColumn<SpreadRow>[] = [
  { en: 'figure', value: (r) => r.column.name },
  { en: 'unit', value: (r) => (r.column.money ? 'yuan' : 'count') },
  { en: 'seeds', value: (r) => String(r.spread?.seeds ?? 0), numeric: true },
  ...(['min', 'p5', 'median', 'p95', 'max'] as const).map((key): CsvColumn<SpreadRow> => ({ en: key, value: (r) => (r.spread ? valueText(r.column, r.spread[key]) : undefined), numeric: true })),
];

/** Every file of a sweep; `outcomes` in seed-list order (the report was folded from the same list). */
export function sweepFiles(report: SweepReport, outcomes: readonly SeedOutcome[]): Map<string, string> {
  const ran = outcomes.flatMap((o) => (o.figures ? [o.figures] : []));
  const columns = figureColumns(ran);
  // One list of spreads for the CSV and the page, so the page cannot show other numbers than the file.
  const spreads = columns.map((column) => ({ column, spread: spread(ran.map(column.of)) }));
  return new Map([
    ['sweep.json', `${JSON.stringify(report, null, 2)}\n`],
    ['sweep-outcomes.jsonl', outcomes.map((o) => `${JSON.stringify(o)}\n`).join('')],
    ['sweep-seeds.csv', csvText(seedColumns(columns), outcomes, CSV)],
    ['sweep-distribution.csv', csvText(SPREAD_COLUMNS, spreads, CSV)],
    [
      'report.html',
      sweepReportHtml({
        headline: report,
        figures: spreads.map((row) => ({ name: row.column.name, money: row.column.money, ...(row.spread ? { spread: row.spread } : {}) })),
        seeds: outcomes.map((o) => ({
          seed: o.seed,
          profile: o.profile,
          outcome: outcomeKind(o),
          violations: o.violations,
          checks: o.checks,
          ...(o.first ? { first: o.first } : {}),
          ...(o.error !== undefined ? { error: o.error } : {}),
          replay: o.replay,
        })),
      }),
    ],
  ]);
}
