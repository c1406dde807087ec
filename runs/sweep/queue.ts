// A sweep on a BullMQ job queue in Redis, so seeds run on `marketsim worker` processes on any number of machines.
// The coordinator (`marketsim sweep … --queue redis://…`) stores the sweep once, enqueues one job per batch of
// seeds and follows the results; workers (queueWorker.ts) run the seeds and store each seed's outcome.
//
// Redis holds, per sweep (id: a hash of everything the outcomes depend on: the scenario as loaded, the overrides,
// the seed list):
//   marketsim:sweep:<id>:def       the SweepJob and the seed list (JSON), read once by each worker
//   marketsim:sweep:<id>:results   hash: seed position → outcome JSON, set once (HSETNX): no seed counts twice
//   marketsim:sweep:<id>:runs      hash: seed position → times a worker started it (a retried seed shows 2)
//   marketsim:sweep:<id>:stats     hash: failing (outcomes with a violation or error so far)
//   marketsim:sweep:<id>:active    hash: worker id → seed position it is running (what each worker is doing)
// Job ids are `<id>-<first position>`, so enqueueing again after a coordinator restart adds nothing that is
// already waiting or running (BullMQ ignores an add with an existing job id), and positions that have a result
// are not enqueued at all. The results hash, not the queue, is what the sweep is assembled from.
import { createHash } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { unrunOutcome, type SeedOutcome, type SweepJob } from './sweep.js';

export const QUEUE_NAME = 'marketsim-sweeps';
/** Job attempts when the job itself fails (a worker that dies is a stalled job, counted by maxStalledCount). */
export const JOB_ATTEMPTS = 3;
/** A sweep's keys outlive an abandoned coordinator by this long, then Redis drops them. */
const KEY_TTL_SECONDS = 7 * 24 * 3600;

export interface SweepDef {
  readonly job: SweepJob;
  readonly seeds: readonly string[];
}

export interface SeedBatch {
  readonly sweep: string;
  /** Positions in the sweep's seed list. */
  readonly positions: readonly number[];
}

export const sweepKeys = (id: string) => ({
  def: `marketsim:sweep:${id}:def`,
  results: `marketsim:sweep:${id}:results`,
  runs: `marketsim:sweep:${id}:runs`,
  stats: `marketsim:sweep:${id}:stats`,
  active: `marketsim:sweep:${id}:active`,
});

/** The sweep's id: the same inputs give the same id, so running the same command again resumes it. */
export function sweepId(def: SweepDef): string {
  return createHash('sha256').update(JSON.stringify({ format: 1, job: def.job, seeds: def.seeds })).digest('hex').slice(0, 20);
}

/** `redis://host:port` (also `rediss://`, with user:password@ and /db): checked before anything connects. */
export function parseQueueUrl(text: string): { ok: true; value: string } | { ok: false; error: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, error: 'expected a Redis address like redis://127.0.0.1:6379' };
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') return { ok: false, error: `expected redis:// or rediss://, not ${url.protocol}//` };
  if (url.hostname === '') return { ok: false, error: 'no host' };
  if (!/^(\/\d*)?$/.test(url.pathname)) return { ok: false, error: `the path names a database number (/0 … /15), not ${url.pathname}` };
  return { ok: true, value: text };
}

/** The address to print: a password in it is replaced by ***. */
export function shownUrl(text: string): string {
  const url = new URL(text);
  if (url.password !== '') url.password = '***';
  return url.toString();
}

/**
 * A plain Redis client, once the server has answered: an unreachable server is reported after a few seconds
 * (a probe that gives up) instead of waited for; the client returned reconnects by itself if Redis goes away later.
 */
