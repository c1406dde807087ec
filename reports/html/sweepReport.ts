// report.html of a sweep: how each headline figure spreads over the seeds (a box plot per family of figures and
// the table of sweep-distribution.csv), every seed's outcome with failures first and its replay command, and the
// text of the rules the failures name. Pure: built from the sweep's report and outcomes only (no timing, no worker
// count), so a local sweep, a sweep on the queue and `sweep merge` of its shards write the same bytes.
import { boxPlot, boxPlotHeight, type Box } from './charts.js';
import { chartYuan, escapeHtml, money } from './format.js';
import { cell, chartSlot, pageHtml, table, type Cell, type Column, type Section } from './page.js';
import { rulebookHtml, ruleLink } from './rulebookSection.js';
import { MAX_TABLE_ROWS } from './runReport.js';
import { yuan } from '../settlementMoney.js';

/**
 * Every word the sweep report shows, in English only: `sweep` has no --lang (its CSVs are English, read by
 * scripts first). Kept here rather than in labels.ts so a translation of the run report's labels leaves it be.
 */
export const SWEEP_LABELS = {
  title: 'Sweep report',
  contents: 'Contents',
  seedsGiven: 'seeds',
  shard: 'shard',
  swarm: 'swarm: each seed draws its own rules mix and profile',
  profile: 'profile',
  overrides: 'rules overrides',
  none: 'none',
  clean: 'clean',
  failing: 'failing',
  crashed: 'crashed',
  byCheck: 'failing seeds per check',
  distributionTitle: 'Figures across seeds',
  distributionNote:
    'Each seed\'s headline figures (the columns of sweep-seeds.csv), spread over the seeds that ran (a crashed seed has none). ' +
    'Percentiles are nearest-rank: always one seed\'s own value. In the charts the box spans p5 to p95 with a line at the median, ' +
    'and the whiskers reach the min and max. The table has every row of sweep-distribution.csv.',
  seedsTitle: 'Seeds',
  seedsNote: 'Failing and crashed seeds first, then clean ones, each in seed-list order. The replay command runs that one seed again.',
  rulebookTitle: 'Rulebook',
  rulebookNote: 'The rules the failing seeds\' first violations name, as the rulebook bundled with marketsim states them.',
  figure: 'figure',
  unit: 'unit',
  seeds: 'seeds',
  seed: 'seed',
  outcome: 'outcome',
  violations: 'violations',
  checks: 'checks',
  firstCheck: 'first check',
  rules: 'rules',
  entity: 'entity',
  message: 'message or error',
  replay: 'replay',
  noRows: 'None.',
  shownOf: (shown: number, total: number) => `First ${shown} of ${total} seeds; every seed is in sweep-seeds.csv.`,
} as const;

const L = SWEEP_LABELS;

/** What the page says of the sweep as a whole (runs/sweep's SweepReport has these fields). */
export interface SweepHeadline {
  readonly scenario: string;
  readonly seeds: { readonly given: string; readonly count: number };
  readonly shard?: { readonly index: number; readonly count: number };
  readonly swarm: boolean;
  readonly profile?: string;
  readonly sets: Readonly<Record<string, unknown>>;
  readonly clean: number;
  readonly failing: number;
  readonly crashed: number;
  readonly byCheck: Readonly<Record<string, number>>;
}

/** One row of sweep-distribution.csv: a figure and its spread (fen for money, else a count). */
export interface FigureSpread {
  readonly name: string;
  readonly money: boolean;
  readonly spread?: { readonly seeds: number; readonly min: number; readonly p5: number; readonly median: number; readonly p95: number; readonly max: number };
}

/** One seed's outcome, as sweep-seeds.csv has it. */
export interface SeedRow {
  readonly seed: string;
  readonly profile: string;
  readonly outcome: 'clean' | 'failing' | 'crashed';
  readonly violations: number;
  readonly checks: readonly string[];
  readonly first?: { readonly check: string; readonly rules: readonly string[]; readonly entity: string; readonly message: string };
  readonly error?: string;
  readonly replay: string;
}

export interface SweepReportInput {
  readonly headline: SweepHeadline;
  /** In sweep-distribution.csv's order. */
  readonly figures: readonly FigureSpread[];
  /** In seed-list order. */
  readonly seeds: readonly SeedRow[];
}

const PERCENTILES = ['min', 'p5', 'median', 'p95', 'max'] as const;

/** Titles of the families of figures (the part of a figure's name before its first "/"). */
const FAMILY_TITLES: Readonly<Record<string, string>> = {
  orders: 'Orders on the ledger',
  refunds: 'Refund orders on the ledger',
  deferred_at_end: 'Deferred at the end (gross still held back at the last statement)',
  payable: 'Payable per merchant and statement month',
  refused: 'Refused events per rule',
};

function familyOf(name: string): { family: string; member: string } {
  const slash = name.indexOf('/');
  return slash < 0 ? { family: name, member: name } : { family: name.slice(0, slash), member: name.slice(slash + 1) };
}

/** A figure's value as the CSV writes it (the sort key) and as a reader reads it (yuan with thousands separators). */
function valueCell(figure: FigureSpread, value: number | undefined): Cell {
  if (value === undefined) return cell('');
  return figure.money ? cell(money(value), yuan(value)) : cell(String(value), String(value));
}

