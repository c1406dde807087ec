// `marketsim settle <run-dir>`: recomputes a saved run's settlement files from its events.jsonl and summary.json
// and report.html (no re-simulation), writing the same bytes `run` wrote. A run whose digests do not match is refused unless
// --trust-modified, and a log that breaks its own contracts is never settled; bad input is one line, exit 2.
// With `--set key=value` it re-prices the run: the same log settled under other pricing parameters, and the files
// (summary.json's overrides, violations.jsonl's replay commands too) that a run with those overrides writes; the
// files built from the old pricing that settle does not rebuild (a diff, the workbooks) are removed, so none is
// left contradicting the rest. A parameter that would change what the simulation does is refused
// (reports/repricing.ts), since only a re-run can tell what it changes.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runReportHtml } from '../reports/html/runReport.js';
import { pricingOverrides, repricedSummaryText } from '../reports/repricing.js';
import { settlementFiles } from '../reports/settlementFiles.js';
import { monthTotals } from '../reports/settlementCsv.js';
import { yuan } from '../reports/settlementMoney.js';
import { modifiedFile, sealedSummaryText } from '../runs/integrity.js';
import { fsyncDir } from '../runs/output/durable.js';
import { RUN_FOLDER_FILE, writeFileAtomic } from '../runs/output/file.js';
import { loadSavedRun, type LoadedRun } from '../runs/savedRun.js';
import type { RunSummary } from '../runs/summary.js';
import { repricedViolationsJsonl } from '../runs/violations.js';
import { EXIT } from './exitCodes.js';
import { fileOptions } from './flags.js';
import type { Io } from './io.js';

export interface SettleFlags {
  readonly lang?: string;
  readonly excel?: boolean;
  readonly trustModified?: boolean;
  /** Pricing overrides to re-settle under (`--set key=value`, repeatable). */
  readonly set?: readonly string[];
}

export function settleCommand(dir: string, flags: SettleFlags, io: Io): number {
  const options = fileOptions(flags);
  if (!options.ok) {
    io.err(`marketsim: ${options.error.toString()}`);
    return EXIT.badInput;
  }
  const words = flags.set ?? [];
  let sets: Record<string, unknown> = {};
  // summary.json as the run left it: the profile decides how overrides resolve (read first so a bad value is named
  // before anything is settled), and the overrides before re-pricing decide the re-priced replay commands.
  const before = readSummaryFields(dir);
  if (words.length > 0) {
    const checked = pricingOverrides(words, before.profile);
    if (!checked.ok) {
      io.err(`marketsim: ${checked.error}`);
      return EXIT.badInput;
    }
    sets = checked.value;
  }
  const repriced = words.length > 0;
  const loaded = loadSavedRun(dir, {
    trustModified: flags.trustModified ?? false,
    ...(repriced ? { edit: (text: string) => repricedSummaryText(text, sets) } : {}),
  });
  if (!loaded.ok) {
    io.err(`marketsim: ${loaded.error}`);
    return EXIT.badInput;
  }
  const { settlement, info, params } = loaded.value;
  // Everything is computed before the first write, and each file is replaced atomically.
  const files: Map<string, string> = settlementFiles(settlement, info, params, options.value);
  files.set('report.html', runReportHtml({ info, settlement, refusals: loaded.value.refusals, lang: options.value.lang }));
  if (repriced) {
    const violations = repricedViolations(dir, loaded.value, before.overrides, sets, flags.trustModified ?? false);
    if (!violations.ok) {
      io.err(`marketsim: ${violations.error}`);
      return EXIT.badInput;
    }
    if (violations.value !== undefined) files.set('violations.jsonl', violations.value);
  }
  for (const [name, text] of files) {
    const written = writeFileAtomic(join(dir, name), text, RUN_FOLDER_FILE);
    if (!written.ok) {
      io.err(`marketsim: ${written.error}`);
      return EXIT.badInput;
    }
  }
  const summary = summaryFor(loaded.value, files, repriced);
  if (summary !== undefined) {
    const written = writeFileAtomic(join(dir, 'summary.json'), summary, RUN_FOLDER_FILE);
    if (!written.ok) {
      io.err(`marketsim: ${written.error}`);
      return EXIT.badInput;
    }
  }
  const removed = repriced ? removeStalePriced(dir) : [];
  for (const t of monthTotals(settlement)) io.out(`${t.settlementMonth} ${t.merchantId}: payable ${yuan(t.netFen)}, deferred ${yuan(t.deferredFen)}, excluded ${yuan(t.excludedFen)}`);
  const names = [...files.keys(), ...(summary !== undefined ? ['summary.json'] : [])];
  io.out(`wrote ${names.map((name) => join(dir, name)).join(', ')}`);
  if (removed.length > 0) io.out(`removed ${removed.join(', ')} (built from the old pricing; write them again with --xlsx or \`marketsim diff\`)`);
  return EXIT.ok;
}