export async function connectRedis(url: string): Promise<{ ok: true; value: Redis } | { ok: false; error: string }> {
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: 5_000, maxRetriesPerRequest: 2, retryStrategy: (times) => (times > 2 ? null : 200 * times) });
  probe.on('error', () => {}); // reported by connect()'s rejection, not as an unhandled event
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    return { ok: false, error: `cannot reach Redis: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    probe.disconnect();
  }
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  redis.on('error', () => {}); // ioredis retries; commands wait for the connection to come back
  return { ok: true, value: redis };
}

/** BullMQ connection options for `url` (its blocking connections must retry forever: maxRetriesPerRequest null). */
export const bullConnection = (url: string) => ({ url, maxRetriesPerRequest: null });

/** The Lua that stores a seed's outcome once, counts a failing one, and clears the worker's active entry, atomically. */
export const STORE_OUTCOME = `
redis.call('HDEL', KEYS[4], ARGV[4])
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
  if ARGV[3] == '1' then redis.call('HINCRBY', KEYS[2], 'failing', 1) end
  redis.call('EXPIRE', KEYS[1], ARGV[5])
  redis.call('EXPIRE', KEYS[2], ARGV[5])
  return 1
end
return 0`;
export const keyTtl = (): string => String(KEY_TTL_SECONDS);

export interface QueueProgress {
  readonly done: number;
  readonly failing: number;
  /** Seeds that already had a result when this coordinator started (a resumed sweep). */
  readonly resumed: number;
}

export interface QueueSweepResult {
  readonly outcomes: SeedOutcome[];
  readonly id: string;
  /** Seeds that had their outcome before this coordinator started. */
  readonly resumed: number;
  /** Seed runs started by workers (more than the seeds when a worker died mid-seed and its job was retried). */
  readonly runs: number;
  /** Seeds started more than once, in seed-list order. */
  readonly rerun: readonly string[];
  /** Drops the sweep's keys from Redis; call once its files are written. */
  readonly forget: () => Promise<void>;
  readonly close: () => Promise<void>;
}

export interface QueueSweepOptions {
  /** Seeds per job (default 1). */
  readonly batch?: number;
  readonly onProgress?: (progress: QueueProgress) => void;
  /** How often the coordinator looks at the results (ms, default 250). */
  readonly pollMs?: number;
}

/** Enqueues the seeds that have no outcome yet, waits until every seed has one, and returns them in seed-list order. */
export async function runQueueSweep(redis: Redis, url: string, def: SweepDef, options: QueueSweepOptions = {}): Promise<QueueSweepResult> {
  const id = sweepId(def);
  const keys = sweepKeys(id);
  const total = def.seeds.length;
  await redis.set(keys.def, JSON.stringify(def), 'EX', KEY_TTL_SECONDS, 'NX');
  await redis.expire(keys.def, KEY_TTL_SECONDS);
  const queue = new Queue<SeedBatch>(QUEUE_NAME, { connection: bullConnection(url) });
  const close = async () => {
    await queue.close();
  };
  try {
    const done = new Set((await redis.hkeys(keys.results)).map(Number));
    const resumed = done.size;
    const batch = Math.max(1, options.batch ?? 1);
    const todo = Array.from({ length: total }, (_, i) => i).filter((i) => !done.has(i));
    const jobs = [];
    for (let i = 0; i < todo.length; i += batch) {
      const positions = todo.slice(i, i + batch);
      jobs.push({
        name: 'seeds',
        data: { sweep: id, positions },
        opts: { jobId: `${id}-${positions[0]}`, attempts: JOB_ATTEMPTS, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: true, removeOnFail: false },
      });
    }
    for (let i = 0; i < jobs.length; i += 1_000) await queue.addBulk(jobs.slice(i, i + 1_000));
    // Unbounded on purpose: a sweep waits as long as its seeds take (days, with no worker up for a while); a
    // failed job ends its seeds (recordFailedJobs), and Ctrl-C leaves the sweep to be resumed.
    for (;;) {
      const [count, failing] = await Promise.all([redis.hlen(keys.results), redis.hget(keys.stats, 'failing')]);
      options.onProgress?.({ done: count, failing: Number(failing ?? 0), resumed });
      if (count >= total) break;
      await recordFailedJobs(queue, redis, id, def);
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
    }
    const stored = await redis.hgetall(keys.results);
    const runs = await redis.hgetall(keys.runs);
    const outcomes = def.seeds.map((seed, i) => {
      const text = stored[String(i)];
      if (text === undefined) throw new Error(`no outcome stored for seed ${seed}`);
      return JSON.parse(text) as SeedOutcome;
    });
    return {
      outcomes,
      id,
      resumed,
      runs: Object.values(runs).reduce((n, v) => n + Number(v), 0),
      rerun: def.seeds.filter((_, i) => Number(runs[String(i)] ?? 0) > 1),
      forget: async () => {
        await redis.del(...Object.values(keys));
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * A job that failed for good (its attempts used up, or its worker died more often than maxStalledCount allows)
 * would leave its seeds without an outcome and the sweep waiting forever: its seeds get an outcome with the
 * failure as `error` (counted as crashed), and the failed job is removed.
 */
async function recordFailedJobs(queue: Queue<SeedBatch>, redis: Redis, id: string, def: SweepDef): Promise<void> {
  const keys = sweepKeys(id);
  for (const job of await queue.getFailed()) {
    if (job.data.sweep !== id) continue;
    for (const position of job.data.positions) {
      const outcome = unrunOutcome(def.job, def.seeds[position]!, `no worker could run this seed: ${job.failedReason}`);
      await redis.eval(STORE_OUTCOME, 4, keys.results, keys.stats, keys.runs, keys.active, String(position), JSON.stringify(outcome), '1', '', keyTtl());
    }
    await job.remove();
  }
}
