// `marketsim run`: load, resolve, simulate, write the output directory atomically, print a summary.
import type { LogEntry } from '../sim/engine/engine.js';
import { PLATFORMS, type Platform } from '../machines/domain.js';
import { parseSetOption } from '../machines/rules.js';
import { eventLine } from '../reports/eventLog.js';
import { openOutputDir } from '../reports/output.js';
import { runReportFiles, type RunFileOptions } from '../runs/files.js';
import { buildSummary, summaryText, type RunSummary } from '../runs/summary.js';
import { replayCommand } from '../runs/violations.js';
import { InputError, loadScenarioFile, type Scenario } from '../scenarios/loader.js';
import { KINDS } from '../sim/kinds/index.js';
import { resolveRun, simulate, type RunOptions, type RunResult, type RunSetup } from '../runs/run.js';
import { compareRuns } from './diffCommand.js';
import { EXIT } from './exitCodes.js';
import { writeMinimised } from './minimiseCommand.js';
import { resolveScenarioPath } from './scenarioPath.js';

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
}

export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
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
  const sets: Record<string, unknown> = {};
  for (const text of flags.set ?? []) {
    const parsed = parseSetOption(text);
    if (!parsed.ok) return { ok: false, error: new InputError('--set', text, parsed.message) };
    sets[parsed.key] = parsed.value;
  }
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

/** A run written to its directory, handed to what the command does next (settlement.xlsx from memory). */
export interface WrittenRun {
  readonly dir: string;
  readonly result: RunResult;
  readonly summary: RunSummary;
}

export function runCommand(scenarioArg: string, flags: RunFlags, io: Io, onWritten?: (run: WrittenRun) => void): number {
  if (flags.compare !== undefined) return compareRuns(scenarioArg, flags, io, onWritten);
  // A generated timeline is drawn as the run reaches it (same files as expanded, far less memory).
  const prepared = setupFromFlags(scenarioArg, flags, { lazyArrivals: true });
  if (!prepared.ok) return badInput(prepared.error, io);
  const files = fileOptions(flags);
  if (!files.ok) return badInput(files.error, io);
  const outDir = flags.out ?? `out/${prepared.setup.scenario.name}`;
  const replay = replayCommand(prepared.setup, scenarioArg);
  const result = simulateInto(outDir, prepared.setup, prepared.options, { ...files.value, replay });
  const summary = buildSummary(result, Object.keys(KINDS));
  onWritten?.({ dir: outDir, result, summary });
  io.out(summaryText(summary, outDir));
  if (summary.violations.length > 0) {
    io.err(`replay: ${replay}`);
    if (flags.minimise !== undefined) {
      // The minimiser shrinks the explicit timeline, so it gets the expanded form.
      const explicit = setupFromFlags(scenarioArg, flags);
      if (!explicit.ok) return badInput(explicit.error, io);
      const minimised = writeMinimised(explicit.setup, { check: summary.violations[0]!.check }, flags.minimise, io);
      if (minimised === EXIT.internal) return minimised;
    }
    return EXIT.violation;
  }
  return EXIT.ok;
}

/**
 * Runs and writes the output directory with events.jsonl streamed into it line by line as the engine logs, so the
 * log is never held whole; the other files come from what the run digested. Same bytes as `runFiles`.
 */
export function simulateInto(outDir: string, setup: RunSetup, options: RunOptions, fileOptions: RunFileOptions): RunResult {
  const output = openOutputDir(outDir);
  try {
    const onEntry = (entry: LogEntry): void => {
      output.append('events.jsonl', eventLine(entry));
      options.onEntry?.(entry);
    };
    const result = simulate(setup, { ...options, retainLog: false, onEntry });
    output.finish(runReportFiles(result, fileOptions));
    return result;
  } catch (error) {
    output.abandon();
    throw error;
  }
}

export function badInput(error: InputError, io: Io): number {
  io.err(`marketsim: ${error.toString()}`);
  return EXIT.badInput;
}
