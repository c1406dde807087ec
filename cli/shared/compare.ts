// `run --compare` and `diff`: settle two runs and print and write what changed per merchant and month.
import { join } from 'node:path';
import { diffCsv, diffSettlements, diffText } from '../../reports/diff.js';
import { writeFileAtomic } from '../../reports/output.js';
import type { Settlement } from '../../reports/settlement.js';
import { EXIT } from '../exitCodes.js';
import { setupFromFlags, variantFlags, type RunFlags } from '../flags.js';
import { badInput, type Io } from '../io.js';
import { loadSavedRun } from './savedRun.js';
import { runScenario } from './simulate.js';

/** Prints the diff and writes diff.csv to `target`. */
export function printAndWriteDiff(a: Settlement, b: Settlement, labelA: string, labelB: string, target: string, excel: boolean, io: Io): void {
  const diff = diffSettlements(a, b);
  io.out(diffText(diff, labelA, labelB));
  writeFileAtomic(target, diffCsv(diff, { lang: 'en', excel }));
  io.out(`wrote ${target}`);
}

/**
 * `marketsim run <scenario> --compare <variant>`: the run as given into DIR, the variant with the same seed into
 * DIR-compare, then the settlement diff printed and written to DIR-compare/diff.csv. Both variants are checked
 * before either runs, so bad input writes nothing.
 */
export function compareRuns(scenarioArg: string, flags: RunFlags, io: Io): number {
  const { compare: _, ...baseFlags } = flags;
  const variant = variantFlags(flags);
  if (!variant.ok) return badInput(variant.error, io);
  const base = setupFromFlags(scenarioArg, baseFlags);
  if (!base.ok) return badInput(base.error, io);
  const checked = setupFromFlags(scenarioArg, variant.value);
  if (!checked.ok) return badInput(checked.error, io);
  const dirA = flags.out ?? `out/${base.setup.scenario.name}`;
  const dirB = `${dirA}-compare`;
  const codes = [runScenario(scenarioArg, { ...baseFlags, out: dirA }, io), runScenario(scenarioArg, { ...variant.value, out: dirB }, io)];
  if (codes.some((code) => code !== EXIT.ok && code !== EXIT.violation)) return Math.max(...codes);
  const a = loadSavedRun(dirA);
  const b = loadSavedRun(dirB);
  if (!a.ok || !b.ok) throw new Error(`compare: a run just written cannot be read back: ${!a.ok ? a.message : !b.ok ? b.message : ''}`);
  printAndWriteDiff(a.run.settlement, b.run.settlement, dirA, `${dirB} (${flags.compare})`, join(dirB, 'diff.csv'), flags.excel ?? false, io);
  return Math.max(...codes);
}
