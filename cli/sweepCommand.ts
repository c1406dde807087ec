// `marketsim sweep`: one scenario over many seeds in parallel worker threads, optionally with a swarm mix of
// rules per seed; writes sweep.json and prints which seeds fail with their replay commands.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { writeOutputDir } from '../runs/output/folder.js';
import { checkFolderTarget } from '../runs/output/target.js';
import { InputError } from '../scenarios/loader.js';
import { parseSeeds, sweepReport, type SweepJob, type SweepReport } from '../runs/sweep/sweep.js';
import { runSweep } from '../runs/sweep/pool.js';
import { EXIT } from './exitCodes.js';
import { setupFromFlags, type RunFlags } from './flags.js';
import { badInput, type Io } from './io.js';

export interface SweepFlags extends Pick<RunFlags, 'profile' | 'set'> {
  readonly seeds: string;
  readonly swarm?: boolean;
  readonly workers?: string;
  readonly out?: string;
}

/** Failing seeds printed in full; the rest are in sweep.json. */
const PRINTED_FAILURES = 20;

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
  const seeds = parseSeeds(flags.seeds);
  if (!seeds.ok) return badInput(new InputError('--seeds', flags.seeds, seeds.reason), io);
  const workers = flags.workers === undefined ? availableParallelism() : Number(flags.workers);
  if (!Number.isInteger(workers) || workers < 1) return badInput(new InputError('--workers', flags.workers ?? '', 'expected a positive integer'), io);
  const prepared = sweepJob(scenarioArg, flags, seeds.seeds[0]!);
  if (!prepared.ok) return badInput(prepared.error, io);
  const job = prepared.job;
  const outDir = flags.out ?? join('out', `${job.scenario.name}-sweep`);
  const writable = checkFolderTarget(outDir);
  if (!writable.ok) {
    io.err(`marketsim: ${outDir}: ${writable.error}`);
    return EXIT.badInput;
  }
  const started = performance.now();
  const outcomes = await runSweep(job, seeds.seeds, workers);
  const seconds = (performance.now() - started) / 1000;
  const report = sweepReport(job, flags.seeds, outcomes);
  const written = writeOutputDir(outDir, new Map([['sweep.json', `${JSON.stringify(report, null, 2)}\n`]]));
  if (!written.ok) {
    io.err(`marketsim: ${written.error}`);
    return EXIT.badInput;
  }
  io.out(summaryText(report, { workers: Math.min(workers, seeds.seeds.length), seconds, outDir }));
  if (report.crashed > 0) return EXIT.internal;
  return report.failing > 0 ? EXIT.violation : EXIT.ok;
}

function summaryText(report: SweepReport, run: { workers: number; seconds: number; outDir: string }): string {
  const lines = [
    `sweep ${report.scenario} · ${report.seeds.count} seeds (${report.seeds.given})${report.swarm ? ' · swarm' : ''} · ` +
      `${run.workers} worker${run.workers === 1 ? '' : 's'} · ${run.seconds.toFixed(1)}s`,
    `${report.clean} clean, ${report.failing} failing${report.crashed ? `, ${report.crashed} crashed` : ''}` +
      (Object.keys(report.byCheck).length > 0 ? `: ${Object.entries(report.byCheck).map(([check, n]) => `${check} ×${n}`).join(', ')}` : ''),
  ];
  for (const outcome of report.failures.slice(0, PRINTED_FAILURES)) {
    const what = outcome.error ?? `${outcome.first?.check} [${outcome.first?.rules.join(',')}] ${outcome.first?.entity}: ${outcome.first?.message}`;
    lines.push(`  seed ${outcome.seed}: ${what}`, `    replay: ${outcome.replay}`);
  }
  if (report.failures.length > PRINTED_FAILURES) lines.push(`  … ${report.failures.length - PRINTED_FAILURES} more in sweep.json`);
  lines.push(`wrote ${join(run.outDir, 'sweep.json')}`);
  return lines.join('\n');
}
