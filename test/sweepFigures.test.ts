// What a sweep tells an analyst: each seed's headline figures (orders, refunds, payable per merchant and month,
// deferred at the end, refusals by rule), their nearest-rank spread across seeds, the per-seed and distribution
// CSVs, shards that merge back into the unsharded sweep byte for byte (report.html included), and the terminal
// progress line.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../cli/main.js';
import { durationText, progressLine, terminalProgress } from '../cli/progress.js';
import { nearestRank, spread } from '../runs/sweep/figures.js';
import { shardSeeds, type SweepReport } from '../runs/sweep/sweep.js';
import { REPO, tempDir } from './support/cli.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function temp(): string {
  const dir = tempDir('marketsim-figures-');
  dirs.push(dir);
  return dir;
}

async function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

function filesOf(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

/** A CSV without quoted commas (these files have none in the columns read here) as header → value rows. */
function rows(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split('\n').map((line) => line.split(','));
  return lines.map((cells) => Object.fromEntries(header!.map((name, i) => [name, cells[i] ?? ''])));
}

describe('nearest-rank percentiles', () => {
  test('x[k] of the sorted values with k = ⌈p·n/100⌉: always one of the values, never an interpolation', () => {
    const five = [15, 20, 35, 40, 50];
    expect([5, 30, 40, 50, 95, 100].map((p) => nearestRank(five, p))).toEqual([15, 20, 20, 35, 50, 50]);
    const twenty = Array.from({ length: 20 }, (_, i) => i + 1);
    // p5 of 20 values is the 1st, p95 the 19th, the median the 10th (the lower middle of an even count).
    expect([nearestRank(twenty, 5), nearestRank(twenty, 50), nearestRank(twenty, 95)]).toEqual([1, 10, 19]);
    expect(spread([7])).toEqual({ seeds: 1, min: 7, p5: 7, median: 7, p95: 7, max: 7 });
    expect(spread([3, -1, 2])).toEqual({ seeds: 3, min: -1, p5: -1, median: 2, p95: 3, max: 3 });
    expect(spread([])).toBeUndefined();
  });
});

describe('per-seed figures and their distribution', () => {
  test('SUP-10, STL-1, PUB-2: a supervised order never accepted is deferred at the end, one accepted settles the month after its completion, a refused purchase counts under its rule', async () => {
    const dir = temp();
    const scenario = join(dir, 'deferred.yaml');
    // supervision-orders (o1 accepted on 2024-02-01, 1,000.00 yuan, no commission by default) plus o2, bought
    // on 2024-03-10 and never accepted: it is still deferred at the run's last statement (2024-04).
    const base = readFileSync(join(REPO, 'scenarios', 'supervision-orders.yaml'), 'utf8').replace(/^name: .*$/m, 'name: deferred-at-end');
    writeFileSync(scenario, `${base}  - { at: 2024-03-10T09:00, event: purchase, order: o2, buyer: b1, product: ops, expect: { accepted: true } }\n`);
    const r = await cli(['sweep', scenario, '--seeds', '1,2', '--workers', '1', '--out', join(dir, 'out')]);
    expect(r.code, r.stderr).toBe(0);
    const seeds = rows(readFileSync(join(dir, 'out', 'sweep-seeds.csv'), 'utf8'));
    expect(seeds.map((s) => s.seed)).toEqual(['1', '2']);
    expect(seeds[0]).toMatchObject({
      outcome: 'clean',
      orders: '2',
      refunds: '0',
      deferred_at_end: '1000.00',
      'payable/m1/2024-02': '0.00',
      'payable/m1/2024-03': '1000.00',
      'payable/m1/2024-04': '0.00',
      'refused/PUB-2': '1',
      replay: `marketsim run ${scenario} --seed 1`,
    });
    const spreadRows = rows(readFileSync(join(dir, 'out', 'sweep-distribution.csv'), 'utf8'));
    expect(spreadRows.map((s) => s.figure)).toEqual(['orders', 'refunds', 'deferred_at_end', 'payable/m1/2024-02', 'payable/m1/2024-03', 'payable/m1/2024-04', 'refused/PUB-2']);
    expect(spreadRows[2]).toEqual({ figure: 'deferred_at_end', unit: 'yuan', seeds: '2', min: '1000.00', p5: '1000.00', median: '1000.00', p95: '1000.00', max: '1000.00' });
  });

  test('the refunds figure counts the refund orders of the seller-center order list (REF-1)', async () => {
    const dir = temp();
    const run = await cli(['run', 'refunds-five-day-tencent', '--out', join(dir, 'run')]);
    expect(run.code, run.stderr).toBe(0);
    const orders = readFileSync(join(dir, 'run', 'orders.csv'), 'utf8').trim().split('\n').slice(1);
    const refundRows = orders.filter((line) => line.includes('refund/')).length;
    expect(refundRows).toBeGreaterThan(0);
    const seed = (JSON.parse(readFileSync(join(dir, 'run', 'summary.json'), 'utf8')) as { seed: string }).seed;
    const r = await cli(['sweep', 'refunds-five-day-tencent', '--seeds', seed, '--workers', '1', '--out', join(dir, 'sweep')]);
    expect(r.code, r.stderr).toBe(0);
    const row = rows(readFileSync(join(dir, 'sweep', 'sweep-seeds.csv'), 'utf8'))[0]!;
    expect(row.refunds).toBe(String(refundRows));
    expect(row.orders).toBe(String(orders.length - refundRows));
  });

  test('a failing seed\'s row names its first check, rules and replay command, as sweep.json does (EXPECT, DEL-1)', async () => {
    const dir = temp();
    const r = await cli(['sweep', 'delisting-tencent', '--seeds', '1..4', '--swarm', '--workers', '1', '--out', dir + '/s']);
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 's', 'sweep.json'), 'utf8')) as SweepReport;
    const failure = report.failures[0]!;
    expect(failure).not.toHaveProperty('figures'); // the figures are in the CSVs, sweep.json stays as it was
    const text = readFileSync(join(dir, 's', 'sweep-seeds.csv'), 'utf8');
    const line = text.split('\n').find((l) => l.startsWith(`${failure.seed},`))!;
    expect(line).toContain(`,failing,${failure.violations},${failure.checks.join(' ')},${failure.first!.check},${failure.first!.rules.join(' ')},${failure.first!.entity},,${failure.replay},`);
  });
});

