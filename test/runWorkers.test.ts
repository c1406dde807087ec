// `marketsim run --workers N` (runs/shards): the run split by buyer writes every file byte for byte as one worker
// does, leaves nothing behind in the temporary directory, and bad values are refused before anything is written.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultWorkers, runWorkers, SPLIT_FROM_ORDERS } from '../cli/flags.js';
import { marketsim, tempDir } from './support/cli.js';

function filesOf(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'latin1')]));
}

describe('marketsim run --workers', () => {
  it('market-tiny with 1, 2 and 3 workers (and --excel --lang zh): the same files, byte for byte; no shard file left', () => {
    const root = tempDir();
    const tmp = join(root, 'tmp');
    mkdirSync(tmp);
    const outs = [1, 2, 3].map((workers) => {
      const out = join(root, `w${workers}`);
      const r = marketsim(['run', 'market-tiny', '--out', out, '--workers', String(workers), '--excel', '--lang', 'zh'], { env: { TMPDIR: tmp } });
      expect(r.code, r.stderr).toBe(0);
      return filesOf(out);
    });
    expect(Object.keys(outs[0]!).sort()).toEqual(expect.arrayContaining(['events.jsonl', 'settlement.csv', 'summary.json', 'orders.csv']));
    expect(outs[1]).toEqual(outs[0]);
    expect(outs[2]).toEqual(outs[0]);
    expect(readdirSync(tmp)).toEqual([]);
  }, 120_000);

  it.each([
    [['--workers', '0'], /--workers: 0: expected a whole number from 1 to 64/],
    [['--workers', 'two'], /--workers: two: expected a whole number/],
    [['--workers', '1.5'], /--workers: 1\.5: expected a whole number/],
    [['--workers', '65'], /--workers: 65: expected a whole number from 1 to 64/],
    [['--workers', '2', '--stop-on-violation'], /cannot stop at its first violation/],
  ])('%j: exit 2, one line naming the flag, nothing written', (flags, message) => {
    const out = join(tempDir(), 'out');
    const r = marketsim(['run', 'market-tiny', '--out', out, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });
});

describe('the default number of workers', () => {
  it('one thread below SPLIT_FROM_ORDERS, one shard per core from it (at most 64); one thread with --stop-on-violation or a log other than full', () => {
    expect(SPLIT_FROM_ORDERS).toBe(50_000);
    expect(defaultWorkers(49_999, 2)).toBe(1);
    expect(defaultWorkers(50_000, 2)).toBe(2);
    expect(defaultWorkers(1_000_000, 1)).toBe(1);
    expect(defaultWorkers(1_000_000, 128)).toBe(64);
    expect(runWorkers({}, () => 1_000_000)).toEqual({ ok: true, value: Math.min(availableParallelism(), 64) });
    expect(runWorkers({}, () => 49_999)).toEqual({ ok: true, value: 1 });
    expect(runWorkers({ log: 'money' }, () => 1_000_000)).toEqual({ ok: true, value: 1 });
    expect(runWorkers({ log: 'none' }, () => 1_000_000)).toEqual({ ok: true, value: 1 });
    expect(runWorkers({ stopOnViolation: true }, () => 1_000_000)).toEqual({ ok: true, value: 1 });
    expect(runWorkers({ workers: '3' }, () => 10)).toEqual({ ok: true, value: 3 });
  });
});
