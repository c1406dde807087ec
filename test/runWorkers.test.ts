// `marketsim run --workers N` (runs/shards): the run split by buyer writes every file byte for byte as one worker
// does, leaves nothing behind in the temporary directory, and bad values are refused before anything is written.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultWorkers, runWorkers, SPLIT_FROM_ORDERS } from '../cli/flags.js';
import { EVENTS_BYTES_PER_ORDER, removeStaleShardFolders, SHARD_FILE_BYTES_PER_ORDER, shardFilesRoom, STALE_AFTER_MS } from '../runs/shards/sharded.js';
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
    expect(SPLIT_FROM_ORDERS).toBe(500_000);
    expect(defaultWorkers(499_999, 2)).toBe(1);
    expect(defaultWorkers(500_000, 2)).toBe(2);
    expect(defaultWorkers(1_000_000, 1)).toBe(1);
    expect(defaultWorkers(1_000_000, 128)).toBe(64);
    expect(runWorkers({}, () => 1_000_000)).toEqual({ ok: true, value: Math.min(availableParallelism(), 64) });
    expect(runWorkers({}, () => 499_999)).toEqual({ ok: true, value: 1 });
    expect(runWorkers({ log: 'money' }, () => 1_000_000)).toEqual({ ok: true, value: 1 });
    expect(runWorkers({ log: 'none' }, () => 1_000_000)).toEqual({ ok: true, value: 1 });
    expect(runWorkers({ stopOnViolation: true }, () => 1_000_000)).toEqual({ ok: true, value: 1 });
    expect(runWorkers({ workers: '3' }, () => 10)).toEqual({ ok: true, value: 3 });
  });
});

describe("room for the shards' logs", () => {
  it('counts 6 KiB an order in TMPDIR, and the log besides when the output folder (or its nearest existing parent) is on the same disk', () => {
    const dir = tempDir();
    const here = shardFilesRoom(1_000, join(dir, 'not', 'yet', 'made'), EVENTS_BYTES_PER_ORDER, dir);
    expect(here.need).toBe(1_000 * (SHARD_FILE_BYTES_PER_ORDER + EVENTS_BYTES_PER_ORDER));
    expect(here.free).toBeGreaterThan(0);
    expect(here.problem).toBeUndefined();
    expect(shardFilesRoom(1_000, join(dir, 'out'), 0, dir).need).toBe(1_000 * SHARD_FILE_BYTES_PER_ORDER); // --log none
    // /proc is a file system of its own: an output there shares nothing with TMPDIR.
    expect(shardFilesRoom(1_000, '/proc/self/x', EVENTS_BYTES_PER_ORDER, dir).need).toBe(1_000 * SHARD_FILE_BYTES_PER_ORDER);
    expect(shardFilesRoom(1_000, dir, EVENTS_BYTES_PER_ORDER, join(dir, 'missing'))).toMatchObject({ free: 0, problem: 'ENOENT' });
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    expect(shardFilesRoom(0, dir, EVENTS_BYTES_PER_ORDER, file).problem).toBeDefined();
  });

  it('--workers with a TMPDIR that cannot hold the shards: exit 2, one line naming the folder, nothing written', () => {
    const root = tempDir();
    const out = join(root, 'out');
    const r = marketsim(['run', 'market-tiny', '--out', out, '--workers', '2'], { env: { TMPDIR: join(root, 'missing') } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--workers: 2: the shards' logs go to .*missing \(TMPDIR\), which cannot be used \(ENOENT\)/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it('removes shard folders left by a process that is gone once untouched for an hour, and nothing else', () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const names = [`marketsim-shards-${dead}-a1B2c3`, `marketsim-shards-${process.pid}-a1B2c3`, `marketsim-shards-${dead}-abc`, `marketsim-shards-x-a1B2c3`, 'other'];
    for (const name of names) mkdirSync(join(dir, name));
    writeFileSync(join(dir, names[0]!, 'shard-0.units'), 'x');
    // Just written: it may be a live run's in another PID namespace.
    removeStaleShardFolders(dir);
    expect(readdirSync(dir).sort()).toEqual([...names].sort());
    removeStaleShardFolders(dir, Date.now() + STALE_AFTER_MS + 1_000);
    expect(readdirSync(dir).sort()).toEqual(names.slice(1).sort());
  });
});