describe('shards', () => {
  test('--shard i/n splits the seed list into n contiguous parts that cover it once, in order', () => {
    for (let length = 0; length <= 25; length++) {
      const seeds = Array.from({ length }, (_, i) => String(i + 1));
      for (let count = 1; count <= 7; count++) {
        const parts = Array.from({ length: count }, (_, i) => shardSeeds(seeds, { index: i + 1, count }));
        expect(parts.flat()).toEqual(seeds);
        expect(Math.max(...parts.map((p) => p.length)) - Math.min(...parts.map((p) => p.length))).toBeLessThanOrEqual(1);
      }
    }
  });

  test('sweep merge of --shard 1/3, 2/3 and 3/3 writes the unsharded sweep\'s files byte for byte; a missing or foreign shard exits 2', async () => {
    const dir = temp();
    const args = ['sweep', 'delisting-tencent', '--seeds', '1..10', '--swarm', '--workers', '1'];
    for (const i of [1, 2, 3]) expect((await cli([...args, '--shard', `${i}/3`, '--out', join(dir, `s${i}`)])).code).toBe(1);
    const shard = JSON.parse(readFileSync(join(dir, 's2', 'sweep.json'), 'utf8')) as SweepReport;
    expect(shard.shard).toEqual({ index: 2, count: 3 });
    expect(shard.seeds.count).toBe(3);
    const merged = await cli(['sweep', 'merge', join(dir, 's3'), join(dir, 's1'), join(dir, 's2'), '--out', join(dir, 'merged')]);
    expect(merged.code, merged.stderr).toBe(1);
    expect((await cli([...args, '--out', join(dir, 'whole')])).code).toBe(1);
    expect(filesOf(join(dir, 'merged'))).toEqual(filesOf(join(dir, 'whole')));
    expect(Object.keys(filesOf(join(dir, 'whole')))).toEqual(['.marketsim-output', 'report.html', 'sweep-distribution.csv', 'sweep-outcomes.jsonl', 'sweep-seeds.csv', 'sweep.json']);
    // report.html too, byte for byte (no clock, no worker count, no shard in it), though each shard's own page says
    // which shard it is and shows only its seeds.
    const page = (out: string) => readFileSync(join(dir, out, 'report.html'), 'utf8');
    expect(page('merged')).toBe(page('whole'));
    expect(page('whole')).toContain('<table class="sortable" id="distribution-table">');
    expect(page('whole')).not.toMatch(/shard \d/);
    expect(page('s2')).toContain('shard 2/3');

    const missing = await cli(['sweep', 'merge', join(dir, 's1'), join(dir, 's3'), '--out', join(dir, 'bad')]);
    expect(missing).toMatchObject({ code: 2, stderr: 'marketsim: sweep merge: shard 2/3 missing' });
    expect((await cli([...args.slice(0, 3), '1..9', '--swarm', '--shard', '2/3', '--out', join(dir, 'other')])).code).toBe(1);
    const foreign = await cli(['sweep', 'merge', join(dir, 's1'), join(dir, 'other'), join(dir, 's3'), '--out', join(dir, 'bad')]);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('not a shard of the same sweep');
    expect(readdirSync(dir)).not.toContain('bad');
  });
});

describe('progress', () => {
  test('seeds done, failures so far, rate and time left; no rate before a seed is done', () => {
    expect(progressLine({ done: 120, total: 1000, failing: 3, doneHere: 100, seconds: 4 })).toBe('120/1,000 seeds · 3 failing · 25.0 seeds/s · ETA 35s');
    expect(progressLine({ done: 0, total: 10, failing: 0, doneHere: 0, seconds: 1 })).toBe('0/10 seeds · 0 failing');
    expect(progressLine({ done: 10, total: 10, failing: 1, doneHere: 10, seconds: 2 })).toBe('10/10 seeds · 1 failing · 5.0 seeds/s');
    expect([durationText(42), durationText(185), durationText(3720)]).toEqual(['42s', '3m 05s', '1h 02m']);
  });

  test('drawn in place on a terminal, cleared at the end; nothing at all when the stream is not a terminal', () => {
    const written: string[] = [];
    const stream = (isTTY: boolean) => ({ isTTY, write: (text: string) => written.push(text) }) as unknown as NodeJS.WriteStream;
    const quiet = terminalProgress(10, stream(false));
    quiet.update(10, 2);
    quiet.end();
    expect(written).toEqual([]);
    const shown = terminalProgress(10, stream(true));
    shown.update(10, 2); // the last seed is always drawn
    shown.end();
    expect(written).toHaveLength(2);
    expect(written[0]).toMatch(/^\r\x1b\[K10\/10 seeds · 2 failing/);
    expect(written[1]).toBe('\r\x1b[K');
  });
});
