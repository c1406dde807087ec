// Sweep throughput on the job queue: a real redis-server on a loopback port, N `marketsim worker` processes
// (1, 2, 4 by default) on this machine, and the coordinator (runQueueSweep, what `sweep --queue` runs) in this
// process. Each worker count first runs a short warm-up sweep (workers bundle their seed thread on their first
// job), then the timed sweep: from enqueueing the first job to the last seed's outcome. The outcomes of every
// run must equal the local worker-thread sweep's. Printed as seeds/s and as ratios to 1 worker; on a machine
// with C cores, N workers cannot beat min(N, C) times one.
import { availableParallelism } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { resolveScenarioPath } from '../scenarios/builtin.js';
import { loadScenarioFile } from '../scenarios/loader.js';
import { runSweep } from '../runs/sweep/pool.js';
import { connectRedis, runQueueSweep } from '../runs/sweep/queue.js';
import type { SweepJob } from '../runs/sweep/sweep.js';
import { runningMarketsim, type RunningMarketsim } from '../test/support/cli.js';
import { REDIS_SERVER, startRedis } from '../test/support/redisServer.js';
import { existsSync } from 'node:fs';
import { machineBusySeconds } from './sweep.js';
import { fmt } from './timing.js';

export interface QueueBenchOptions {
  readonly seeds: number;
  readonly scenario: string;
  readonly workers: readonly number[];
  /** Seeds per queue job. */
  readonly batch: number;
}

const workersText = (n: number) => `${n} worker${n === 1 ? '' : 's'}`;

export async function runQueueBench(options: QueueBenchOptions): Promise<void> {
  if (!existsSync(REDIS_SERVER)) {
    console.log(`queue sweep: skipped, no ${REDIS_SERVER} (Debian package redis-server)`);
    return;
  }
  const loaded = loadScenarioFile(resolveScenarioPath(options.scenario));
  if (!loaded.ok) throw new Error(loaded.error.toString());
  const job: SweepJob = { scenario: loaded.scenario, scenarioArg: options.scenario, sets: {}, swarm: true };
  const seeds = Array.from({ length: options.seeds }, (_, i) => String(i + 1));
  const local = await runSweep(job, seeds, Math.min(2, availableParallelism()));
  const redisServer = await startRedis();
  const redis = await connectRedis(redisServer.url);
  if (!redis.ok) throw new Error(redis.error);
  const rates = new Map<number, number>();
  let identical = true;
  try {
    for (const n of options.workers) {
      const workers: RunningMarketsim[] = Array.from({ length: n }, () => runningMarketsim(['worker', '--queue', redisServer.url]));
      try {
        await Promise.all(workers.map((w) => w.waitFor('taking sweep jobs')));
        const warmUp = Array.from({ length: 2 * n }, (_, i) => `warm-up-${i}`);
        const warm = await runQueueSweep(redis.value, redisServer.url, { job, seeds: warmUp }, { batch: 1 });
        await warm.forget();
        await warm.close();
        const busyBefore = machineBusySeconds();
        const started = process.hrtime.bigint();
        const result = await runQueueSweep(redis.value, redisServer.url, { job, seeds }, { batch: options.batch, pollMs: 50 });
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const busyAfter = machineBusySeconds();
        // All processes, the workers included: how busy the machine was during the run, in cores.
        const busy = busyBefore !== undefined && busyAfter !== undefined ? `, machine busy ${fmt((busyAfter - busyBefore) / seconds)} cores` : '';
        await result.forget();
        await result.close();
        const same = isDeepStrictEqual(result.outcomes, local);
        identical &&= same;
        rates.set(n, seeds.length / seconds);
        console.log(
          `  queue sweep ${job.scenario.name} x${seeds.length} (swarm, batch ${options.batch}), ${workersText(n)}: ${fmt(seconds, 1)} s ` +
            `(${fmt(seeds.length / seconds)} seeds/s), ${result.runs} seed runs${busy}, outcomes ${same ? 'identical to the local sweep' : 'DIFFERENT from the local sweep'}`,
        );
      } finally {
        await Promise.all(workers.map((w) => w.stop('SIGTERM')));
      }
    }
  } finally {
    redis.value.disconnect();
    await redisServer.stop();
  }
  const one = rates.get(1);
  const parts = [...rates].map(([n, rate]) => `${workersText(n)} ${fmt(rate)} seeds/s${one && n !== 1 ? ` (${fmt(rate / one)}x)` : ''}`);
  console.log(`queue sweep ${job.scenario.name} x${seeds.length}: ${parts.join(', ')}; ${availableParallelism()} cores; outcomes ${identical ? 'identical' : 'DIFFERENT'}`);
  if (!identical) process.exitCode = 1;
}
