// `run --compare` and `diff`: settle two runs and print and write what changed per merchant and month.
import { basename, dirname, extname, join } from 'node:path';
import { diffCsv, diffSettlements, diffText } from '../../reports/diff.js';
import { diffReportHtml } from '../../reports/html/diffReport.js';
import type { ReportNames } from '../../reports/names.js';
import { writeFileAtomic } from '../../reports/output.js';
import type { Settlement } from '../../reports/settlement.js';
import { EXIT } from '../exitCodes.js';
import { setupFromFlags, variantFlags, type RunFlags } from '../flags.js';
import { badInput, type Io } from '../io.js';
import { loadNames, loadSavedRun } from './savedRun.js';
import { runScenario, type WrittenRun } from './simulate.js';

/** diff.html beside diff.csv (same name, .html): the diff for a reader, with a waterfall of what changed. */
export function diffHtmlPath(csvTarget: string): string {
  const html = join(dirname(csvTarget), `${basename(csvTarget, extname(csvTarget))}.html`);
  return html === join(dirname(csvTarget), basename(csvTarget)) ? `${csvTarget}.report.html` : html;
}

/** Prints the diff and writes diff.csv to `target` and diff.html beside it. */
export function printAndWriteDiff(a: Settlement, b: Settlement, labelA: string, labelB: string, target: string, excel: boolean, io: Io, names: ReportNames): void {
  const diff = diffSettlements(a, b);
  io.out(diffText(diff, labelA, labelB));
  const html = diffHtmlPath(target);
  writeFileAtomic(target, diffCsv(diff, { lang: 'en', excel }));
  writeFileAtomic(html, diffReportHtml({ a, b, diff, labelA, labelB, names }));
  io.out(`wrote ${target}, ${html}`);
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
  const codes = [runScenario(scenarioArg, { ...baseFlags, out: dirA }, io, onWritten), runScenario(scenarioArg, { ...variant.value, out: dirB }, io, onWritten)];
  if (codes.some((code) => code !== EXIT.ok && code !== EXIT.violation)) return Math.max(...codes);
  const a = loadSavedRun(dirA);
  const b = loadSavedRun(dirB);
  if (!a.ok || !b.ok) throw new Error(`compare: a run just written cannot be read back: ${!a.ok ? a.message : !b.ok ? b.message : ''}`);
  printAndWriteDiff(a.run.settlement, b.run.settlement, dirA, `${dirB} (${flags.compare})`, join(dirB, 'diff.csv'), flags.excel ?? false, io, loadNames(dirB));
  return Math.max(...codes);
}
