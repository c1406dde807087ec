// `marketsim diff <run-dir-A> <run-dir-B>`: settles both saved runs, prints per merchant and month what changed
// and writes diff.csv (default: into B, the variant; --out FILE elsewhere).
import { basename, dirname, extname, join } from 'node:path';
import { diffCsv, diffSettlements, diffText } from '../reports/diff.js';
import { diffReportHtml } from '../reports/html/diffReport.js';
import type { ReportNames } from '../reports/names.js';
import { writeFileAtomic } from '../reports/output.js';
import type { Settlement } from '../reports/settlement.js';
import { EXIT } from './exitCodes.js';
import { PLATFORMS } from '../machines/domain.js';
import { InputError } from '../scenarios/loader.js';
import { badInput, runCommand, setupFromFlags, type Io, type RunFlags, type WrittenRun } from './runCommand.js';
import { loadNames, loadSavedRun } from './settleCommand.js';

export interface DiffFlags {
  readonly out?: string;
  readonly excel?: boolean;
}

export function diffCommand(dirA: string, dirB: string, flags: DiffFlags, io: Io): number {
  const a = loadSavedRun(dirA);
  if (!a.ok) return fail(a.message, io);
  const b = loadSavedRun(dirB);
  if (!b.ok) return fail(b.message, io);
  const target = flags.out ?? join(dirB, 'diff.csv');
  printAndWriteDiff(a.run.settlement, b.run.settlement, dirA, dirB, target, flags.excel ?? false, io, loadNames(dirB));
  return EXIT.ok;
}

/** diff.html beside diff.csv (same name, .html): the diff for a reader, with a waterfall of what changed. */
export function diffHtmlPath(csvTarget: string): string {
  const html = join(dirname(csvTarget), `${basename(csvTarget, extname(csvTarget))}.html`);
  return html === join(dirname(csvTarget), basename(csvTarget)) ? `${csvTarget}.report.html` : html;
}

/** Shared with `run --compare`: prints the diff and writes diff.csv to `target` and diff.html beside it. */
export function printAndWriteDiff(a: Settlement, b: Settlement, labelA: string, labelB: string, target: string, excel: boolean, io: Io, names: ReportNames): void {
  const diff = diffSettlements(a, b);
  io.out(diffText(diff, labelA, labelB));
  const html = diffHtmlPath(target);
  writeFileAtomic(target, diffCsv(diff, { lang: 'en', excel }));
  writeFileAtomic(html, diffReportHtml({ a, b, diff, labelA, labelB, names }));
  io.out(`wrote ${target}, ${html}`);
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
export function compareRuns(scenarioArg: string, flags: RunFlags, io: Io, onWritten?: (run: WrittenRun) => void): number {
  const { compare: _, ...baseFlags } = flags;
  const variant = variantFlags(flags);
  if (!variant.ok) return badInput(variant.error, io);
  const base = setupFromFlags(scenarioArg, baseFlags);
  if (!base.ok) return badInput(base.error, io);
  const checked = setupFromFlags(scenarioArg, variant.value);
  if (!checked.ok) return badInput(checked.error, io);
  const dirA = flags.out ?? `out/${base.setup.scenario.name}`;
  const dirB = `${dirA}-compare`;
  const codes = [runCommand(scenarioArg, { ...baseFlags, out: dirA }, io, onWritten), runCommand(scenarioArg, { ...variant.value, out: dirB }, io, onWritten)];
  if (codes.some((code) => code !== EXIT.ok && code !== EXIT.violation)) return Math.max(...codes);
  const a = loadSavedRun(dirA);
  const b = loadSavedRun(dirB);
  if (!a.ok || !b.ok) throw new Error(`compare: a run just written cannot be read back: ${!a.ok ? a.message : !b.ok ? b.message : ''}`);
  printAndWriteDiff(a.run.settlement, b.run.settlement, dirA, `${dirB} (${flags.compare})`, join(dirB, 'diff.csv'), flags.excel ?? false, io, loadNames(dirB));
  return Math.max(...codes);
}
