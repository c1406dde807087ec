// `marketsim check` against systems under test: the machines themselves (all pass), planted-bug copies as
// module adapters and over HTTP (each caught, named, with a replay command that replays it), the JUnit report,
// and bad input (exit 2, one line, nothing written).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkCommand, type CheckFlags } from '../cli/checkCommand.js';
import { builtinSystem } from '../qa/builtin.js';
import { checkCase } from '../qa/check.js';
import { readPlansDir } from '../qa/plans.js';
import type { SystemUnderTest } from '../qa/system.js';
import type { TestCase, TestStep } from '../reports/testplans/plan.js';
import { planFileSchema } from '../reports/testplans/planSchema.js';
import { marketsim } from './support/cli.js';
import { captureIo, readJunit, writePlans } from './support/qaHarness.js';
import { PLANTS, plantedSystem, type PlantName } from './support/qaPlants.js';
import { serveSystem } from './support/sutServer.js';

let plans: ReturnType<typeof writePlans>;
let cases: TestCase[];
/**
 * HTTP costs a round trip per request, so the HTTP suites run a plan folder of fewer cases: one order variant's
 * refusal, transition and boundary cases, its short walks, and every case with an accepted refund.
 */
let httpPlans: string;
const HTTP_VARIANT = 'koogallery-image-period';
const forHttp = (c: TestCase) =>
  c.machine === 'order' &&
  c.preconditions.variant === HTTP_VARIANT &&
  (c.kind !== 'state' || c.steps.length <= 2 || c.steps.some((s) => s.event.type === 'refund' && s.accepted));

beforeAll(() => {
  plans = writePlans();
  const read = readPlansDir(plans.plans);
  if (!read.ok) throw new Error(read.error);
  cases = read.value;
  httpPlans = join(plans.dir, 'http-plans');
  mkdirSync(httpPlans);
  const chosen = cases.filter(forHttp);
  writeFileSync(join(httpPlans, 'order.plans.json'), JSON.stringify({ machine: 'order', strategy: 'shortest', cases: chosen }));
});
afterAll(() => plans.remove());

async function check(flags: CheckFlags) {
  const { io, out, err } = captureIo();
  const code = await checkCommand({ plans: plans.plans, ...flags }, io);
  return { code, out, err, text: out.join('\n') };
}

/** The flags of a printed `replay: marketsim check …` line (the arguments are shell-safe: no quoting needed here). */
function replayFlags(line: string): CheckFlags {
  const args = line.replace(/^replay: marketsim check /, '').split(' ');
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) flags[args[i]!.slice(2)] = args[i + 1]!;
  return flags as CheckFlags;
}

