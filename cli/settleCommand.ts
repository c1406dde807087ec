// `marketsim settle <run-dir>`: recomputes a saved run's settlement files from its events.jsonl and summary.json
// and report.html (no re-simulation), writing the same bytes `run` wrote. A run whose digests do not match is refused unless
// --trust-modified, and a log that breaks its own contracts is never settled; bad input is one line, exit 2.
// With `--set key=value` it re-prices the run: the same log settled under other pricing parameters, and the files
// (summary.json's overrides too) that a run with those overrides writes; a parameter that would change what the
// simulation does is refused (reports/repricing.ts), since only a re-run can tell what it changes.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runReportHtml } from '../reports/html/runReport.js';
import { pricingOverrides, repricedSummaryText } from '../reports/repricing.js';
import { settlementFiles } from '../reports/settlementFiles.js';
import { monthTotals } from '../reports/settlementCsv.js';
import { yuan } from '../reports/settlementMoney.js';
import { sealedSummaryText } from '../runs/integrity.js';
import { RUN_FOLDER_FILE, writeFileAtomic } from '../runs/output/file.js';
import { loadSavedRun, type LoadedRun } from '../runs/savedRun.js';
import type { RunSummary } from '../runs/summary.js';
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
  if (words.length > 0) {
    // The profile decides how overrides resolve; it is read first so a bad value is named before anything is settled.
    const checked = pricingOverrides(words, readProfile(dir));
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
  files.set('report.html', runReportHtml({ info, settlement, refusals: loaded.value.refusals }));
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
  for (const t of monthTotals(settlement)) io.out(`${t.settlementMonth} ${t.merchantId}: payable ${yuan(t.netFen)}, deferred ${yuan(t.deferredFen)}, excluded ${yuan(t.excludedFen)}`);
  const names = [...files.keys(), ...(summary !== undefined ? ['summary.json'] : [])];
  io.out(`wrote ${names.map((name) => join(dir, name)).join(', ')}`);
  return EXIT.ok;
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

/** summary.json's profile, or '' when it cannot be read (loadSavedRun then names the problem). */
function readProfile(dir: string): string {
  try {
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { profile?: unknown };
    return typeof summary.profile === 'string' ? summary.profile : '';
  } catch {
    return '';
  }
}