/**
 * Files a run folder may hold that depend on the pricing but that settle does not rebuild: a diff against another
 * run (diff.csv, diff.html, diff.xlsx: `run --compare`, `diff`) and the workbook (settlement.xlsx; `settle --xlsx`
 * writes it again after this). Re-pricing removes them, so the folder holds what `run` with the new pricing writes.
 */
const STALE_WHEN_REPRICED = ['diff.csv', 'diff.html', 'diff.xlsx', 'settlement.xlsx'] as const;

function removeStalePriced(dir: string): string[] {
  const removed = STALE_WHEN_REPRICED.map((name) => join(dir, name)).filter((path) => existsSync(path) && lstatSync(path).isFile());
  for (const path of removed) rmSync(path);
  if (removed.length > 0) fsyncDir(dir);
  return removed;
}

/**
 * violations.jsonl with the replay commands of the re-priced run (the violations themselves do not depend on the
 * pricing), or undefined when the folder has none (a run from before the file). A sealed file is checked first: it
 * is re-sealed with the new digest, which must never launder a modification.
 */
function repricedViolations(
  dir: string,
  run: LoadedRun,
  before: Readonly<Record<string, unknown>>,
  sets: Readonly<Record<string, unknown>>,
  trustModified: boolean,
): { ok: true; value: string | undefined } | { ok: false; error: string } {
  const file = join(dir, 'violations.jsonl');
  if (!existsSync(file)) return { ok: true, value: undefined };
  if (run.seal && !trustModified) {
    const modified = modifiedFile(dir, run.seal, ['violations.jsonl']);
    if (modified) return { ok: false, error: `${modified.file}: ${modified.reason}; settle only what marketsim wrote, or pass --trust-modified` };
  }
  const repriced = repricedViolationsJsonl(readFileSync(file, 'utf8'), before, sets);
  return repriced.ok ? repriced : { ok: false, error: `${file}: ${repriced.error}` };
}

/**
 * summary.json to write, or undefined when it stays as it is. A sealed run gets the digests of the files settle
 * rewrote (another --lang, say), so the folder stays verifiable; a re-priced one also its new overrides. A run read
 * with --trust-modified keeps its old seal (the modification stays evident), re-priced overrides aside.
 */
function summaryFor(run: LoadedRun, files: ReadonlyMap<string, string>, repriced: boolean): string | undefined {
  if (!run.seal) return repriced ? run.summaryText : undefined;
  const digests = new Map(Object.entries(run.seal.files));
  for (const [name, text] of files) digests.set(name, createHash('sha256').update(text, 'utf8').digest('hex'));
  if (!repriced && [...digests].every(([name, hex]) => run.seal?.files[name] === hex)) return undefined;
  const { integrity: _, ...summary } = JSON.parse(run.summaryText) as RunSummary & { integrity?: unknown };
  return sealedSummaryText(summary, digests);
}

/** summary.json's profile and overrides, or '' and none when it cannot be read (loadSavedRun then names the problem). */
function readSummaryFields(dir: string): { profile: string; overrides: Readonly<Record<string, unknown>> } {
  try {
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { profile?: unknown; overrides?: unknown };
    const overrides = typeof summary.overrides === 'object' && summary.overrides !== null && !Array.isArray(summary.overrides) ? (summary.overrides as Record<string, unknown>) : {};
    return { profile: typeof summary.profile === 'string' ? summary.profile : '', overrides };
  } catch {
    return { profile: '', overrides: {} };
  }
}