describe('the plans as `marketsim tests` writes them', () => {
  test('a generated plan validates, and carries no XState-internal timer names', () => {
    const file = JSON.parse(readFileSync(join(plans.plans, 'order.plans.json'), 'utf8')) as { cases: TestCase[] };
    expect(planFileSchema.safeParse(file).success).toBe(true);
    expect(JSON.stringify(file.cases.map((c) => c.steps.map((s) => [s.event, s.label])))).not.toContain('xstate.after');
  });

  test('cases are self-contained: product, spec, merchant, buyer and clock as data; timers dated; effects expected (ORD-9, REN-3, REN-6)', () => {
    // A paid one-month order (no trial, no renewal) whose expiry timer fires.
    const isExpiry = (s: TestStep) => s.event.type === 'timer' && s.event.timer === 'expiry' && s.accepted;
    const expiry = cases.find(
      (c) => c.machine === 'order' && c.steps.some(isExpiry) && c.steps[0]!.event.type === 'purchase' && c.steps[0]!.event.trial === false && !c.steps.some((s) => ['renew', 'convertTrial'].includes(s.event.type)),
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

});

describe('the reference system: marketsim\'s machines as the adapter', () => {
  test('every generated case passes: accepted/refused, state and effects of every step, JUnit with no failure', async () => {
    const junit = join(plans.dir, 'builtin.xml');
    const run = await check({ adapter: 'builtin', junit });
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    const summary = /^(\d+) cases: (\d+) passed, 0 failed, 0 skipped/.exec(run.out.at(-1)!);
    expect(summary?.[1]).toBe(String(cases.length));
    expect(summary?.[2]).toBe(String(cases.length));
    const report = readJunit(readFileSync(junit, 'utf8'));
    expect([report.tests, report.failures]).toEqual([cases.length, 0]);
    expect(report.suites.map((s) => s.name).sort()).toEqual(['enterprise', 'order', 'product', 'supervision']);
  });
});

const SYMPTOM: Record<PlantName, RegExp> = {
  acceptsRefusedRefund: /refused expected, the system accepted it \[.*REF-1/,
  dropsRefundLedger: /effect missing: ledger \{"entry":"refund"/,
  unstableCreateKey: /effect missing: callMerchant \{"endpoint":"createInstance","callId":"o1:createInstance".*observed instead .*o1:createInstance#/,
  ignoresExpiry: /expiry timer fires: .*\n {2}- state: expected "frozen/,
};

describe('planted-bug copies as module adapters: each bug caught, the case named, a replay command that replays it', () => {
  test.each(Object.keys(PLANTS) as PlantName[])('%s (REF-1, INT-1, REN-6, REN-3, ORD-9)', async (name) => {
    const adapter = `test/support/qaPlants/${name}.ts`;
    const junit = join(plans.dir, `${name}.xml`);
    const run = await check({ adapter, machine: 'order', junit });
    expect(run.code).toBe(1);
    expect(run.text).toMatch(SYMPTOM[name]);
    const fail = run.out.find((line) => line.startsWith('FAIL '))!;
    const caseId = /^FAIL (order-\d{4}) "/.exec(fail)![1]!;
    const replay = fail.split('\n').find((line) => line.startsWith('replay: '))!;
    expect(replay).toBe(`replay: marketsim check --adapter ${adapter} --plans ${plans.plans} --case ${caseId}`);
    // The JUnit file validates and names the failing case with the same problem and replay command.
    const report = readJunit(readFileSync(junit, 'utf8'));
    const failed = report.suites.flatMap((s) => s.cases).filter((c) => c.failure);
    expect(report.failures).toBe(failed.length);
    const named = failed.find((c) => c.name.startsWith(`${caseId} `))!;
    expect(named.classname).toBe('marketsim.order');
    expect(named.failure!.text).toContain(replay);
    // The printed replay runs that case alone and fails the same way.
    const again = await check(replayFlags(replay));
    expect(again.code).toBe(1);
    expect(again.out.at(-1)).toMatch(/^1 cases: 0 passed, 1 failed/);
    expect(again.text).toMatch(SYMPTOM[name]);
  });
});

describe('over HTTP (docs/qa-protocol.md), served by test/support/sutServer.ts on a loopback port', () => {
  test('the reference passes an order variant\'s cases; machines the server does not list are skipped', async () => {
    const served = await serveSystem(builtinSystem(), ['order']);
    try {
      const run = await check({ adapter: served.url, plans: httpPlans });
      const orders = cases.filter(forHttp).length;
      expect(run.code).toBe(0);
      expect(run.out.at(-1)).toMatch(new RegExp(`^${orders} cases: ${orders} passed, 0 failed, 0 skipped`));
      const skipped = await check({ adapter: served.url, machine: 'supervision' });
      expect(skipped.out.at(-1)).toMatch(/^\d+ cases: 0 passed, 0 failed, (\d+) skipped/);
    } finally {
      await served.stop();
    }
  });
  test.each(['dropsRefundLedger'] as const)('planted bug %s is caught over HTTP, with its replay command (REF-1)', async (name) => {
    const served = await serveSystem(plantedSystem(name));
    try {
      const run = await check({ adapter: served.url, plans: httpPlans });
      expect(run.code).toBe(1);
      expect(run.text).toMatch(SYMPTOM[name]);
      const replay = run.text.split('\n').find((line) => line.startsWith('replay: '))!;
      expect(replay).toMatch(new RegExp(`^replay: marketsim check --adapter ${served.url} --plans \\S+ --case order-\\d{4}$`));
      expect((await check(replayFlags(replay))).code).toBe(1);
    } finally {
      await served.stop();
    }
  });
});

describe('what a step checks beyond the state', () => {
  const firstCase = (where: (c: TestCase) => boolean) => cases.find(where)!;

  test('a refusal case fails against a system that accepts the refused event (REF-1, ORD-1)', async () => {
    const refusal = firstCase((c) => c.kind === 'refusal' && c.steps.at(-1)!.event.type === 'refund');
    expect((await checkCase(builtinSystem(), refusal)).status).toBe('passed');
    const outcome = await checkCase(plantedSystem('acceptsRefusedRefund'), refusal);
    expect(outcome.status).toBe('failed');
    expect(outcome.failure).toMatchObject({ step: refusal.steps.length });
    expect(outcome.failure!.problems).toEqual([expect.stringMatching(/^refused expected, the system accepted it/)]);
  });

  test('an effect missing from the system\'s reply fails the step, naming the effect (REN-6, INT-1)', async () => {
    const reference = builtinSystem();
    const forgetful: SystemUnderTest = { ...reference, name: 'forgetful', execute: async (step) => ({ ...(await reference.execute(step)), effects: [] }) };
    const purchase = firstCase((c) => c.machine === 'order' && c.steps.some((s) => s.effects.some((e) => e.type === 'callMerchant')));
    const outcome = await checkCase(forgetful, purchase);
    expect(outcome.status).toBe('failed');
    expect(outcome.failure!.problems.join('\n')).toMatch(/^effect missing: callMerchant \{"endpoint":"createInstance","callId":"o1:createInstance"/m);
  });
});

describe('bad input: one line, exit 2, nothing run or written', () => {
  test.each([
    [{ adapter: 'test/support/qaPlants/nope.ts' }, /adapter test\/support\/qaPlants\/nope.ts: no such file/],
    [{ adapter: 'ftp://127.0.0.1/' }, /expected an http:\/\/ or https:\/\/ URL/],
    [{ adapter: 'builtin', plans: '/nonexistent/plans' }, /--plans \/nonexistent\/plans: no such directory/],
    [{ adapter: 'builtin', case: 'order-9999' }, /--case order-9999: no case matches/],
    [{ adapter: 'builtin', random: '0' }, /--random 0: expected an integer/],
    [{}, /--adapter .* is required/],
  ] as [CheckFlags, RegExp][])('%o', async (flags, message) => {
    const junit = join(plans.dir, 'bad.xml');
    const run = await check({ ...flags, junit });
    expect(run.code).toBe(2);
    expect(run.err).toEqual([expect.stringMatching(message)]);
    expect(existsSync(junit)).toBe(false);
  });

  test('--junit over a file marketsim did not write is refused before any case runs; over its own report it is replaced', async () => {
    const notOurs = join(plans.dir, 'notes.xml');
    writeFileSync(notOurs, '<notes>mine</notes>\n');
    const refused = await check({ adapter: 'builtin', machine: 'product', junit: notOurs });
    expect(refused.code).toBe(2);
    expect(refused.out).toEqual([]);
    expect(refused.err).toEqual([expect.stringMatching(/--junit .*notes\.xml: is a file marketsim did not write/)]);
    expect(readFileSync(notOurs, 'utf8')).toBe('<notes>mine</notes>\n');
    const ours = join(plans.dir, 'ours.xml');
    expect((await check({ adapter: 'builtin', machine: 'product', junit: ours })).code).toBe(0);
    expect((await check({ adapter: 'test/support/qaPlants/unstableCreateKey.ts', machine: 'order', junit: ours })).code).toBe(1);
    expect(readJunit(readFileSync(ours, 'utf8')).failures).toBeGreaterThan(0);
  });

  test('a module without the three functions, and a URL where nothing listens', async () => {
    const module = join(plans.dir, 'empty.mjs');
    writeFileSync(module, 'export const reset = () => {};\n');
    const run = await check({ adapter: module });
    expect([run.code, run.err]).toEqual([2, [`marketsim check: adapter ${module}: exports no execute, observe function`]]);
    const served = await serveSystem(builtinSystem());
    await served.stop();
    const gone = await check({ adapter: served.url, timeoutMs: '2000' });
    expect(gone.code).toBe(2);
    expect(gone.err).toEqual([expect.stringMatching(new RegExp(`adapter ${served.url}: no reply to GET /`))]);
  });
});

describe('the real command line', () => {
  test('a failure\'s printed replay command, run as printed, exits 1 and names the case', async () => {
    const run = await check({ adapter: 'test/support/qaPlants/dropsRefundLedger.ts', machine: 'order' });
    const replay = run.text.split('\n').find((line) => line.startsWith('replay: '))!;
    const args = replay.replace(/^replay: marketsim /, '').split(' ');
    const cli = marketsim(args);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`FAIL ${args.at(-1)} "`);
    expect(cli.stdout).toMatch(/^1 cases: 0 passed, 1 failed/m);
  });
});
