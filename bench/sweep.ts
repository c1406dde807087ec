// Sweep throughput: the same sweep (one scenario, the same seeds) through the worker pool `marketsim sweep` uses
// (sim/sweepPool.ts runSweep), with 1 worker and then with 2 workers in the same bench run. Wall time includes
// starting and stopping the workers, as the CLI sees it; the worker bundle is made once per process before the
// timed runs (its time is printed apart). The per-seed outcomes of every run must be deep-equal. Also printed
// per run: the CPU this process used (all its threads: workers, V8's GC and compiler threads), in cores, and on
// Linux the CPU other processes used meanwhile, so a run disturbed by other jobs on the machine shows.
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { resolveScenarioPath } from '../scenarios/builtin.js';
import { loadScenarioFile, type Scenario } from '../scenarios/loader.js';
import type { SeedOutcome, SweepJob } from '../runs/sweep/sweep.js';
import { runSweep, TSX_WORKER } from '../runs/sweep/pool.js';
import { scaledPopulation } from './population.js';
import { fmt } from './timing.js';

export interface SweepBenchOptions {
  readonly seeds: number;
  /** A scenario file or built-in name (default `default`: a generated market of about 1,800 orders per seed). */
  readonly scenario: string;
  /**
   * When set, the scenario's generated population is scaled to this many orders a month, merchants and buyers
   * alike (as the scale bench does: one merchant per 2,000 orders a year, one buyer per 4, never fewer than the
   * scenario's own), so each seed is more work.
   */
  readonly ordersPerMonth?: number;
  readonly workers: readonly number[];
  /** `bundle` (default): what runSweep uses; `tsx`: workers register tsx themselves (sweepWorker.mjs), to compare. */
  readonly loader?: 'bundle' | 'tsx';
}

interface Timed {
  readonly workers: number;
  readonly seconds: number;
  /** CPU this process used during the run, in cores (workers plus V8's GC and compiler threads). */
  readonly cores: number;
  readonly outcomes: SeedOutcome[];
}

/** CPU seconds all processes have used (busy, not idle or iowait), or undefined off Linux. */
export function machineBusySeconds(): number | undefined {
  if (!existsSync('/proc/stat')) return undefined;
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / 100;
}

function scaled(scenario: Scenario, ordersPerMonth: number | undefined): Scenario {
  if (ordersPerMonth === undefined) return scenario;
  if (!scenario.population) throw new Error(`--sweep-orders-per-month: scenario ${scenario.name} has no generated population`);
  return { ...scenario, population: scaledPopulation(scenario.population, ordersPerMonth) };
}

const workersText = (n: number) => `${n} worker${n === 1 ? '' : 's'}`;

export async function runSweepBench(options: SweepBenchOptions): Promise<void> {
  const seeds = Array.from({ length: options.seeds }, (_, i) => String(i + 1));
  // The scenario as loaded, so each seed generates its own population, as `marketsim run <scenario> --seed N`
  // (the replay command of every outcome) does.
  const loaded = loadScenarioFile(resolveScenarioPath(options.scenario));
  if (!loaded.ok) throw new Error(loaded.error.toString());
  const job: SweepJob = { scenario: scaled(loaded.scenario, options.ordersPerMonth), scenarioArg: options.scenario, sets: {}, swarm: false };
  const orders = job.scenario.population ? `, ${job.scenario.population.ordersPerMonth.toLocaleString('en-US')} orders/month` : '';
  // The benches run under tsx; the CLI's workers load the compiled body from dist/ (npm run build).
  const entry = options.loader === 'tsx' ? TSX_WORKER : new URL('../dist/runs/sweep/worker.js', import.meta.url);
  const loads = options.loader === 'tsx' ? 'worker.mjs (tsx registered in each worker)' : 'the compiled worker body (dist/)';
  console.log(`sweep ${job.scenario.name}${orders}: workers load ${loads}`);
  const runs: Timed[] = [];
  for (const workers of options.workers) {
    const busyBefore = machineBusySeconds();
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    const outcomes = await runSweep(job, seeds, workers, undefined, entry);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    const ownSeconds = (cpu.user + cpu.system) / 1e6;
    const busyAfter = machineBusySeconds();
    const others = busyBefore !== undefined && busyAfter !== undefined ? Math.max(0, busyAfter - busyBefore - ownSeconds) : undefined;
    runs.push({ workers, seconds, cores: ownSeconds / seconds, outcomes });
    const crashed = outcomes.filter((o) => o.error !== undefined);
    console.log(
      `  sweep ${job.scenario.name} x${seeds.length}, ${workersText(workers)}: ${fmt(seconds, 1)} s (${fmt(seeds.length / seconds, 3)} seeds/s), ` +
        `this process used ${fmt(ownSeconds / seconds)} cores` +
        (others !== undefined ? `, other processes ${fmt(others / seconds)} cores` : '') +
        (crashed.length > 0 ? `; ${crashed.length} seeds crashed (first: seed ${crashed[0]!.seed}: ${crashed[0]!.error})` : ''),
    );
  }
  const base = runs.find((r) => r.workers === 1) ?? runs[0]!;
  const different = runs.filter((r) => !isDeepStrictEqual(r.outcomes, base.outcomes));
  for (const r of different) {
    const i = r.outcomes.findIndex((o, k) => !isDeepStrictEqual(o, base.outcomes[k]));
    console.log(`  OUTCOMES DIFFER with ${workersText(r.workers)} at seed ${seeds[i]}: ${JSON.stringify(r.outcomes[i])} vs ${JSON.stringify(base.outcomes[i])}`);
  }
  const parts = runs.map((r) => `${workersText(r.workers)} ${fmt(r.seconds, 1)} s (${fmt(seeds.length / r.seconds)} seeds/s)`);
  const ratios = runs.filter((r) => r !== base).map((r) => `${fmt(base.seconds / r.seconds)}x${base.workers === 1 ? '' : ` of ${workersText(base.workers)}`}`);
  const violations = base.outcomes.reduce((n, o) => n + o.violations, 0);
  const crashed = base.outcomes.filter((o) => o.error !== undefined).length;
  console.log(
    `sweep ${job.scenario.name} x${seeds.length}: ${parts.join(', ')}${ratios.length > 0 ? `: ${ratios.join(', ')}` : ''}, ` +
      `outcomes ${different.length === 0 ? 'identical' : 'DIFFERENT'} (${violations} violations, ${crashed} crashed)`,
  );
  const one = runs.find((r) => r.workers === 1);
  if (one) console.log(`  ${ceilingText(one, Math.max(...runs.map((r) => r.workers)))}`);
  if (different.length > 0) process.exitCode = 1;
}

/**
 * The most N workers can give on this machine: one worker already keeps `one.cores` cores busy (its own thread
 * and V8's GC helpers), so N workers cannot be faster than min(N, cores) / one.cores times one.
 */
function ceilingText(one: Timed, workers: number): string {
  const cores = availableParallelism();
  const ceiling = Math.min(workers, cores) / one.cores;
  return `ceiling on this machine: ${cores} cores / ${fmt(one.cores)} cores used by 1 worker = ${fmt(Math.min(workers, ceiling))}x for ${workersText(workers)}`;
}
