// Flags shared by the commands that run a scenario (run, minimise, sweep, the TUI): parsed into a run setup, or the
// one-line error to print.
import { availableParallelism } from 'node:os';
import { PLATFORMS, type Platform } from '../machines/domain.js';
import { parseSetOption } from '../machines/rules.js';
import { LOG_LEVELS, type LogLevel } from '../reports/eventLog.js';
import type { RunFileOptions } from '../runs/files.js';
import { resolveRun, type RunOptions, type RunSetup } from '../runs/run.js';
import { resolveScenarioPath } from '../scenarios/builtin.js';
import { MAX_LABEL_LENGTH } from '../scenarios/catalogSchema.js';
import { InputError, loadScenarioFile, type Scenario } from '../scenarios/loader.js';

export interface RunFlags {
  readonly seed?: string;
  readonly out?: string;
  readonly profile?: string;
  readonly set?: readonly string[];
  readonly lang?: string;
  readonly excel?: boolean;
  readonly stopOnViolation?: boolean;
  /** Shrink a failing run into this scenario file (cli/minimiseCommand.ts). */
  readonly minimise?: string;
  /** Also run this variant (a profile name or key=value) with the same seed and diff the settlements (cli/diffCommand.ts). */
  readonly compare?: string;
  /** How much of events.jsonl to write: full (default), money or none (reports/eventLog.ts LOG_LEVELS). */
  readonly log?: string;
  /** Split the run by buyer across this many worker threads (runs/shards); same files for any count. */
  readonly workers?: string;
}

/** Most shards a run is split into: more threads than this only add replicated work on any machine we know. */
export const MAX_RUN_WORKERS = 64;

/**
 * Orders from which a run is split across the machine's cores by default: where two workers were measured faster than
 * one thread by more than this machine's noise. Tenth session, a quiet 2-core machine, the default mix, alternated
 * pairs (docs/performance.md): 100,000 orders 0.96–0.99×, 200,000 1.06×, 400,000 0.91× and 1.04× (within noise, for
 * 20–43% more CPU and 11–33% more memory), 700,000 1.13×, a million 1.14×. (The eighth session measured 1.18–1.29× at
 * 100,000 and set 50,000; since then one thread got cheaper and the split did not by as much.)
 */
export const SPLIT_FROM_ORDERS = 500_000;

/** The default: one thread for a run below SPLIT_FROM_ORDERS, one shard per core from it (at most MAX_RUN_WORKERS). */
export function defaultWorkers(orders: number, cores: number = availableParallelism()): number {
  return orders >= SPLIT_FROM_ORDERS ? Math.max(1, Math.min(cores, MAX_RUN_WORKERS)) : 1;
}

/**
 * `--workers`: a whole number from 1 to MAX_RUN_WORKERS, and not above 1 with `--stop-on-violation` (a shard stops
 * alone). Without it: `defaultWorkers(orders())`; one thread with `--stop-on-violation` or a `--log` other than full.
 */
export function runWorkers(flags: RunFlags, orders: () => number): { ok: true; value: number } | { ok: false; error: InputError } {
  // Split by default only where it was measured faster: a full log (at money or none the merge still parses every
  // line, which those levels exist to save).
  if (flags.workers === undefined) return { ok: true, value: flags.stopOnViolation || (flags.log ?? 'full') !== 'full' ? 1 : defaultWorkers(orders()) };
  const value = Number(flags.workers);
  if (!/^\d+$/.test(flags.workers) || !Number.isInteger(value) || value < 1 || value > MAX_RUN_WORKERS) {
    return { ok: false, error: new InputError('--workers', flags.workers, `expected a whole number from 1 to ${MAX_RUN_WORKERS}`) };
  }
  if (value > 1 && flags.stopOnViolation) {
    return { ok: false, error: new InputError('--workers', flags.workers, 'a run split across workers cannot stop at its first violation (--stop-on-violation): use one worker') };
  }
  return { ok: true, value };
}

/** Turns flags and a scenario argument into a run setup, or the one-line error to print. */
export function setupFromFlags(
  scenarioArg: string,
  flags: RunFlags,
  extra: Pick<RunOptions, 'lazyArrivals'> = {},
): { ok: true; setup: RunSetup; options: RunOptions; loaded: Scenario } | { ok: false; error: InputError } {
  const loaded = loadScenarioFile(resolveScenarioPath(scenarioArg));
  if (!loaded.ok) return loaded;
  if (flags.profile !== undefined && !(PLATFORMS as readonly string[]).includes(flags.profile)) {
    return { ok: false, error: new InputError('--profile', flags.profile, `unknown profile (known: ${PLATFORMS.join(', ')})`) };
  }
  if (flags.seed === '') return { ok: false, error: new InputError('--seed', '(empty)', 'a seed must not be empty') };
  // As long as a scenario file's seed may be (scenarios/catalogSchema.ts `label`).
  if (flags.seed !== undefined && flags.seed.length > MAX_LABEL_LENGTH) {
    return { ok: false, error: new InputError('--seed', `(${flags.seed.length} characters)`, `at most ${MAX_LABEL_LENGTH} characters`) };
  }
  const entries: [string, unknown][] = [];
  for (const text of flags.set ?? []) {
    const parsed = parseSetOption(text);
    if (!parsed.ok) return { ok: false, error: new InputError('--set', text, parsed.error) };
    entries.push([parsed.key, parsed.value]);
  }
  // Own keys even for "__proto__" (an assignment would set the prototype and the override would vanish unchecked).
  const sets: Record<string, unknown> = Object.fromEntries(entries);
  const options: RunOptions = {
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    ...(flags.profile !== undefined ? { platform: flags.profile as Platform } : {}),
    ...(flags.set?.length ? { sets } : {}),
    ...(flags.stopOnViolation ? { stopOnViolation: true } : {}),
    ...extra,
  };
  const resolved = resolveRun(loaded.scenario, options);
  return resolved.ok ? { ok: true, setup: resolved.setup, options, loaded: loaded.scenario } : resolved;
}

export function fileOptions(flags: RunFlags): { ok: true; value: RunFileOptions } | { ok: false; error: InputError } {
  const lang = flags.lang ?? 'en';
  if (lang !== 'en' && lang !== 'zh') return { ok: false, error: new InputError('--lang', lang, 'expected en or zh') };
  return { ok: true, value: { lang, excel: flags.excel ?? false } };
}

/** `--log`: the level events.jsonl is written at (full when not given). `--compare` settles both runs again from their logs. */
export function logLevel(flags: RunFlags): { ok: true; value: LogLevel } | { ok: false; error: InputError } {
  const level = flags.log ?? 'full';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) return { ok: false, error: new InputError('--log', level, `expected ${LOG_LEVELS.join(', ')}`) };
  if (level === 'none' && flags.compare !== undefined) {
    return { ok: false, error: new InputError('--log', level, '--compare settles both runs again from their logs: use --log money or full') };
  }
  return { ok: true, value: level as LogLevel };
}

/** `--compare` names either a platform profile or one `key=value` rules override. */
export function variantFlags(flags: RunFlags): { ok: true; value: RunFlags } | { ok: false; error: InputError } {
  const variant = flags.compare ?? '';
  const { compare: _, ...base } = flags;
  if ((PLATFORMS as readonly string[]).includes(variant)) return { ok: true, value: { ...base, profile: variant } };
  if (variant.includes('=')) return { ok: true, value: { ...base, set: [...(flags.set ?? []), variant] } };
  return { ok: false, error: new InputError('--compare', variant, `expected a profile (${PLATFORMS.join(', ')}) or key=value`) };
}
