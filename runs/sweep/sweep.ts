// A sweep: one scenario over many seeds (optionally a swarm mix of rules per seed), each seed one in-process
// run, folded into a report in seed-list order so the worker count never changes it. Threads: pool.ts; a Redis
// job queue across machines: queue.ts; the files a sweep writes: files.ts.
import type { Platform } from '../../machines/domain.js';
import { replayCommand } from '../violations.js';
import type { Scenario } from '../../scenarios/loader.js';
import { resolveRun, simulate, type RunOptions } from '../run.js';
import { swarmMix } from '../../sim/market/swarm.js';
import { seedFigures, type SeedFigures } from './figures.js';

/** Everything a worker needs to run any seed of the sweep (structured-cloneable). */
export interface SweepJob {
  readonly scenario: Scenario;
  /** The scenario as the user named it, for replay commands. */
  readonly scenarioArg: string;
  readonly platform?: Platform;
  readonly sets: Readonly<Record<string, unknown>>;
  readonly swarm: boolean;
}

export interface SeedOutcome {
  readonly seed: string;
  readonly profile: string;
  /** The overrides this seed ran with (the swarm mix and the user's `--set`s). */
  readonly sets: Readonly<Record<string, unknown>>;
  readonly violations: number;
  /** Distinct check IDs, in the order they first failed. */
  readonly checks: readonly string[];
  readonly first?: { readonly check: string; readonly rules: readonly string[]; readonly at: string; readonly entity: string; readonly message: string };
  readonly replay: string;
  /** Set when the run could not be made or crashed (a bug in marketsim, or a swarm mix the rules reject). */
  readonly error?: string;
  /** The run's headline figures (absent when it crashed); sweep-seeds.csv and sweep-distribution.csv, not sweep.json. */
  readonly figures?: SeedFigures;
}

export const MAX_SEEDS = 100_000;

/** "1..100", "1,5,9", "1..3,10,abc": ranges of integers and single seeds, in order, no duplicates. */
export function parseSeeds(text: string): { ok: true; seeds: string[] } | { ok: false; error: string } {
  const seeds: string[] = [];
  const seen = new Set<string>();
  for (const token of text.split(',').map((t) => t.trim())) {
    const range = /^(-?\d+)\.\.(-?\d+)$/.exec(token);
    if (!range && !/^[\w-]+$/.test(token)) return { ok: false, error: `"${token}" is not a seed or a range like 1..100` };
    const from = range ? Number(range[1]) : 0;
    const to = range ? Number(range[2]) : 0;
    if (range && (to < from || !Number.isSafeInteger(from) || !Number.isSafeInteger(to))) return { ok: false, error: `empty range ${token}` };
    if (range && to - from + 1 + seeds.length > MAX_SEEDS) return { ok: false, error: `more than ${MAX_SEEDS} seeds` };
    for (let seed = from; range && seed <= to; seed++) seeds.push(String(seed));
    if (!range) seeds.push(token);
  }
  if (seeds.length > MAX_SEEDS) return { ok: false, error: `more than ${MAX_SEEDS} seeds` };
  const duplicate = seeds.find((seed) => (seen.has(seed) ? true : (seen.add(seed), false)));
  return duplicate === undefined ? { ok: true, seeds } : { ok: false, error: `seed ${duplicate} is listed twice` };
}

/** The overrides and profile one seed runs with. */
export function seedRunOptions(job: SweepJob, seed: string): RunOptions {
  const mix = job.swarm ? swarmMix(seed, { ...(job.platform ? { platform: job.platform } : {}), sets: job.sets }) : undefined;
  const platform = mix?.platform ?? job.platform;
  const sets = mix?.sets ?? job.sets;
  return { seed, ...(platform ? { platform } : {}), ...(Object.keys(sets).length > 0 ? { sets } : {}) };
}

