// settlement.xlsx for a saved run directory (`run --xlsx`, `settle --xlsx`) and diff.xlsx beside diff.csv
// (`diff --xlsx`): built from the files the run wrote, so `run` and `settle` give the same workbook. Opt-in:
// on market-large the workbook takes longer to build than the settlement files (see docs/reports.md).
import { basename, dirname, extname, join } from 'node:path';
import { parseTime } from '../machines/time.js';
import { diffSettlements } from '../reports/diff.js';
import { writeFileAtomic } from '../reports/output.js';
import { settlementWorkbook } from '../reports/xlsx/settlementWorkbook.js';
import { EXIT } from './exitCodes.js';
import { fileOptions, setupFromFlags, type Io, type RunFlags } from './runCommand.js';
import { loadNames, loadSavedRun } from './settleCommand.js';

/** Writes `target` from the saved run in `dir`, with a diff sheet against the run in `baselineDir` when given. */
export async function writeWorkbook(dir: string, target: string, lang: string | undefined, io: Io, baselineDir?: string): Promise<number> {
  const options = fileOptions({ lang });
  if (!options.ok) {
    io.err(`marketsim: ${options.error.toString()}`);
    return EXIT.badInput;
  }
  const loaded = loadSavedRun(dir);
  if (!loaded.ok) {
    io.err(`marketsim: ${loaded.message}`);
    return EXIT.badInput;
  }
  const baseline = baselineDir === undefined ? undefined : loadSavedRun(baselineDir);
  if (baseline && !baseline.ok) {
    io.err(`marketsim: ${baseline.message}`);
    return EXIT.badInput;
  }
  const { settlement, params, info } = loaded.run;
  const bytes = await settlementWorkbook({
    settlement,
    names: loadNames(dir),
    lang: options.value.lang,
    utcOffsetMinutes: params.settlementUtcOffsetMinutes,
    // summary.json's end was checked to be a time when the run was read back.
    stamp: parseTime(info.end) ?? 0,
    ...(baseline?.ok ? { diff: diffSettlements(baseline.run.settlement, settlement) } : {}),
  });
  writeFileAtomic(target, bytes);
  io.out(`wrote ${target}`);
  return EXIT.ok;
}

/** After `run --xlsx` (and `--compare`): settlement.xlsx in the run directory, and in the variant's with a diff sheet. */
export async function runWorkbooks(scenarioArg: string, flags: RunFlags, code: number, io: Io): Promise<number> {
  if (code !== EXIT.ok && code !== EXIT.violation) return code;
  const setup = setupFromFlags(scenarioArg, flags, { lazyArrivals: true });
  if (!setup.ok) return code;
  const dir = flags.out ?? `out/${setup.setup.scenario.name}`;
  const written = [await writeWorkbook(dir, join(dir, 'settlement.xlsx'), flags.lang, io)];
  if (flags.compare !== undefined) written.push(await writeWorkbook(`${dir}-compare`, join(`${dir}-compare`, 'settlement.xlsx'), flags.lang, io, dir));
  return Math.max(code, ...written);
}

/** diff.xlsx beside diff.csv (its name with .xlsx): the variant's settlement with the diff sheet. */
export function diffWorkbookPath(csvTarget: string): string {
  return join(dirname(csvTarget), `${basename(csvTarget, extname(csvTarget))}.xlsx`);
}
