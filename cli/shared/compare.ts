// `run --compare` and `diff`: settle two runs and print and write what changed per merchant and month.
import { basename, dirname, extname, join } from 'node:path';
import type { CsvOptions } from '../../reports/csv.js';
import { DIFF_HEADER, diffCsv, diffSettlements, diffText } from '../../reports/diff.js';
import { diffReportHtml } from '../../reports/html/diffReport.js';
import { PAGE_MARK } from '../../reports/html/page.js';
import { NO_NAMES, type CatalogNames } from '../../reports/runInfo.js';
import type { Settlement } from '../../reports/settlement.js';
import { checkOutputFile, writeFileAtomic, type FileKind } from '../../runs/output/file.js';
import { checkFolderTarget } from '../../runs/output/target.js';
import { loadSavedRun } from '../../runs/savedRun.js';
import { EXIT } from '../exitCodes.js';
import { fileOptions, setupFromFlags, variantFlags, type RunFlags } from '../flags.js';
import { badInput, badInputLine, type Io } from '../io.js';
import { runScenario, type WrittenRun } from './simulate.js';

/** A diff.csv marketsim wrote: it begins with diff.csv's header, English or Chinese (after a BOM with --excel). */
export const DIFF_CSV: FileKind = {
  what: 'a diff.csv written by marketsim',
  isOurs: (head) => {
    const text = head.replace(/^\uFEFF/, '');
    return (['en', 'zh'] as const).some((lang) => text.startsWith(`${DIFF_HEADER.map((h) => h[lang]).join(',')}\n`));
  },
};

/** A page marketsim wrote (report.html, diff.html, a statecharts page): its head carries marketsim's mark. */
export const HTML_PAGE: FileKind = { what: 'an HTML page written by marketsim', isOurs: (head) => head.includes(PAGE_MARK) };

/** diff.html beside diff.csv (same name, .html): the diff for a reader, with a waterfall of what changed. */
export function diffHtmlPath(csvTarget: string): string {
  const html = join(dirname(csvTarget), `${basename(csvTarget, extname(csvTarget))}.html`);
  return html === join(dirname(csvTarget), basename(csvTarget)) ? `${csvTarget}.report.html` : html;
}

/**
 * Prints the diff and writes diff.csv to `target` in `options.lang` and diff.html beside it (exit 0), or says why a
 * target may not be replaced (exit 2).
 */
export function printAndWriteDiff(a: Settlement, b: Settlement, labelA: string, labelB: string, target: string, options: CsvOptions, io: Io, names: CatalogNames): number {
  const diff = diffSettlements(a, b);
  io.out(diffText(diff, labelA, labelB, options.lang));
  const html = diffHtmlPath(target);
  const htmlTarget = checkOutputFile(html, HTML_PAGE);
  if (!htmlTarget.ok) return badInputLine(htmlTarget.error, io);
  const written = writeFileAtomic(target, diffCsv(diff, options), DIFF_CSV);
  if (!written.ok) return badInputLine(written.error, io);
  const page = writeFileAtomic(html, diffReportHtml({ a, b, diff, labelA, labelB, names, lang: options.lang }), HTML_PAGE);
  if (!page.ok) return badInputLine(page.error, io);
  io.out(`wrote ${target}, ${html}`);
  return EXIT.ok;
}

/**
 * `marketsim run <scenario> --compare <variant>`: the run as given into DIR, the variant with the same seed into
 * DIR-compare, then the settlement diff printed and written to DIR-compare/diff.csv. Both variants are checked
 * before either runs, so bad input writes nothing.
 */
export async function compareRuns(scenarioArg: string, flags: RunFlags, io: Io, onWritten?: (run: WrittenRun) => void): Promise<number> {
  const { compare: _, ...baseFlags } = flags;
  const variant = variantFlags(flags);
  if (!variant.ok) return badInput(variant.error, io);
  // Only to check both flag sets before either run: a generated timeline is left undrawn (lazy), or two whole
  // expanded timelines would be held through both runs.
  const base = setupFromFlags(scenarioArg, baseFlags, { lazyArrivals: true });
  if (!base.ok) return badInput(base.error, io);
  const checked = setupFromFlags(scenarioArg, variant.value, { lazyArrivals: true });
  if (!checked.ok) return badInput(checked.error, io);
  const options = fileOptions(flags);
  if (!options.ok) return badInput(options.error, io);
  const dirA = flags.out ?? `out/${base.setup.scenario.name}`;
  const dirB = `${dirA}-compare`;
  // Both folders are checked before either run, so a refusal of the second costs nothing and writes nothing.
  for (const dir of [dirA, dirB]) {
    const writable = checkFolderTarget(dir);
    if (!writable.ok) return badInputLine(`${dir}: ${writable.error}`, io);
  }
  const codes = [await runScenario(scenarioArg, { ...baseFlags, out: dirA }, io, onWritten), await runScenario(scenarioArg, { ...variant.value, out: dirB }, io, onWritten)];
  if (codes.some((code) => code !== EXIT.ok && code !== EXIT.violation)) return Math.max(...codes);
  const a = loadSavedRun(dirA);
  const b = loadSavedRun(dirB);
  if (!a.ok || !b.ok) throw new Error(`compare: a run just written cannot be read back: ${!a.ok ? a.error : !b.ok ? b.error : ''}`);
  const diffed = printAndWriteDiff(a.value.settlement, b.value.settlement, dirA, `${dirB} (${flags.compare})`, join(dirB, 'diff.csv'), options.value, io, b.value.info.names ?? NO_NAMES);
  return Math.max(diffed, ...codes);
}
