// settlement.xlsx: from a run just written (`run --xlsx`, from memory) or a saved run directory (`settle --xlsx`),
// and diff.xlsx beside diff.csv (`diff --xlsx`); `run` and `settle` give the same bytes. Opt-in, because on
// market-large the workbook costs more time and memory than every other file of the run (docs/reports.md).
import { basename, dirname, extname, join } from 'node:path';
import { parseTime } from '../machines/time.js';
import { diffSettlements } from '../reports/diff.js';
import { RUN_FOLDER_FILE, writeFileAtomic, type FileKind } from '../runs/output/file.js';
import { loadSavedRun } from '../runs/savedRun.js';
import { settlementWorkbook } from '../reports/xlsx/settlementWorkbook.js';
import { EXIT } from './exitCodes.js';
import { NO_NAMES } from '../reports/runInfo.js';
import { settleRun } from '../reports/settlementFiles.js';
import { fileOptions } from './flags.js';
import type { Io } from './io.js';
import type { WrittenRun } from './shared/simulate.js';

/** A workbook marketsim wrote outside a run folder (diff.xlsx): a zip whose first entry is the package's content types. */
export const XLSX_FILE: FileKind = { what: 'an .xlsx written by marketsim', isOurs: (head) => head.startsWith('PK\u0003\u0004') && head.includes('[Content_Types].xml') };

/** Writes `target` from the saved run in `dir`, with a diff sheet against the run in `baselineDir` when given. */
export async function writeWorkbook(dir: string, target: string, flags: { readonly lang?: string; readonly trustModified?: boolean }, io: Io, baselineDir?: string): Promise<number> {
  const options = fileOptions({ ...(flags.lang !== undefined ? { lang: flags.lang } : {}) });
  if (!options.ok) {
    io.err(`marketsim: ${options.error.toString()}`);
    return EXIT.badInput;
  }
  const trust = { trustModified: flags.trustModified ?? false };
  const loaded = loadSavedRun(dir, trust);
  if (!loaded.ok) {
    io.err(`marketsim: ${loaded.error}`);
    return EXIT.badInput;
  }
  const baseline = baselineDir === undefined ? undefined : loadSavedRun(baselineDir, trust);
  if (baseline && !baseline.ok) {
    io.err(`marketsim: ${baseline.error}`);
    return EXIT.badInput;
  }
  const { settlement, params, info } = loaded.value;
  const bytes = await settlementWorkbook({
    settlement,
    names: info.names ?? NO_NAMES,
    lang: options.value.lang,
    utcOffsetMinutes: params.settlementUtcOffsetMinutes,
    // summary.json's end was checked to be a time when the run was read back.
    stamp: parseTime(info.end) ?? 0,
    ...(baseline?.ok ? { diff: diffSettlements(baseline.value.settlement, settlement) } : {}),
  });
  const written = writeFileAtomic(target, bytes, baselineDir === undefined ? RUN_FOLDER_FILE : XLSX_FILE);
  if (!written.ok) {
    io.err(`marketsim: ${written.error}`);
    return EXIT.badInput;
  }
  io.out(`wrote ${target}`);
  return EXIT.ok;
}

/**
 * After `run --xlsx` (and `--compare`): settlement.xlsx in each run directory, built from the run still in memory
 * (a large run's events.jsonl can be too big to read back whole); the variant's has a diff sheet against the
 * baseline. `written` are the runs in the order they were written (baseline first).
 */
export async function runWorkbooks(written: readonly WrittenRun[], lang: string | undefined, code: number, io: Io): Promise<number> {
  if (code !== EXIT.ok && code !== EXIT.violation) return code;
  const options = fileOptions({ lang });
  if (!options.ok) return EXIT.badInput;
  const settled = written.map((run) => ({ run, settled: settleRun(run.result.digest.settlementFacts(), run.summary, run.result.settled) }));
  for (const [i, { run, settled: s }] of settled.entries()) {
    const baseline = i > 0 ? settled[0]!.settled.settlement : undefined;
    const bytes = await settlementWorkbook({
      settlement: s.settlement,
      names: run.summary.names,
      lang: options.value.lang,
      utcOffsetMinutes: s.params.settlementUtcOffsetMinutes,
      stamp: parseTime(s.saved.end) ?? 0,
      ...(baseline ? { diff: diffSettlements(baseline, s.settlement) } : {}),
    });
    const target = join(run.dir, 'settlement.xlsx');
    const written = writeFileAtomic(target, bytes, RUN_FOLDER_FILE);
    if (!written.ok) {
      io.err(`marketsim: ${written.error}`);
      return EXIT.badInput;
    }
    io.out(`wrote ${target}`);
  }
  return code;
}

/** diff.xlsx beside diff.csv (its name with .xlsx): the variant's settlement with the diff sheet. */
export function diffWorkbookPath(csvTarget: string): string {
  return join(dirname(csvTarget), `${basename(csvTarget, extname(csvTarget))}.xlsx`);
}