function distributionSection(figures: readonly FigureSpread[], charts: Record<string, unknown>): Section {
  const families = new Map<string, { member: string; box: Box; money: boolean }[]>();
  for (const figure of figures) {
    const s = figure.spread;
    if (!s) continue;
    const { family, member } = familyOf(figure.name);
    const box: Box = figure.money ? [chartYuan(s.min), chartYuan(s.p5), chartYuan(s.median), chartYuan(s.p95), chartYuan(s.max)] : [s.min, s.p5, s.median, s.p95, s.max];
    const members = families.get(family) ?? [];
    members.push({ member, box, money: figure.money });
    families.set(family, members);
  }
  const plots = [...families].map(([family, members], i) => {
    // Slot ids by position: a family's name comes from the figures (a rule ID), not from marketsim.
    const id = `chart-figures-${i + 1}`;
    charts[id] = boxPlot(members.map((m) => m.member), members.map((m) => m.box), members[0]!.money ? 'yuan' : 'count');
    return `<h3>${escapeHtml(FAMILY_TITLES[family] ?? family)}</h3>\n${chartSlot(id, boxPlotHeight(members.length))}`;
  });
  const columns: Column[] = [
    { label: L.figure, field: 'figure' },
    { label: L.unit, field: 'unit' },
    { label: L.seeds, numeric: true, field: 'seeds' },
    ...PERCENTILES.map((key): Column => ({ label: key, numeric: true, field: key })),
  ];
  const rows = figures.map((f) => [
    cell(f.name),
    cell(f.money ? 'yuan' : 'count'),
    cell(String(f.spread?.seeds ?? 0), String(f.spread?.seeds ?? 0)),
    ...PERCENTILES.map((key) => valueCell(f, f.spread?.[key])),
  ]);
  const body = figures.length === 0 ? `<p>${L.noRows}</p>` : `${plots.join('\n')}\n<div class="scroll">${table('distribution-table', columns, rows)}</div>`;
  return { id: 'distribution', title: L.distributionTitle, note: L.distributionNote, body };
}

function seedsSection(seeds: readonly SeedRow[]): Section {
  const ordered = [...seeds.filter((s) => s.outcome !== 'clean'), ...seeds.filter((s) => s.outcome === 'clean')];
  const columns: Column[] = [
    { label: L.seed, field: 'seed' },
    { label: L.profile, field: 'profile' },
    { label: L.outcome, field: 'outcome' },
    { label: L.violations, numeric: true, field: 'violations' },
    { label: L.checks, field: 'checks' },
    { label: L.firstCheck, field: 'first_check' },
    { label: L.rules, field: 'first_rules' },
    { label: L.entity, field: 'first_entity' },
    { label: L.message },
    { label: L.replay, field: 'replay' },
  ];
  const rows = ordered.slice(0, MAX_TABLE_ROWS).map((s) => [
    cell(s.seed),
    cell(s.profile),
    cell(s.outcome),
    cell(String(s.violations), String(s.violations)),
    cell(s.checks.join(' ')),
    cell(s.first?.check ?? ''),
    { text: s.first?.rules.join(' ') ?? '', html: (s.first?.rules ?? []).map(ruleLink).join(' ') },
    cell(s.first?.entity ?? ''),
    cell(s.error ?? s.first?.message ?? ''),
    { text: s.replay, html: s.replay === '' ? '' : `<code>${escapeHtml(s.replay)}</code>` },
  ]);
  const more = ordered.length > MAX_TABLE_ROWS ? `<p class="note">${escapeHtml(L.shownOf(MAX_TABLE_ROWS, ordered.length))}</p>` : '';
  const body = seeds.length === 0 ? `<p>${L.noRows}</p>` : `<div class="scroll">${table('seeds-table', columns, rows)}</div>${more}`;
  return { id: 'seeds', title: L.seedsTitle, note: L.seedsNote, body };
}

function subtitle(h: SweepHeadline): string[] {
  const overrides = Object.keys(h.sets).map((k) => `${k}=${JSON.stringify(h.sets[k])}`);
  const checks = Object.entries(h.byCheck).map(([check, n]) => `${check} ×${n}`);
  return [
    [
      `${L.seedsGiven} <b>${escapeHtml(h.seeds.given)}</b> (${h.seeds.count})`,
      ...(h.shard ? [`${L.shard} ${h.shard.index}/${h.shard.count}`] : []),
      ...(h.swarm ? [L.swarm] : []),
      ...(h.profile ? [`${L.profile} <b>${escapeHtml(h.profile)}</b>`] : []),
    ].join(' · '),
    `${L.overrides}: ${overrides.length === 0 ? L.none : escapeHtml(overrides.join(', '))}`,
    `<b>${h.clean}</b> ${L.clean} · <b>${h.failing}</b> ${L.failing} · <b>${h.crashed}</b> ${L.crashed}` +
      (checks.length > 0 ? ` · ${L.byCheck}: ${escapeHtml(checks.join(', '))}` : ''),
  ];
}

export function sweepReportHtml(input: SweepReportInput): string {
  const charts: Record<string, unknown> = {};
  const rules = new Set(input.seeds.flatMap((s) => s.first?.rules ?? []));
  const sections: Section[] = [
    distributionSection(input.figures, charts),
    seedsSection(input.seeds),
    ...(rules.size > 0 ? [{ id: 'rulebook', title: L.rulebookTitle, note: L.rulebookNote, body: rulebookHtml(rules) }] : []),
  ];
  return pageHtml({ title: `${L.title}: ${input.headline.scenario}`, subtitle: subtitle(input.headline), contentsLabel: L.contents, sections, charts, echarts: 'full' });
}
