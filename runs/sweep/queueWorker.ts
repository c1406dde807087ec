// `marketsim worker`: takes seed jobs from the sweep queue (queue.ts), runs each seed and stores its outcome.
// A seed runs in a worker thread (the local pool's worker body, pool.ts), not on this process's main thread: a
// seed is one long synchronous computation, and BullMQ renews a job's lock from this thread's event loop, so a
// seed that held it longer than the lock would look like a dead worker and be run again elsewhere.
import { hostname } from 'node:os';
import { Worker as Thread } from 'node:worker_threads';
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { sweepWorkerEntry } from './pool.js';
import { bullConnection, keyTtl, QUEUE_NAME, STORE_OUTCOME, sweepKeys, type SeedBatch, type SweepDef } from './queue.js';
import type { SeedOutcome } from './sweep.js';
import type { SeedTask } from './worker.js';

export interface QueueWorkerOptions {
  /** Seeds this process runs at once, each on its own thread (default 1). */
  readonly concurrency?: number;
  /**
   * How long a job's lock lasts without renewal (ms, default BullMQ's 30 s): a worker that dies mid-seed has its
   * job handed to another worker within about 1.5 times this. Lower it only on a fast, reliable network.
   */
  readonly lockMs?: number;
  readonly onError?: (message: string) => void;
}

export interface RunningWorker {
  readonly id: string;
  readonly close: () => Promise<void>;
}

/** One worker thread that runs the seeds of one sweep, one at a time. */
class SeedThread {
  private readonly thread: Thread;
  private pending: { resolve: (outcome: SeedOutcome) => void; reject: (error: Error) => void } | undefined;
  private failed: Error | undefined;

  constructor(entry: URL, def: SweepDef) {
    this.thread = new Thread(entry, { workerData: def.job });
    this.thread.on('message', (message: { outcome: SeedOutcome }) => {
      this.pending?.resolve(message.outcome);
      this.pending = undefined;
    });
    const fail = (error: Error) => {
      this.failed = error;
      this.pending?.reject(error);
      this.pending = undefined;
    };
    this.thread.on('error', fail);
    this.thread.on('exit', (code) => fail(new Error(`seed thread exited with code ${code}`)));
  }

  get usable(): boolean {
    return this.failed === undefined;
  }

  run(task: SeedTask): Promise<SeedOutcome> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.thread.postMessage(task);
    });
  }

  async stop(): Promise<void> {
    await this.thread.terminate();
  }
}

/** Idle seed threads per sweep: a sweep's job (its scenario) is handed to a thread once, when it starts. */
class ThreadPool {
  private readonly idle = new Map<string, SeedThread[]>();

  async acquire(sweep: string, def: SweepDef): Promise<SeedThread> {
    const reuse = this.idle.get(sweep)?.pop();
    if (reuse) return reuse;
    // Threads of another sweep that sit idle will not be needed again soon: a worker serves one sweep at a time.
    for (const [other, threads] of this.idle) {
      if (other === sweep) continue;
      this.idle.delete(other);
      await Promise.all(threads.map((t) => t.stop()));
    }
    return new SeedThread(sweepWorkerEntry(), def);
  }

  release(sweep: string, thread: SeedThread): void {
    if (!thread.usable) return;
    this.idle.set(sweep, [...(this.idle.get(sweep) ?? []), thread]);
  }

  async stop(): Promise<void> {
    const threads = [...this.idle.values()].flat();
    this.idle.clear();
    await Promise.all(threads.map((t) => t.stop()));
  }
}

export async function startQueueWorker(redis: Redis, url: string, options: QueueWorkerOptions = {}): Promise<RunningWorker> {
  const id = `${hostname()}:${process.pid}`;
  const defs = new Map<string, SweepDef | undefined>();
  const pool = new ThreadPool();
  const defOf = async (sweep: string): Promise<SweepDef | undefined> => {
    if (!defs.has(sweep)) {
      const text = await redis.get(sweepKeys(sweep).def);
      // No definition: the sweep was assembled and forgotten (a duplicate job left behind); nothing to run.
      if (text === null) return undefined;
      defs.set(sweep, JSON.parse(text) as SweepDef);
    }
    return defs.get(sweep);
  };
  const process_ = async (job: Job<SeedBatch>): Promise<number> => {
    const { sweep, positions } = job.data;
    const def = await defOf(sweep);
    if (!def) return 0;
    const keys = sweepKeys(sweep);
    let ran = 0;
    for (const position of positions) {
      // Stored already (by a worker that died after storing it, or a job enqueued twice): not run again.
      if ((await redis.hexists(keys.results, String(position))) === 1) continue;
      await redis.multi().hset(keys.active, id, String(position)).hincrby(keys.runs, String(position), 1).expire(keys.active, Number(keyTtl())).expire(keys.runs, Number(keyTtl())).exec();
      const thread = await pool.acquire(sweep, def);
      try {
        const outcome = await thread.run({ index: position, seed: def.seeds[position]! });
        const failing = outcome.violations > 0 || outcome.error !== undefined ? '1' : '0';
        await redis.eval(STORE_OUTCOME, 4, keys.results, keys.stats, keys.runs, keys.active, String(position), JSON.stringify(outcome), failing, id, keyTtl());
        ran++;
      } finally {
        pool.release(sweep, thread);
      }
    }
    return ran;
  };
  const worker = new Worker<SeedBatch, number>(QUEUE_NAME, process_, {
    connection: bullConnection(url),
    concurrency: Math.max(1, options.concurrency ?? 1),
    // A seed's outcome is stored before its job completes, so a job re-run after a stall only repeats unstored seeds.
    maxStalledCount: 5,
    ...(options.lockMs !== undefined ? { lockDuration: options.lockMs, stalledInterval: Math.max(500, Math.floor(options.lockMs / 2)) } : {}),
  });
  worker.on('error', (error) => options.onError?.(error.message));
  await worker.waitUntilReady();
  return {
    id,
    close: async () => {
      await worker.close();
      await pool.stop();
    },
  };
}
