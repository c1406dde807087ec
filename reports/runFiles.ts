// The files a run writes, by name, as bytes: one function so `marketsim run`, the TUI and `settle` agree.
import type { RunResult } from '../sim/run.js';
import { KINDS } from '../sim/kinds.js';
import { eventLogText } from './eventLog.js';
import { ordersCsv } from './ordersCsv.js';
import { runSettlementFiles } from './settlementFiles.js';
import { buildSummary } from './summary.js';
import { violationsJsonl } from './violations.js';

export interface RunFileOptions {
  readonly lang: 'en' | 'zh';
  /** Prefix CSV files with a UTF-8 BOM so Excel reads them as UTF-8. */
  readonly excel: boolean;
  /** The replay command written on each violations.jsonl line (default: built from the run setup). */
  readonly replay?: string;
}

export const DEFAULT_FILE_OPTIONS: RunFileOptions = { lang: 'en', excel: false };

export function runFiles(result: RunResult, _options: RunFileOptions = DEFAULT_FILE_OPTIONS): Map<string, string> {
  const files = new Map<string, string>();
  files.set('events.jsonl', eventLogText(result.entries));
  const summary = buildSummary(result, Object.keys(KINDS));
  files.set('summary.json', `${JSON.stringify(summary, null, 2)}\n`);
  files.set('violations.jsonl', violationsJsonl(result, _options.replay));
  // ORD-5, ORD-6: the seller-center order list, one row per order.
  files.set('orders.csv', ordersCsv(result.entries, new Map(result.setup.scenario.products.map((p) => [p.id, p.name])), _options));
  // Settlement (STL-1..7) from the log and summary.json alone, as `marketsim settle` recomputes it.
  for (const [name, text] of runSettlementFiles(result.entries, summary, _options)) files.set(name, text);
  return files;
}
