// `marketsim diff <run-dir-A> <run-dir-B>`: settles both saved runs, prints per merchant and month what changed
// and writes diff.csv (default: into B, the variant; --out FILE elsewhere).
import { join } from 'node:path';
import { DIFF_HEADER, diffCsv, diffSettlements, diffText } from '../reports/diff.js';
import { checkOutputFile, writeFileAtomic, type FileKind } from '../runs/output/file.js';
import { checkFolderTarget } from '../runs/output/target.js';
import { loadSavedRun } from '../runs/savedRun.js';
import type { Settlement } from '../reports/settlement.js';
import { EXIT } from './exitCodes.js';
import { PLATFORMS } from '../machines/domain.js';
import { InputError } from '../scenarios/loader.js';
import { badInput, runCommand, setupFromFlags, type Io, type RunFlags } from './runCommand.js';

export interface DiffFlags {
  readonly out?: string;
  readonly excel?: boolean;
  readonly trustModified?: boolean;
}

/** A diff.csv marketsim wrote: it begins with diff.csv's header (after a BOM with --excel). */
export const DIFF_CSV: FileKind = { what: 'a diff.csv written by marketsim', isOurs: (head) => head.replace(/^\uFEFF/, '').startsWith(`${DIFF_HEADER.join(',')}\n`) };

export function diffCommand(dirA: string, dirB: string, flags: DiffFlags, io: Io): number {
  const target = flags.out ?? join(dirB, 'diff.csv');
  const writable = checkOutputFile(target, DIFF_CSV);
  if (!writable.ok) return fail(writable.error, io);
  const trustModified = flags.trustModified ?? false;
  const a = loadSavedRun(dirA, { trustModified });
  if (!a.ok) return fail(a.error, io);
  const b = loadSavedRun(dirB, { trustModified });
  if (!b.ok) return fail(b.error, io);
  return printAndWriteDiff(a.value.settlement, b.value.settlement, dirA, dirB, target, flags.excel ?? false, io);
}

/** Shared with `run --compare`: prints the diff and writes diff.csv to `target`. */
export function printAndWriteDiff(a: Settlement, b: Settlement, labelA: string, labelB: string, target: string, excel: boolean, io: Io): number {
  const diff = diffSettlements(a, b);
  io.out(diffText(diff, labelA, labelB));
  const written = writeFileAtomic(target, diffCsv(diff, { lang: 'en', excel }), DIFF_CSV);
  if (!written.ok) return fail(written.error, io);
  io.out(`wrote ${target}`);
  return EXIT.ok;
}

function fail(message: string, io: Io): number {
  io.err(`marketsim: ${message}`);
  return EXIT.badInput;
}

/** `--compare` names either a platform profile or one `key=value` rules override. */
export function variantFlags(flags: RunFlags): { ok: true; value: RunFlags } | { ok: false; error: InputError } {
  const variant = flags.compare ?? '';
  const { compare: _, ...base } = flags;
  if ((PLATFORMS as readonly string[]).includes(variant)) return { ok: true, value: { ...base, profile: variant } };
  if (variant.includes('=')) return { ok: true, value: { ...base, set: [...(flags.set ?? []), variant] } };
  return { ok: false, error: new InputError('--compare', variant, `expected a profile (${PLATFORMS.join(', ')}) or key=value`) };
}

/**
 * `marketsim run <scenario> --compare <variant>`: the run as given into DIR, the variant with the same seed into
 * DIR-compare, then the settlement diff printed and written to DIR-compare/diff.csv. Both variants are checked
 * before either runs, so bad input writes nothing.
 */
export async function compareRuns(scenarioArg: string, flags: RunFlags, io: Io): Promise<number> {
  const { compare: _, ...baseFlags } = flags;
  const variant = variantFlags(flags);
  if (!variant.ok) return badInput(variant.error, io);
  const base = setupFromFlags(scenarioArg, baseFlags);
  if (!base.ok) return badInput(base.error, io);
  const checked = setupFromFlags(scenarioArg, variant.value);
  if (!checked.ok) return badInput(checked.error, io);
  const dirA = flags.out ?? `out/${base.setup.scenario.name}`;
  const dirB = `${dirA}-compare`;
  // Both folders are checked before either run, so a refusal of the second costs nothing and writes nothing.
  for (const dir of [dirA, dirB]) {
    const checked = checkFolderTarget(dir);
    if (!checked.ok) return fail(`${dir}: ${checked.error}`, io);
  }
  const codes = [await runCommand(scenarioArg, { ...baseFlags, out: dirA }, io), await runCommand(scenarioArg, { ...variant.value, out: dirB }, io)];
  if (codes.some((code) => code !== EXIT.ok && code !== EXIT.violation)) return Math.max(...codes);
  const a = loadSavedRun(dirA);
  const b = loadSavedRun(dirB);
  if (!a.ok || !b.ok) throw new Error(`compare: a run just written cannot be read back: ${!a.ok ? a.error : !b.ok ? b.error : ''}`);
  const diffed = printAndWriteDiff(a.value.settlement, b.value.settlement, dirA, `${dirB} (${flags.compare})`, join(dirB, 'diff.csv'), flags.excel ?? false, io);
  return Math.max(diffed, ...codes);
}
