// `marketsim settle <run-dir>`: recomputes a saved run's settlement files from its events.jsonl and summary.json
// and report.html (no re-simulation), writing the same bytes `run` wrote; bad input is one line naming file, line and reason, exit 2.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runReportHtml } from '../reports/html/runReport.js';
import { writeFileAtomic } from '../reports/output.js';
import { refusalsOf } from '../reports/refusals.js';
import { settlementFiles } from '../reports/settlementFiles.js';
import { monthTotals } from '../reports/settlementCsv.js';
import { yuan } from '../reports/settlementMoney.js';
import { EXIT } from './exitCodes.js';
import { fileOptions } from './flags.js';
import type { Io } from './io.js';
import { loadNames, loadSavedRun } from './shared/savedRun.js';

export interface SettleFlags {
  readonly lang?: string;
  readonly excel?: boolean;
}

export function settleCommand(dir: string, flags: SettleFlags, io: Io): number {
  const options = fileOptions(flags);
  if (!options.ok) {
    io.err(`marketsim: ${options.error.toString()}`);
    return EXIT.badInput;
  }
  const loaded = loadSavedRun(dir);
  if (!loaded.ok) {
    io.err(`marketsim: ${loaded.message}`);
    return EXIT.badInput;
  }
  const { settlement, info, params } = loaded.run;
  // Everything is computed before the first write, and each file is replaced atomically.
  const files: Map<string, string> = settlementFiles(settlement, info, params, options.value);
  files.set('report.html', runReportHtml({ info, settlement, refusals: refusalsOf(loaded.run.entries), names: loadNames(dir) }));
  for (const [name, text] of files) writeFileAtomic(join(dir, name), text);
  for (const t of monthTotals(settlement)) io.out(`${t.settlementMonth} ${t.merchantId}: payable ${yuan(t.netFen)}, deferred ${yuan(t.deferredFen)}, excluded ${yuan(t.excludedFen)}`);
  io.out(`wrote ${[...files.keys()].map((name) => join(dir, name)).join(', ')}`);
  return EXIT.ok;
}