/** Runs one seed to its end; never throws (a crash is an outcome with `error`). */
export function sweepSeed(job: SweepJob, seed: string): SeedOutcome {
  const options = seedRunOptions(job, seed);
  const base = { seed, profile: options.platform ?? job.scenario.platform, sets: options.sets ?? {} };
  // A sweep reads only the violations: the timeline is drawn as it comes due and the log is not kept (same violations).
  const resolved = resolveRun(job.scenario, { ...options, lazyArrivals: true });
  if (!resolved.ok) return { ...base, violations: 0, checks: [], replay: '', error: resolved.error.toString() };
  const replay = replayCommand(resolved.setup, job.scenarioArg);
  try {
    const result = simulate(resolved.setup, { retainLog: false });
    const { violations } = result;
    const first = violations[0];
    const figures = seedFigures(result);
    return {
      ...base,
      violations: violations.length,
      checks: [...new Set(violations.map((v) => v.check))],
      ...(first ? { first: { check: first.check, rules: first.rules, at: first.at, entity: first.entity, message: first.message } } : {}),
      replay,
      figures,
    };
  } catch (error) {
    return { ...base, violations: 0, checks: [], replay, error: error instanceof Error ? error.message : String(error) };
  }
}

/** A seed that could not be run at all (its worker kept failing): an outcome with `error`, like a crash. */
export function unrunOutcome(job: SweepJob, seed: string, error: string): SeedOutcome {
  const options = seedRunOptions(job, seed);
  return { seed, profile: options.platform ?? job.scenario.platform, sets: options.sets ?? {}, violations: 0, checks: [], replay: '', error };
}

/** `--shard i/n`: the i-th of n contiguous parts of the seed list (1-based), so CI can split a sweep across jobs. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export function parseShard(text: string): { ok: true; value: Shard } | { ok: false; error: string } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) return { ok: false, error: 'expected i/n with 1 ≤ i ≤ n, like 2/3' };
  return { ok: true, value: { index, count } };
}

/** The seeds of one shard: positions ⌊(i−1)·len/n⌋ up to ⌊i·len/n⌋ of the list, so the shards cover it once, in order. */
export function shardSeeds(seeds: readonly string[], shard: Shard): string[] {
  const from = Math.floor(((shard.index - 1) * seeds.length) / shard.count);
  const to = Math.floor((shard.index * seeds.length) / shard.count);
  return seeds.slice(from, to);
}

/** What a sweep report names besides its outcomes (a SweepJob has it; `sweep merge` rebuilds it from sweep.json). */
export interface SweepHeader {
  readonly scenario: { readonly name: string };
  readonly swarm: boolean;
  readonly platform?: Platform;
  readonly sets: Readonly<Record<string, unknown>>;
}

export interface SweepReport {
  readonly scenario: string;
  readonly seeds: { readonly given: string; readonly count: number };
  /** Present on a shard's report only: `sweep merge` of all n shards writes the unsharded report. */
  readonly shard?: Shard;
  readonly swarm: boolean;
  readonly profile?: string;
  readonly sets: Readonly<Record<string, unknown>>;
  readonly clean: number;
  readonly failing: number;
  readonly crashed: number;
  /** Failing seeds per check ID, IDs sorted. */
  readonly byCheck: Readonly<Record<string, number>>;
  /** Every seed that failed or crashed, in seed-list order (their figures are in sweep-seeds.csv). */
  readonly failures: readonly SeedOutcome[];
}

/** Folds outcomes (in seed-list order) into the report; no timings or worker details, so it is reproducible. */
export function sweepReport(job: SweepHeader, seedsGiven: string, outcomes: readonly SeedOutcome[], shard?: Shard): SweepReport {
  const failures = outcomes.filter((o) => o.violations > 0 || o.error !== undefined);
  const byCheck = new Map<string, number>();
  for (const outcome of failures) for (const check of outcome.checks) byCheck.set(check, (byCheck.get(check) ?? 0) + 1);
  return {
    scenario: job.scenario.name,
    seeds: { given: seedsGiven, count: outcomes.length },
    ...(shard ? { shard } : {}),
    swarm: job.swarm,
    ...(job.platform ? { profile: job.platform } : {}),
    sets: job.sets,
    clean: outcomes.length - failures.length,
    failing: failures.filter((o) => o.error === undefined).length,
    crashed: failures.filter((o) => o.error !== undefined).length,
    byCheck: Object.fromEntries([...byCheck].sort(([a], [b]) => (a < b ? -1 : 1))),
    failures: failures.map(({ figures: _figures, ...outcome }) => outcome),
  };
}
