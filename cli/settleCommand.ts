// `marketsim settle <run-dir>`: recomputes a saved run's settlement files from its events.jsonl and summary.json
// and report.html (no re-simulation), writing the same bytes `run` wrote; bad input is one line naming file, line and reason, exit 2.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runReportHtml } from '../reports/html/runReport.js';
import { NO_NAMES, parseNames, type ReportNames } from '../reports/names.js';
import { writeFileAtomic } from '../reports/output.js';
import { refusalsOf } from '../reports/refusals.js';
import { settlementFiles } from '../reports/settlementFiles.js';
import { readSavedRun, type SavedRun } from '../reports/settlementInput.js';
import { monthTotals } from '../reports/settlementCsv.js';
import { yuan } from '../reports/settlementMoney.js';
import { EXIT } from './exitCodes.js';
import { fileOptions, type Io } from './runCommand.js';

export interface SettleFlags {
  readonly lang?: string;
  readonly excel?: boolean;
}

/** A saved run directory read and settled, or the one line to print. */
export function loadSavedRun(dir: string): { ok: true; run: SavedRun } | { ok: false; message: string } {
  const texts: Record<'events.jsonl' | 'summary.json', string> = { 'events.jsonl': '', 'summary.json': '' };
  for (const name of ['events.jsonl', 'summary.json'] as const) {
    try {
      texts[name] = readFileSync(join(dir, name), 'utf8');
    } catch (error) {
      return { ok: false, message: `${join(dir, name)}: (root): cannot read file (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
    }
  }
  const saved = readSavedRun(texts['events.jsonl'], texts['summary.json']);
  if (!saved.ok) return { ok: false, message: `${join(dir, saved.problem.file)}: ${saved.problem.where}: ${saved.problem.reason}` };
  return { ok: true, run: saved.value };
}

/**
 * The run's names.json (merchant and product names by ID); a run directory written before it existed, or one
 * whose file cannot be read, gives IDs only: the report says less, never something wrong.
 */
export function loadNames(dir: string): ReportNames {
  try {
    const parsed = parseNames(readFileSync(join(dir, 'names.json'), 'utf8'));
    return parsed.ok ? parsed.value : NO_NAMES;
  } catch {
    return NO_NAMES;
  }
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
