// Sweeps on the job queue, against a real redis-server on a loopback port and real `marketsim worker` processes:
// the files (report.html included) are byte for byte those of the local sweep; a worker killed (SIGKILL) mid-seed
// has its job retried and the files are still the same; a coordinator killed and started again resumes without
// running a finished seed again (the workers count every seed run they start in Redis; the coordinator reports the
// total).
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { main } from '../cli/main.js';
import { runningMarketsim, tempDir, type RunningMarketsim } from './support/cli.js';
import { startRedis, type RedisServer } from './support/redisServer.js';

let redis: RedisServer;
let client: Redis;
let dir: string;
const running: RunningMarketsim[] = [];

/** Every file of an output directory, by name. */
function filesOf(out: string): Record<string, string> {
  return Object.fromEntries(readdirSync(out).sort().map((name) => [name, readFileSync(join(out, name), 'utf8')]));
}

/** `marketsim …` in this process (the CLI's own code; no process start-up to pay): exit code and output. */
async function inProcess(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** The files a local (worker-thread) sweep writes for these arguments, made once per argument list. */
const references = new Map<string, Record<string, string>>();
async function localSweep(args: readonly string[]): Promise<Record<string, string>> {
  const key = args.join(' ');
  const known = references.get(key);
  if (known) return known;
  const out = join(dir, `local-${references.size}`);
  const r = await inProcess(['sweep', ...args, '--workers', '2', '--out', out]);
  expect(r.code, r.stderr).not.toBe(3);
  const files = filesOf(out);
  references.set(key, files);
  return files;
}

async function startWorker(...extra: string[]): Promise<RunningMarketsim> {
  const worker = runningMarketsim(['worker', '--queue', redis.url, ...extra]);
  running.push(worker);
  await worker.waitFor('taking sweep jobs');
  return worker;
}

function coordinator(args: readonly string[], out: string): RunningMarketsim {
  const c = runningMarketsim(['sweep', ...args, '--queue', redis.url, '--out', out]);
  running.push(c);
  return c;
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 4_800; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`gave up waiting until ${what}`);
}

/** The Redis key of the (only) sweep in progress, by its suffix. */
async function sweepKey(suffix: string): Promise<string | undefined> {
  return (await client.keys(`marketsim:sweep:*:${suffix}`))[0];
}

beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.url);
  dir = tempDir('marketsim-queue-');
});

beforeEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop('SIGKILL')));
  await client.flushall();
});

afterAll(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop('SIGKILL')));
  client.disconnect();
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const TINY = ['market-tiny', '--seeds', '1..16', '--swarm'];
/** Each test below starts several processes; on a machine shared with other jobs that can take minutes. */
const PROCESSES = 180_000;

describe('sweep --queue', () => {
  test('two worker processes write the local sweep\'s files byte for byte, failing seeds (EXPECT) and their replay commands included', async () => {
    const args = ['delisting-tencent', '--seeds', '1..12', '--swarm'];
    const expected = await localSweep(args);
    await Promise.all([startWorker(), startWorker()]);
    const c = await inProcess(['sweep', ...args, '--queue', redis.url, '--out', join(dir, 'queue-1')]);
    expect(c.code, c.stderr).toBe(1); // every seed of this swarm fails an expectation, as it does locally
    expect(filesOf(join(dir, 'queue-1'))).toEqual(expected);
    // The comparison covers the sweep's report.html: one assembly (runs/sweep/files.ts) for the pool and the queue.
    expect(Object.keys(expected)).toContain('report.html');
    expect(JSON.parse(expected['sweep.json']!)).toMatchObject({ failing: 12, clean: 0 });
    expect(c.stdout).toContain('0 seeds done before this start, 12 seed runs');
    // The sweep's keys are gone once its files are written.
    expect(await client.keys('marketsim:sweep:*')).toEqual([]);
  }, PROCESSES);

  test('a worker killed with SIGKILL mid-seed: its job is retried by the other worker, the seed counted once, the files unchanged', async () => {
    const expected = await localSweep(TINY);
    // A short lock so the lost job is handed on within about a second and a half.
    const workers = await Promise.all([startWorker('--lock-ms', '1000'), startWorker('--lock-ms', '1000')]);
    const c = coordinator(TINY, join(dir, 'queue-2'));
    let killedSeed: string | undefined;
    for (let victim = workers[0]!; killedSeed === undefined; victim = await startWorker('--lock-ms', '1000')) {
      const id = `${hostname()}:${victim.pid}`;
      await until('the worker is running a seed', async () => {
        const key = await sweepKey('active');
        return key !== undefined && (await client.hget(key, id)) !== null;
      });
      await victim.stop('SIGKILL');
      // Its entry is cleared in the same step that stores its outcome: still there, it died before storing it.
      const position = await client.hget((await sweepKey('active'))!, id);
      if (position !== null) killedSeed = String(Number(position) + 1); // seeds 1..16: position 0 is seed 1
    }
    const { code } = await c.exited;
    expect(code, c.stderr()).toBe(0);
    expect(c.stdout()).toContain(`run again after a worker was lost: seed ${killedSeed}`);
    expect(filesOf(join(dir, 'queue-2'))).toEqual(expected);
    const report = JSON.parse(readFileSync(join(dir, 'queue-2', 'sweep.json'), 'utf8')) as { seeds: { count: number }; clean: number };
    expect(report.seeds.count).toBe(16);
    expect(report.clean).toBe(16);
  }, PROCESSES);

  test('the coordinator killed with SIGKILL and started again resumes: finished seeds are not run again, the files unchanged', async () => {
    const expected = await localSweep(TINY);
    const out = join(dir, 'queue-3');
    const first = coordinator(TINY, out);
    // No worker yet: the first coordinator enqueues all 16 jobs and waits.
    await until('16 jobs are waiting', async () => (await client.llen('bull:marketsim-sweeps:wait')) === 16);
    await Promise.all([startWorker(), startWorker()]);
    await until('5 seeds are done', async () => {
      const key = await sweepKey('results');
      return key !== undefined && (await client.hlen(key)) >= 5;
    });
    await first.stop('SIGKILL');
    const resultsKey = (await sweepKey('results'))!;
    const doneBefore = await client.hlen(resultsKey);
    const second = coordinator(TINY, out);
    const { code } = await second.exited;
    expect(code, second.stderr()).toBe(0);
    const resumed = Number(/(\d+) seeds done before this start/.exec(second.stdout())?.[1]);
    expect(resumed).toBeGreaterThanOrEqual(doneBefore);
    // 16 seeds, 16 runs: no seed ran twice, across both coordinators.
    expect(second.stdout()).toContain(', 16 seed runs)');
    expect(filesOf(out)).toEqual(expected);
  }, PROCESSES);

  test('a --queue that is not a Redis address, or a Redis nobody listens on, exits 2 with one line and writes nothing', async () => {
    for (const queue of ['http://127.0.0.1:1', 'redis://127.0.0.1:1']) {
      const r = await inProcess(['sweep', 'delisting-tencent', '--seeds', '1..2', '--queue', queue, '--out', join(dir, 'bad')]);
      expect(r.code, queue).toBe(2);
      expect(r.stderr.trim().split('\n'), queue).toHaveLength(1);
      expect(r.stderr).toContain('--queue');
    }
    expect(readdirSync(dir)).not.toContain('bad');
  });
});
