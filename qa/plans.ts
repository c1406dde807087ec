// Where `marketsim check` gets its cases: the `<machine>.plans.json` files of a --plans directory (validated
// against the published plan schema), or, without --plans, the plans generated from the machines right now.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_MODELS } from '../machines/allModels.js';
import type { MachineModel } from '../machines/models.js';
import { generateMachinePlan } from '../reports/testplans/generate.js';
import type { TestCase } from '../reports/testplans/plan.js';
import { planFileSchema } from '../reports/testplans/planSchema.js';
import { issuesText, type Result } from './system.js';

export interface PlanSelection {
  readonly machine?: string;
  readonly caseId?: string;
}

function readPlanFile(file: string): Result<TestCase[]> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { ok: false, error: `${file}: not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const parsed = planFileSchema.safeParse(data);
  if (!parsed.success) return { ok: false, error: `${file}: not a plan file (${issuesText(parsed.error).slice(0, 300)})` };
  return { ok: true, value: parsed.data.cases as TestCase[] };
}

export function readPlansDir(dir: string): Result<TestCase[]> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return { ok: false, error: `--plans ${dir}: no such directory` };
  const files = readdirSync(dir).filter((name) => name.endsWith('.plans.json')).sort();
  if (files.length === 0) return { ok: false, error: `--plans ${dir}: no *.plans.json files (write them with marketsim tests --out ${dir})` };
  const cases: TestCase[] = [];
  for (const name of files) {
    const read = readPlanFile(join(dir, name));
    if (!read.ok) return read;
    cases.push(...read.value);
  }
  return { ok: true, value: cases };
}

/** The default plans: every machine's shortest-path plan, as `marketsim tests` would write it. */
export function generatedCases(models: readonly MachineModel[] = ALL_MODELS): TestCase[] {
  return models.flatMap((model) => generateMachinePlan(model, { strategy: 'shortest' }).cases);
}

/** Narrows to one machine and/or one case; selecting nothing is bad input (a typo must not pass as "0 failed"). */
export function selectCases(cases: readonly TestCase[], selection: PlanSelection): Result<TestCase[]> {
  const chosen = cases.filter((c) => (selection.machine === undefined || c.machine === selection.machine) && (selection.caseId === undefined || c.id === selection.caseId));
  if (chosen.length > 0) return { ok: true, value: chosen };
  const what = [selection.machine && `--machine ${selection.machine}`, selection.caseId && `--case ${selection.caseId}`].filter(Boolean).join(' ');
  return { ok: false, error: `${what || 'the plans'}: no case matches (machines: ${[...new Set(cases.map((c) => c.machine))].join(', ')})` };
}
