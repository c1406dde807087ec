// marketsim's own suite runs every machine's generated plans: each model in ALL_MODELS — so machines
// added later are covered automatically — is planned with the shortest strategy and replayed through its machine.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ALL_MODELS } from '../machines/allModels.js';
import { replayPlans } from '../reports/testplans/adapter.js';
import { coverageReport } from '../reports/testplans/coverage.js';
import { renderFiles } from '../reports/testplans/formats.js';
import { generateMachinePlan } from '../reports/testplans/generate.js';
import { machineAdapter } from '../reports/testplans/machineAdapter.js';
import { writeOutputDir } from '../runs/output/folder.js';

describe.each(ALL_MODELS.map((model) => [model.name, model] as const))('%s: generated plans', (_name, model) => {
  const plan = generateMachinePlan(model, { strategy: 'shortest' });

  test('every generated case replays through the machine', async () => {
    const summary = await replayPlans(machineAdapter(model), plan.cases);
    expect(summary.failures.map((f) => f.message)).toEqual([]);
    expect(summary.passed).toBe(plan.cases.length);
  });

  test('every rule ID the model catalogues is exercised by some case', () => {
    expect(plan.coverage.findings.filter((f) => f.kind === 'rule')).toEqual([]);
  });

  test('every state and transition is reached, or documented unreachable in the model', () => {
    expect(plan.coverage.findings.filter((f) => f.kind !== 'rule' && !f.byDesign)).toEqual([]);
  });
});

test('the vitest format runs green under vitest (product plans, generated into test/.generated/)', () => {
  const product = ALL_MODELS.find((m) => m.name === 'product')!;
  const plan = generateMachinePlan(product, { strategy: 'shortest' });
  const dir = join('test', '.generated', `run-${process.pid}`);
  mkdirSync(join('test', '.generated'), { recursive: true });
  writeOutputDir(dir, renderFiles([plan], coverageReport([plan], 'shortest'), { format: 'vitest', lang: 'en', repoFromOut: relative(resolve(dir), process.cwd()).split(sep).join('/') }));
  try {
    const output = execFileSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', dir], {
      encoding: 'utf8',
      stdio: 'pipe',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    expect(output).toMatch(new RegExp(`Tests\\s+${plan.cases.length} passed`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
