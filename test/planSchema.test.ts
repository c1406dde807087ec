// The plan format as published: docs/qa-plan.schema.json generated from the zod schema and kept current; plans
// self-contained (the subject as data, dated named timers, expected effects); the generated vitest files run with
// the command `marketsim tests` prints.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { testsCommand } from '../cli/testsCommand.js';
import { orderModel } from '../machines/orderMachine.model.js';
import type { MachineModel } from '../machines/models.js';
import { supervisionModel } from '../machines/supervisionMachine.model.js';
import { readPlansDir } from '../qa/plans.js';
import { generateMachinePlan } from '../reports/testplans/generate.js';
import type { TestStep } from '../reports/testplans/plan.js';
import { planFileSchema } from '../reports/testplans/planSchema.js';
import { PLAN_SCHEMA_FILE, planSchemaText } from '../reports/testplans/writePlanSchema.js';
import { REPO, tempDir } from './support/cli.js';
import { captureIo } from './support/qaHarness.js';

const orderPlan = generateMachinePlan(orderModel as unknown as MachineModel, { strategy: 'shortest' });

describe('the published plan format', () => {
  test('docs/qa-plan.schema.json is up to date with reports/testplans/planSchema.ts', () => {
    expect(readFileSync(PLAN_SCHEMA_FILE, 'utf8')).toBe(planSchemaText());
  });

  test('a generated plan validates, and carries no XState-internal timer names', () => {
    const file = { machine: orderPlan.machine, strategy: orderPlan.strategy, cases: orderPlan.cases };
    expect(planFileSchema.safeParse(JSON.parse(JSON.stringify(file))).success).toBe(true);
    expect(JSON.stringify(file.cases.map((c) => c.steps.map((s) => [s.event, s.label])))).not.toContain('xstate.after');
  });

  test('cases are self-contained: product, spec, merchant, buyer and clock as data; timers dated; effects expected (ORD-9, REN-3, REN-6)', () => {
    // A paid one-month order (no trial, no renewal) whose expiry timer fires.
    const isExpiry = (s: TestStep) => s.event.type === 'timer' && s.event.timer === 'expiry' && s.accepted;
    const expiry = orderPlan.cases.find(
      (c) => c.steps.some(isExpiry) && c.steps[0]!.event.type === 'purchase' && c.steps[0]!.event.trial === false && !c.steps.some((s) => ['renew', 'convertTrial'].includes(s.event.type)),
    )!;
    expect(expiry.preconditions.subject).toMatchObject({
      product: { id: 'p1', merchantId: 'm1', deliveryType: expect.any(String), chargingMode: 'period' },
      spec: { id: 's1', priceFen: 1000, period: 'month' },
      buyerId: 'b1',
    });
    expect(expiry.preconditions.clock).toEqual({ at: Date.UTC(2024, 2, 1, 1), text: '2024-03-01 09:00' });
    const purchase = expiry.steps[0]!;
    const timer = expiry.steps.find(isExpiry)!;
    // ORD-9: bought 2024-03-01 09:00 (UTC+8) for one month, it expires one calendar month later.
    const due = Date.UTC(2024, 3, 1, 1);
    expect(timer.label).toBe('expiry timer fires: 2024-04-01 09:00');
    expect(timer.event).toEqual({ type: 'timer', timer: 'expiry', state: 'order.serving.active', at: due });
    expect(timer.effects).toEqual([{ type: 'callMerchant', endpoint: 'expireInstance', callId: `o1:expireInstance:${due}`, merchantId: 'm1' }]);
    expect(purchase.effects).toContainEqual({ type: 'callMerchant', endpoint: 'createInstance', callId: 'o1:createInstance', merchantId: 'm1' });
    expect(purchase.effects).toContainEqual(expect.objectContaining({ type: 'ledger', entry: 'order', orderType: 'purchase', amountFen: 1000 }));
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
