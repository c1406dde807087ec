// `marketsim sweep`: one scenario over many seeds in parallel, on the worker threads of this machine or (--queue) on
// `marketsim worker` processes anywhere that reach the same Redis; optionally with a swarm mix of rules per seed,
// and optionally one shard of the seed list (--shard i/n, merged later by `sweep merge`). Writes sweep.json, the
// per-seed and distribution CSVs and report.html (runs/sweep/files.ts) and prints which seeds fail with their replay
// commands.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { writeOutputDir } from '../runs/output/folder.js';
import { checkFolderTarget } from '../runs/output/target.js';
import { InputError } from '../scenarios/loader.js';
import { sweepFiles } from '../runs/sweep/files.js';
import { parseSeeds, parseShard, shardSeeds, sweepReport, type SeedOutcome, type Shard, type SweepJob, type SweepReport } from '../runs/sweep/sweep.js';
import { runSweep } from '../runs/sweep/pool.js';
import { EXIT } from './exitCodes.js';
import { terminalProgress } from './progress.js';
import { setupFromFlags, type RunFlags } from './flags.js';
import { badInput, type Io } from './io.js';
import { summaryText } from './shared/sweepSummary.js';

export interface SweepFlags extends Pick<RunFlags, 'profile' | 'set'> {
  readonly seeds?: string;
  readonly swarm?: boolean;
  readonly workers?: string;
  readonly out?: string;
  readonly shard?: string;
  /** A Redis address: run the seeds as jobs on the queue there, for `marketsim worker` processes. */
  readonly queue?: string;
  /** Seeds per queue job. */
  readonly batch?: string;
}

/**
 * The job every worker runs: the scenario as loaded, so each seed generates its own market (a population is
 * expanded per seed, as `marketsim run --seed N` does and as each outcome's replay command will). Resolving the
 * first seed checks the scenario, --profile and --set once, before any worker starts.
 */
export function sweepJob(scenarioArg: string, flags: SweepFlags, firstSeed: string): { ok: true; job: SweepJob } | { ok: false; error: InputError } {
  const prepared = setupFromFlags(scenarioArg, { ...flags, seed: firstSeed });
  if (!prepared.ok) return prepared;
  return {
    ok: true,
    job: {
      scenario: prepared.loaded,
      scenarioArg,
      ...(prepared.options.platform ? { platform: prepared.options.platform } : {}),
      sets: prepared.options.sets ?? {},
      swarm: flags.swarm ?? false,
    },
  };
}

export async function sweepCommand(scenarioArg: string, flags: SweepFlags, io: Io): Promise<number> {
  if (flags.seeds === undefined) return badInput(new InputError('--seeds', '', 'required: a range 1..100, a list 1,5,9, or both'), io);
  const seedsGiven = flags.seeds;
  const seeds = parseSeeds(seedsGiven);
  if (!seeds.ok) return badInput(new InputError('--seeds', seedsGiven, seeds.error), io);
  const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
  if (shard && !shard.ok) return badInput(new InputError('--shard', flags.shard ?? '', shard.error), io);
  const shardValue = shard?.ok ? shard.value : undefined;
  const mine = shardValue ? shardSeeds(seeds.seeds, shardValue) : seeds.seeds;
  const workers = flags.workers === undefined ? availableParallelism() : Number(flags.workers);
  if (!Number.isInteger(workers) || workers < 1) return badInput(new InputError('--workers', flags.workers ?? '', 'expected a positive integer'), io);
  const batch = flags.batch === undefined ? 1 : Number(flags.batch);
  if (!Number.isInteger(batch) || batch < 1) return badInput(new InputError('--batch', flags.batch ?? '', 'expected a positive integer'), io);
  // BullMQ and ioredis are loaded only for a sweep on the queue: a local sweep starts without them.
  const queue = flags.queue === undefined ? undefined : await import('../runs/sweep/queue.js');
  const queueUrl = flags.queue === undefined || !queue ? undefined : queue.parseQueueUrl(flags.queue);
  if (queueUrl && !queueUrl.ok) return badInput(new InputError('--queue', flags.queue ?? '', queueUrl.error), io);
  const prepared = sweepJob(scenarioArg, flags, seeds.seeds[0]!);
  if (!prepared.ok) return badInput(prepared.error, io);
  const job = prepared.job;
  const outDir = flags.out ?? join('out', `${job.scenario.name}-sweep${shardValue ? `-${shardValue.index}of${shardValue.count}` : ''}`);
  const writable = checkFolderTarget(outDir);
  if (!writable.ok) {
    io.err(`marketsim: ${outDir}: ${writable.error}`);
    return EXIT.badInput;
  }
  const started = performance.now();
  const progress = terminalProgress(mine.length);
  if (queue && queueUrl) {
    const redis = await queue.connectRedis(queueUrl.value);
    if (!redis.ok) return badInput(new InputError('--queue', queue.shownUrl(queueUrl.value), redis.error), io);
    try {
      const result = await queue.runQueueSweep(redis.value, queueUrl.value, { job, seeds: mine }, { batch, onProgress: (p) => progress.update(p.done, p.failing) });
      progress.end();
      try {
        const files = writeSweep(job, seedsGiven, outDir, result.outcomes, shardValue);
        if (!files.ok) {
          io.err(`marketsim: ${files.error}`);
          return EXIT.badInput;
        }
        // Only once the files are written: a coordinator killed before this finds every outcome again.
        await result.forget();
        const rerun = result.rerun.length === 0 ? '' : `, run again after a worker was lost: seed${result.rerun.length === 1 ? '' : 's'} ${result.rerun.join(' ')}`;
        const how = `queue ${queue.shownUrl(queueUrl.value)} (sweep ${result.id}; ${result.resumed} seeds done before this start, ${result.runs} seed runs${rerun})`;
        io.out(summaryText(files.report, { how, seconds: (performance.now() - started) / 1000, outDir: files.outDir }));
        return exitOf(files.report);
      } finally {
        await result.close();
      }
    } finally {
      redis.value.disconnect();
    }
  }
  let failing = 0;
  const outcomes = await runSweep(job, mine, workers, (done, outcome) => {
    if (outcome.violations > 0 || outcome.error !== undefined) failing++;
    progress.update(done, failing);
  });
  progress.end();
  const count = Math.min(workers, mine.length);
  const files = writeSweep(job, seedsGiven, outDir, outcomes, shardValue);
  if (!files.ok) {
    io.err(`marketsim: ${files.error}`);
    return EXIT.badInput;
  }
  io.out(summaryText(files.report, { how: `${count} worker${count === 1 ? '' : 's'}`, seconds: (performance.now() - started) / 1000, outDir: files.outDir }));
  return exitOf(files.report);
}

function exitOf(report: SweepReport): number {
  if (report.crashed > 0) return EXIT.internal;
  return report.failing > 0 ? EXIT.violation : EXIT.ok;
}

function writeSweep(
  job: SweepJob,
  seedsGiven: string,
  outDir: string,
  outcomes: readonly SeedOutcome[],
  shard: Shard | undefined,
): { ok: true; report: SweepReport; outDir: string } | { ok: false; error: string } {
  const report = sweepReport(job, seedsGiven, outcomes, shard);
  const written = writeOutputDir(outDir, sweepFiles(report, outcomes));
  return written.ok ? { ok: true, report, outDir } : written;
}
