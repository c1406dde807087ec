// `marketsim tests`: generate model-based test plans from the machines (json, csv or vitest), write them and a
// coverage report atomically into --out, print the coverage, exit 1 when it is below --min-coverage.
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_MODELS } from '../machines/allModels.js';
import { PLATFORMS, type Platform } from '../machines/domain.js';
import type { MachineModel } from '../machines/models.js';
import type { Result } from '../machines/result.js';
import { writeOutputDir } from '../runs/output/folder.js';
import { checkFolderTarget } from '../runs/output/target.js';
import { coverageReport, coverageText, lowestPercent } from '../reports/testplans/coverage.js';
import { FORMATS, renderFiles, type Format } from '../reports/testplans/formats.js';
import { generateMachinePlan } from '../reports/testplans/generate.js';
import type { Strategy } from '../reports/testplans/plan.js';
import type { Lang } from '../reports/testplans/sheet.js';
import { EXIT } from './exitCodes.js';
import type { Io } from './io.js';

export interface TestsFlags {
  readonly machine?: string;
  readonly strategy?: string;
  readonly maxDepth?: string;
  readonly profile?: string;
  readonly format?: string;
  readonly lang?: string;
  readonly minCoverage?: string;
  readonly out?: string;
}

export interface TestsOptions {
  readonly models: readonly MachineModel[];
  readonly strategy: Strategy;
  readonly maxDepth?: number;
  readonly profile?: Platform;
  readonly format: Format;
  readonly lang: Lang;
  readonly minCoverage?: number;
  readonly out: string;
}

type Parsed = { ok: true; options: TestsOptions } | { ok: false; error: string };

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): Result<T> {
  return (allowed as readonly string[]).includes(value)
    ? { ok: true, value: value as T }
    : { ok: false, error: `${flag} ${value}: expected one of ${allowed.join(', ')}` };
}

function number(flag: string, text: string | undefined, min: number, max: number, integer: boolean): { ok: true; value?: number } | { ok: false; error: string } {
  if (text === undefined) return { ok: true };
  const value = Number(text);
  const fits = text.trim() !== '' && Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value));
  return fits ? { ok: true, value } : { ok: false, error: `${flag} ${text}: expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}` };
}

/** Checks every flag up front, so bad input stops before anything is generated or written. */
export function parseTestsFlags(flags: TestsFlags, models: readonly MachineModel[] = ALL_MODELS): Parsed {
  if (!flags.out) return { ok: false, error: '--out DIR is required' };
  const machine = flags.machine ?? 'all';
  const chosen = machine === 'all' ? models : models.filter((m) => m.name === machine);
  if (chosen.length === 0) return { ok: false, error: `--machine ${machine}: unknown machine (known: all, ${models.map((m) => m.name).join(', ')})` };
  const strategy = oneOf('--strategy', flags.strategy ?? 'shortest', ['shortest', 'simple'] as const);
  const format = oneOf('--format', flags.format ?? 'json', FORMATS);
  const lang = oneOf('--lang', flags.lang ?? 'en', ['en', 'zh'] as const);
  const profile = flags.profile === undefined ? undefined : oneOf('--profile', flags.profile, PLATFORMS);
  const maxDepth = number('--max-depth', flags.maxDepth, 1, 64, true);
  const minCoverage = number('--min-coverage', flags.minCoverage, 0, 100, false);
  for (const check of [strategy, format, lang, profile, maxDepth, minCoverage]) if (check && !check.ok) return check;
  if (!strategy.ok || !format.ok || !lang.ok || (profile && !profile.ok) || !maxDepth.ok || !minCoverage.ok) throw new Error('unreachable');
  return {
    ok: true,
    options: {
      models: chosen,
      strategy: strategy.value,
      format: format.value,
      lang: lang.value,
      out: flags.out,
      ...(profile?.ok ? { profile: profile.value } : {}),
      ...(maxDepth.value !== undefined ? { maxDepth: maxDepth.value } : {}),
      ...(minCoverage.value !== undefined ? { minCoverage: minCoverage.value } : {}),
    },
  };
}

/** Generates, renders and writes; returns the exit code. */
export function testsCommand(flags: TestsFlags, io: Io, models: readonly MachineModel[] = ALL_MODELS): number {
  const parsed = parseTestsFlags(flags, models);
  if (!parsed.ok) {
    io.err(`marketsim tests: ${parsed.error}`);
    return EXIT.badInput;
  }
  const { options } = parsed;
  const writable = checkFolderTarget(options.out);
  if (!writable.ok) {
    io.err(`marketsim tests: ${options.out}: ${writable.error}`);
    return EXIT.badInput;
  }
  const plans = options.models.map((model) =>
    generateMachinePlan(model, {
      strategy: options.strategy,
      ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {}),
      ...(options.profile ? { profile: options.profile } : {}),
    }),
  );
  const coverage = coverageReport(plans, options.strategy);
  const repoFromOut = relative(resolve(options.out), REPO_ROOT).split(sep).join('/');
  const written = writeOutputDir(options.out, renderFiles(plans, coverage, { format: options.format, lang: options.lang, repoFromOut }));
  if (!written.ok) {
    io.err(`marketsim tests: ${written.error}`);
    return EXIT.badInput;
  }
  for (const line of coverageText(coverage)) io.out(line);
  io.out(`${plans.reduce((n, p) => n + p.cases.length, 0)} cases written to ${options.out}`);
  if (options.format !== 'csv') io.out(`check a system against them: marketsim check --adapter <builtin|module|http://host:port> --plans ${options.out}`);
  if (options.format === 'vitest') io.out(`run them with vitest (from this checkout): npx vitest run --config ${join(options.out, 'vitest.config.mts')}`);
  if (options.minCoverage !== undefined && lowestPercent(coverage) < options.minCoverage) {
    io.err(`marketsim tests: coverage ${lowestPercent(coverage)}% is below --min-coverage ${options.minCoverage}%`);
    return EXIT.violation;
  }
  return EXIT.ok;
}
