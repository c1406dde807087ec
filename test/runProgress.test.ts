// `marketsim run` shows live progress on a terminal and stays quiet when its stderr is piped.
import { expect, test } from 'vitest';
import { RunProgress } from '../cli/shared/runProgress.js';
import { parseTime } from '../machines/time.js';
import type { LogEntry } from '../sim/log/entry.js';
import { marketsim } from './support/cli.js';

const start = parseTime('2024-01-01T00:00:00+08:00')!;
const end = parseTime('2025-01-01T00:00:00+08:00')!;

function entry(at: string, entity = 'product:p1', source: LogEntry['source'] = 'timeline'): LogEntry {
  return { seq: 0, at, entity, event: 'purchase', source, accepted: true, state: 'x', rules: [] };
}

function feed(progress: RunProgress, count: number, at: string, clock: { t: number }): void {
  for (let i = 0; i < count; i++) {
    clock.t += 1; // one wall millisecond per entry
    progress.onEntry(entry(at, i % 4 === 0 ? `order:o${i}` : 'product:p1', i % 4 === 0 ? 'spawn' : 'timeline'));
  }
}

test('on a terminal the line shows the virtual date, orders, events, rate, share done and ETA, redrawn in place and cleared at the end', () => {
  const written: string[] = [];
  const clock = { t: 0 };
  const progress = new RunProgress(start, end, { isTTY: true, columns: 200, write: (s) => written.push(s) }, { now: () => clock.t, intervalMs: 100 });
  feed(progress, 1024, '2024-07-02T00:00:00.000+08:00', clock);
  expect(written.length).toBeGreaterThan(0);
  const last = written.at(-1)!;
  expect(last.startsWith('\r')).toBe(true);
  expect(last).toContain('2024-07-02');
  expect(last).toContain('256 orders'); // every fourth entry spawned an order
  expect(last).toContain('1,024 events');
  expect(last).toContain('1,000 events/s'); // 1,024 entries in 1,024 wall ms
  expect(last).toMatch(/ 50% /); // 2024-07-02 00:00 is 183 of 2024's 366 days in
  expect(last).toMatch(/ETA 1s/); // as long again as so far (about 1 s)
  progress.finish();
  expect(written.at(-1)).toBe('\r\u001b[K');
});

test('redraws at most once per interval of wall time', () => {
  const written: string[] = [];
  const clock = { t: 0 };
  const progress = new RunProgress(start, end, { isTTY: true, write: (s) => written.push(s) }, { now: () => clock.t, intervalMs: 10_000 });
  feed(progress, 4096, '2024-03-01T00:00:00.000+08:00', clock);
  expect(written).toHaveLength(0); // 4,096 ms of wall time is within one 10 s interval
  feed(progress, 8192, '2024-03-01T00:00:00.000+08:00', clock);
  expect(written).toHaveLength(1);
});

test('not a terminal: nothing is written, not even the clearing of the line', () => {
  const written: string[] = [];
  const clock = { t: 0 };
  const progress = new RunProgress(start, end, { isTTY: false, write: (s) => written.push(s) }, { now: () => clock.t, intervalMs: 1 });
  feed(progress, 4096, '2024-03-01T00:00:00.000+08:00', clock);
  progress.finish();
  expect(written).toEqual([]);
});

test('`marketsim run` with stderr piped prints no progress: stderr stays empty on a clean run', () => {
  const out = marketsim(['run', 'supervision-types', '--out', `${process.env.TMPDIR ?? '/tmp'}/progress-piped`]);
  expect(out.code).toBe(0);
  expect(out.stderr).toBe('');
});

test('once the run has ended, the line says which file is being built, and is still cleared at the end', () => {
  const written: string[] = [];
  const clock = { t: 0 };
  const progress = new RunProgress(start, end, { isTTY: true, columns: 200, write: (s) => written.push(s) }, { now: () => clock.t, intervalMs: 100 });
  feed(progress, 1024, '2024-12-31T00:00:00.000+08:00', clock);
  clock.t += 2_000;
  progress.writing('orders.csv');
  expect(written.at(-1)).toBe('\rwriting orders.csv…  (256 orders, 1,024 events, 3s so far)\u001b[K');
  progress.finish();
  expect(written.at(-1)).toBe('\r\u001b[K');
  const quiet: string[] = [];
  new RunProgress(start, end, { isTTY: false, write: (s) => quiet.push(s) }).writing('orders.csv');
  expect(quiet).toEqual([]);
});

test('a run split across workers: the shards\' least instant and their counts while they run, then the merge counted afresh and labelled', () => {
  const written: string[] = [];
  const clock = { t: 0 };
  const progress = new RunProgress(start, end, { isTTY: true, columns: 200, write: (s) => written.push(s) }, { now: () => clock.t, intervalMs: 100 });
  clock.t = 1_000;
  progress.shards(parseTime('2024-04-01T00:00:00.000+08:00')!, 5_000, 700);
  const shardsLine = written.at(-1)!;
  expect(shardsLine.startsWith('\rshards: 2024-04-01')).toBe(true);
  expect(shardsLine).toContain('700 orders');
  expect(shardsLine).toContain('5,000 events');
  clock.t = 1_050;
  progress.shards(parseTime('2024-05-01T00:00:00.000+08:00')!, 6_000, 800);
  expect(written).toHaveLength(1); // within the interval: not drawn again
  progress.merging();
  feed(progress, 1024, '2024-02-01T00:00:00.000+08:00', clock);
  const mergeLine = written.at(-1)!;
  expect(mergeLine.startsWith('\rmerging: 2024-02-01')).toBe(true);
  expect(mergeLine).toContain('256 orders'); // the merged log's own count, not added to the shards'
  expect(mergeLine).toContain('1,024 events');
  // Lines the merge does not parse are counted from their tags, alike: 256 more events, one of four an order's spawn.
  clock.t += 1_000;
  for (let i = 0; i < 256; i++) progress.onCounted(parseTime('2024-03-01T00:00:00.000+08:00')!, i % 4 === 0);
  const countedLine = written.at(-1)!;
  expect(countedLine.startsWith('\rmerging: 2024-03-01')).toBe(true);
  expect(countedLine).toContain('320 orders');
  expect(countedLine).toContain('1,280 events');
});
