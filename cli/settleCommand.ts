// `marketsim settle <run-dir>`: recomputes a saved run's settlement files from its events.jsonl and summary.json
// (no re-simulation), writing the same bytes `run` wrote; bad input is one line naming file, line and reason, exit 2.
// With `--set key=value` it re-prices the run: the same log settled under other pricing parameters, and the files
// (summary.json's overrides too) that a run with those overrides writes; a parameter that would change what the
// simulation does is refused (reports/repricing.ts), since only a re-run can tell what it changes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../reports/output.js';
import { settlementFiles } from '../reports/settlementFiles.js';
import { monthTotals } from '../reports/settlementCsv.js';
import { yuan } from '../reports/settlementMoney.js';
import { pricingOverrides, repricedSummaryText } from '../reports/repricing.js';
import { EXIT } from './exitCodes.js';
import { fileOptions } from './flags.js';
import type { Io } from './io.js';
import { loadSavedRun } from './shared/savedRun.js';

export interface SettleFlags {
  readonly lang?: string;
  readonly excel?: boolean;
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
  const loaded = loadSavedRun(dir, words.length > 0 ? (text) => repricedSummaryText(text, sets) : undefined);
  if (!loaded.ok) {
    io.err(`marketsim: ${loaded.message}`);
    return EXIT.badInput;
  }
  const { settlement, info, params } = loaded.run;
  // Everything is computed before the first write, and each file is replaced atomically.
  const files = settlementFiles(settlement, info, params, options.value);
  if (words.length > 0) files.set('summary.json', loaded.summaryText);
  for (const [name, text] of files) writeFileAtomic(join(dir, name), text);
  for (const t of monthTotals(settlement)) io.out(`${t.settlementMonth} ${t.merchantId}: payable ${yuan(t.netFen)}, deferred ${yuan(t.deferredFen)}, excluded ${yuan(t.excludedFen)}`);
  io.out(`wrote ${[...files.keys()].map((name) => join(dir, name)).join(', ')}`);
  return EXIT.ok;
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
