// A sweep's report.html as bytes: its distribution table and box plots show exactly the numbers of
// sweep-distribution.csv (the same spreads, money as the CSV's yuan), failing and crashed seeds come first with
// their replay commands, every text from input is escaped, and the seed table stops at 500 rows.
import { describe, expect, test } from 'vitest';
import { loadScenarioFile } from '../scenarios/loader.js';
import { sweepFiles } from '../runs/sweep/files.js';
import type { SeedFigures } from '../runs/sweep/figures.js';
import { sweepReport, sweepSeed, type SeedOutcome, type SweepJob } from '../runs/sweep/sweep.js';
import { join } from 'node:path';
import { REPO } from './support/cli.js';

const HOSTILE = '<img src=x onerror=alert(1)>&"\'</script>';

function job(name: string, swarm: boolean): SweepJob {
  const loaded = loadScenarioFile(join(REPO, 'scenarios', `${name}.yaml`));
  if (!loaded.ok) throw new Error(loaded.error.toString());
  return { scenario: loaded.scenario, scenarioArg: name, sets: {}, swarm };
}

function files(sweep: SweepJob, given: string, outcomes: readonly SeedOutcome[]): { html: string; csv: string } {
  const written = sweepFiles(sweepReport(sweep, given, outcomes), outcomes);
  return { html: written.get('report.html')!, csv: written.get('sweep-distribution.csv')! };
}

/** A CSV without quoted cells (figure names and numbers have no commas) as header → value rows. */
function csvRows(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trimEnd().split('\n').map((line) => line.split(','));
  return lines.map((cells) => Object.fromEntries(header!.map((name, i) => [name, cells[i] ?? ''])));
}

const unescape = (text: string): string =>
  text.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);

interface HtmlCell {
  /** data-v, the exact value a numeric cell sorts by. */
  readonly v?: string;
  /** What the reader sees (tags dropped, entities read). */
  readonly text: string;
  readonly html: string;
}

/** A table the report wrote (reports/html/page.ts's `table`): its data-field per column and its rows' cells. */
function htmlTable(html: string, id: string): { fields: (string | undefined)[]; rows: HtmlCell[][] } {
  const m = new RegExp(`<table class="sortable" id="${id}"><thead><tr>(.*?)</tr></thead>\\n<tbody>\\n([\\s\\S]*?)\\n</tbody></table>`).exec(html);
  if (!m) throw new Error(`no table ${id}`);
  const fields = [...m[1]!.matchAll(/<th data-col="\d+"(?: data-field="([^"]*)")?/g)].map((h) => h[1]);
  const rows = m[2]!.split('\n').map((tr) =>
    [...tr.matchAll(/<td(?: class="num")?(?: data-v="([^"]*)")?>(.*?)<\/td>/g)].map((td) => ({
      ...(td[1] !== undefined ? { v: unescape(td[1]) } : {}),
      text: unescape(td[2]!.replace(/<[^>]*>/g, '')),
      html: td[2]!,
    })),
  );
  return { fields, rows };
}

/** The ECharts options the page draws, by chart slot id. */
function chartsOf(html: string): Record<string, { series: { type: string; data: number[][] }[]; yAxis: { data: string[] } }> {
  const json = /<script type="application\/json" id="report-data">(.*?)<\/script>/.exec(html)![1]!;
  return (JSON.parse(json) as { charts: ReturnType<typeof chartsOf> }).charts;
}

const FIELDS = ['figure', 'unit', 'seeds', 'min', 'p5', 'median', 'p95', 'max'] as const;

/** The distribution table and the box plots hold the CSV's numbers, row for row. */
function expectPageEqualsCsv(html: string, csv: string): void {
  const expected = csvRows(csv);
  expect(expected.length).toBeGreaterThan(0);
  const table = htmlTable(html, 'distribution-table');
  expect(table.fields).toEqual([...FIELDS]);
  // The exact value (data-v) of numeric cells, the text of the others: the CSV's cells.
  const exact = table.rows.map((cells) => Object.fromEntries(FIELDS.map((f, i) => [f, cells[i]!.v ?? cells[i]!.text])));
  expect(exact).toEqual(expected);
  // What the reader sees is the same number, with thousands separators.
  const shown = table.rows.map((cells) => Object.fromEntries(FIELDS.map((f, i) => [f, cells[i]!.text.replace(/,/g, '')])));
  expect(shown).toEqual(expected);
  // The box plots: one box per figure, [min, p5, median, p95, max], families in the CSV's order.
  const boxes = Object.values(chartsOf(html)).flatMap((chart) => {
    expect(chart.series.map((s) => s.type)).toEqual(['boxplot']);
    return chart.series[0]!.data;
  });
  expect(boxes).toEqual(expected.map((row) => (['min', 'p5', 'median', 'p95', 'max'] as const).map((key) => Number(row[key]))));
}

function figures(fen: number, extra: Partial<SeedFigures> = {}): SeedFigures {
  return { orders: 10, refunds: 1, deferredAtEndFen: fen, payableFen: { 'm1/2024-01': fen * 3, 'm2/2024-01': -fen }, refusals: {}, ...extra };
}

