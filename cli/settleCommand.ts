// `marketsim settle <run-dir>`: recomputes a saved run's settlement files from its events.jsonl and summary.json
// and report.html (no re-simulation), writing the same bytes `run` wrote. A run whose digests do not match is refused unless
// --trust-modified, and a log that breaks its own contracts is never settled; bad input is one line, exit 2.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { runReportHtml } from '../reports/html/runReport.js';
import { settlementFiles } from '../reports/settlementFiles.js';
import { monthTotals } from '../reports/settlementCsv.js';
import { yuan } from '../reports/settlementMoney.js';
import { sealedSummaryText } from '../runs/integrity.js';
import { RUN_FOLDER_FILE, writeFileAtomic } from '../runs/output/file.js';
import { loadNames, loadSavedRun, type LoadedRun } from '../runs/savedRun.js';
import type { RunSummary } from '../runs/summary.js';
import { EXIT } from './exitCodes.js';
import { fileOptions } from './flags.js';
import type { Io } from './io.js';

export interface SettleFlags {
  readonly lang?: string;
  readonly excel?: boolean;
  readonly trustModified?: boolean;
}

export function settleCommand(dir: string, flags: SettleFlags, io: Io): number {
  const options = fileOptions(flags);
  if (!options.ok) {
    io.err(`marketsim: ${options.error.toString()}`);
    return EXIT.badInput;
  }
  const loaded = loadSavedRun(dir, { trustModified: flags.trustModified ?? false });
  if (!loaded.ok) {
    io.err(`marketsim: ${loaded.error}`);
    return EXIT.badInput;
  }
  const { settlement, info, params } = loaded.value;
  // Everything is computed before the first write, and each file is replaced atomically.
  const files: Map<string, string> = settlementFiles(settlement, info, params, options.value);
  files.set('report.html', runReportHtml({ info, settlement, refusals: loaded.value.refusals, names: loadNames(dir) }));
  for (const [name, text] of files) {
    const written = writeFileAtomic(join(dir, name), text, RUN_FOLDER_FILE);
    if (!written.ok) {
      io.err(`marketsim: ${written.error}`);
      return EXIT.badInput;
    }
  }
  reseal(dir, loaded.value, files);
  for (const t of monthTotals(settlement)) io.out(`${t.settlementMonth} ${t.merchantId}: payable ${yuan(t.netFen)}, deferred ${yuan(t.deferredFen)}, excluded ${yuan(t.excludedFen)}`);
  io.out(`wrote ${[...files.keys()].map((name) => join(dir, name)).join(', ')}`);
  return EXIT.ok;
}

/**
 * Records the digests of the files settle rewrote in summary.json, when it was sealed and they changed (another
 * --lang, say): the folder stays verifiable. A run read with --trust-modified keeps its old seal, so the
 * modification stays evident.
 */
function reseal(dir: string, run: LoadedRun, files: ReadonlyMap<string, string>): void {
  if (!run.seal) return;
  const digests = new Map(Object.entries(run.seal.files));
  for (const [name, text] of files) digests.set(name, createHash('sha256').update(text, 'utf8').digest('hex'));
  if ([...digests].every(([name, hex]) => run.seal?.files[name] === hex)) return;
  const { integrity: _, ...summary } = JSON.parse(run.summaryText) as RunSummary & { integrity?: unknown };
  writeFileAtomic(join(dir, 'summary.json'), sealedSummaryText(summary, digests), RUN_FOLDER_FILE);
}
