// The plan format as published: docs/qa-plan.schema.json generated from the zod schema and kept current, plan
// files that do not fit refused; the generated vitest files run with the command `marketsim tests` prints.
// (What the plans contain is tested in qaCheck.test.ts, on the plans it writes.)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { testsCommand } from '../cli/testsCommand.js';
import type { MachineModel } from '../machines/models.js';
import { supervisionModel } from '../machines/supervisionMachine.model.js';
import { readPlansDir } from '../qa/plans.js';
import { PLAN_SCHEMA_FILE, planSchemaText } from '../reports/testplans/writePlanSchema.js';
import { REPO, tempDir } from './support/cli.js';
import { captureIo } from './support/qaHarness.js';

describe('the published plan format', () => {
  test('docs/qa-plan.schema.json is up to date with reports/testplans/planSchema.ts', () => {
    expect(readFileSync(PLAN_SCHEMA_FILE, 'utf8')).toBe(planSchemaText());
  });

  test('a plan file that does not fit the schema is refused, naming the file', () => {
    const dir = tempDir('marketsim-plans-');
    try {
      writeFileSync(join(dir, 'order.plans.json'), JSON.stringify({ machine: 'order', strategy: 'shortest', cases: [{ id: 'x' }] }));
      const read = readPlansDir(dir);
      expect(read.ok).toBe(false);
      expect(read.ok ? '' : read.error).toMatch(/order\.plans\.json: not a plan file \(cases\.0\.title/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the generated vitest files run with the printed command', () => {
  test('marketsim tests --format vitest prints `npx vitest run --config DIR/vitest.config.mts`, which runs and passes every case', () => {
    mkdirSync(join(REPO, 'out'), { recursive: true });
    const dir = mkdtempSync(join(REPO, 'out', 'qa-vitest-'));
    try {
      const out = join(dir, 'plans');
      const { io, out: lines } = captureIo();
      expect(testsCommand({ out, format: 'vitest' }, io, [supervisionModel as unknown as MachineModel])).toBe(0);
      const printed = lines.find((line) => line.startsWith('run them with vitest'))!;
      const command = printed.replace(/^.*: /, '').split(' ');
      expect(command).toEqual(['npx', 'vitest', 'run', '--config', join(out, 'vitest.config.mts')]);
      const run = spawnSync(command[0]!, command.slice(1), { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
      const cases = (JSON.parse(readFileSync(join(out, 'supervision.plans.json'), 'utf8')) as { cases: unknown[] }).cases.length;
      expect(run.status, run.stdout + run.stderr).toBe(0);
      const plain = run.stdout.replace(/\x1b\[[0-9;]*m/g, '');
      expect(plain).toMatch(new RegExp(`Tests\\s+${cases} passed \\(${cases}\\)`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