function outcome(seed: string, over: Partial<SeedOutcome>): SeedOutcome {
  return { seed, profile: 'koogallery', sets: {}, violations: 0, checks: [], replay: `marketsim run x --seed ${seed}`, ...over };
}

describe('sweep report.html', () => {
  test('the distribution table and box plots show the numbers of sweep-distribution.csv, of a real swarm sweep (STL-1 payable per merchant and month)', () => {
    const tiny = job('market-tiny', true);
    const seeds = ['1', '2', '3', '4', '5', '6'];
    const { html, csv } = files(tiny, '1..6', seeds.map((seed) => sweepSeed(tiny, seed)));
    expect(csv).toContain('payable/');
    expectPageEqualsCsv(html, csv);
  }, 60_000);

  test('negative and large amounts, five distinct percentiles, and a crashed seed left out of every figure, as the CSV has them', () => {
    // 40 seeds ran (seed 8 crashed), so min, p5 (the 2nd value), median (the 20th), p95 (the 38th) and max differ:
    // seed i+1 has (i−10)·308,641.97 yuan + 1 fen, and seed 8 (i = 7) is missing from the sorted list.
    const outcomes = Array.from({ length: 41 }, (_, i) =>
      i === 7 ? outcome(String(i + 1), { error: 'boom', replay: '' }) : outcome(String(i + 1), { figures: figures((i - 10) * 3_086_419_7 + 1, i === 3 ? { refusals: { 'PUB-2': 3 } } : {}) }),
    );
    const { html, csv } = files(job('market-tiny', false), '1..41', outcomes);
    const deferred = csvRows(csv).find((row) => row.figure === 'deferred_at_end')!;
    expect(deferred).toEqual({ figure: 'deferred_at_end', unit: 'yuan', seeds: '40', min: '-3086419.69', p5: '-2777777.72', median: '3086419.71', p95: '8641975.17', max: '9259259.11' });
    expect(csvRows(csv).find((row) => row.figure === 'refused/PUB-2')).toMatchObject({ seeds: '40', min: '0', max: '3' });
    expect(html).toContain('>-3,086,419.69<');
    expectPageEqualsCsv(html, csv);
  });

  test('failing and crashed seeds first, then clean ones, each in seed-list order, with their replay commands; input text escaped', () => {
    const outcomes = [
      outcome('1', { figures: figures(1) }),
      outcome('2', { violations: 2, checks: ['EXPECT'], first: { check: 'EXPECT', rules: ['DEL-1', 'NOT-A-RULE'], at: 't', entity: `product:${HOSTILE}`, message: `msg ${HOSTILE}` }, replay: `marketsim run ${HOSTILE} --seed 2`, figures: figures(2) }),
      outcome('3', { figures: figures(3) }),
      outcome(`4${HOSTILE}`, { error: `crash ${HOSTILE}`, replay: '' }),
    ];
    const { html } = files(job('delisting-tencent', false), '1..4', outcomes);
    const table = htmlTable(html, 'seeds-table');
    expect(table.rows.map((cells) => cells[0]!.text)).toEqual(['2', `4${HOSTILE}`, '1', '3']);
    expect(table.rows.map((cells) => cells[2]!.text)).toEqual(['failing', 'crashed', 'clean', 'clean']);
    expect(table.rows[0]![table.fields.indexOf('replay')]!.text).toBe(`marketsim run ${HOSTILE} --seed 2`);
    expect(table.rows[0]!.map((c) => c.text)).toContain(`msg ${HOSTILE}`);
    expect(table.rows[1]!.map((c) => c.text)).toContain(`crash ${HOSTILE}`);
    // A rule the rulebook has links to its text in the page's rulebook section; another stays plain text.
    expect(table.rows[0]![table.fields.indexOf('first_rules')]!.html).toBe('<a class="rule" href="#rule-DEL-1">DEL-1</a> NOT-A-RULE');
    expect(html).toContain('id="rule-DEL-1"');
    expect(html).not.toContain('<img src=x');
    // Only the page's own three script elements close: no input text ends one early.
    expect(html.match(/<\/script>/g)).toHaveLength(3);
  });

  test('the seed table lists 500 seeds, failures first, and says where the rest are', () => {
    const outcomes = Array.from({ length: 620 }, (_, i) =>
      outcome(String(i + 1), (i + 1) % 100 === 0 ? { violations: 1, checks: ['EXPECT'], first: { check: 'EXPECT', rules: [], at: 't', entity: 'e', message: 'm' }, figures: figures(i) } : { figures: figures(i) }),
    );
    const { html, csv } = files(job('market-tiny', false), '1..620', outcomes);
    const rows = htmlTable(html, 'seeds-table').rows;
    expect(rows).toHaveLength(500);
    expect(rows.slice(0, 6).map((cells) => cells[0]!.text)).toEqual(['100', '200', '300', '400', '500', '600']);
    expect(rows[6]![0]!.text).toBe('1');
    expect(html).toContain('First 500 of 620 seeds; every seed is in sweep-seeds.csv.');
    expectPageEqualsCsv(html, csv);
  });
});
