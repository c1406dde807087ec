// `marketsim tests`: boundary helpers, coverage and findings, determinism, the CSV sheet, the CLI's
// bad input and --min-coverage, and the adapter runner against a hand-written system with and without a bug.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createMachine } from 'xstate';
import { dateBoundaries, dayBoundaries, equalityBoundaries, minimumBoundaries, rangeBoundaries, textOfLength, windowBoundaries } from '../machines/boundaries.js';
import type { MachineModel } from '../machines/models.js';
import { productModel } from '../machines/productMachine.model.js';
import { PROFILES } from '../machines/rules.js';
import { testsCommand } from '../cli/testsCommand.js';
import { replayPlans } from '../reports/testplans/adapter.js';
import { coverageReport } from '../reports/testplans/coverage.js';
import { renderFiles } from '../reports/testplans/formats.js';
import { generateMachinePlan } from '../reports/testplans/generate.js';
import { caseRow, neutralise } from '../reports/testplans/sheet.js';
import { ProductLifecycle } from './support/fixtures/productLifecycle.js';
import { lifecycleAdapter } from './support/fixtures/productLifecycleAdapter.js';
import { BuggyProductLifecycle } from './support/fixtures/productLifecycleBuggy.js';

const DAY = 86_400_000;
const product = productModel as unknown as MachineModel;
const productPlan = generateMachinePlan(product, { strategy: 'shortest' });

/** A toy machine: `ghost` has no way in; `b` leaves by itself (eventless) once entered with a flag. */
const toyMachine = createMachine({
  id: 'toy',
  initial: 'a',
  states: {
    a: { on: { go: 'b', jump: 'c' } },
    b: { always: { target: 'c' } },
    c: { type: 'final' },
    ghost: { on: { go: 'c' } },
  },
});
function toyModel(unreachable?: Record<string, string>): MachineModel {
  return {
    name: 'toy',
    machine: toyMachine,
    rules: ['TOY-1'],
    variants: [{ name: 'only', profile: 'koogallery', input: undefined }],
    events: () => [{ type: 'go' }, { type: 'jump' }],
    serialize: (s) => JSON.stringify(s.value),
    ...(unreachable ? { unreachable } : {}),
  };
}

function silentIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('boundary values from the rules parameters (machines/boundaries.ts)', () => {
  test('SUP-5 acceptance window: 10 days minus one second, and 10 days', () => {
    expect(windowBoundaries(PROFILES.koogallery.hardwareAutoAcceptDelayMs).map((b) => b.value)).toEqual([10 * DAY - 1000, 10 * DAY]);
  });
  test('REF-1 refund on day 5 (inside) and day 6 (outside) of the 5-day window', () => {
    const [day5, day6] = dayBoundaries(PROFILES.tencent.noReasonRefundWindowMs);
    expect(day5.value).toBeGreaterThan(4 * DAY);
    expect(day5.value).toBeLessThan(5 * DAY);
    expect(day6.value).toBeGreaterThan(5 * DAY);
    expect(day6.value).toBeLessThan(6 * DAY);
  });
  test('SUP-4 cutover: orders on 2024-09-13 and 2024-09-15 (UTC+8)', () => {
    const local = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(dateBoundaries(PROFILES.koogallery.licenseAuthCodeNewFlowFrom).map((b) => local(b.value))).toEqual(['2024-09-13', '2024-09-15']);
  });
  test('SUP-5 phone equal and different; DEL-3 minimum reason length and review range', () => {
    const [same, other] = equalityBoundaries('13800000009');
    expect(same.value).toBe('13800000009');
    expect(other.value).not.toBe('13800000009');
    expect(other.value).toHaveLength(11);
    expect(minimumBoundaries(10).map((b) => b.value)).toEqual([9, 10]);
    expect(rangeBoundaries(1, 3).map((b) => b.value)).toEqual([1, 3]);
    expect(textOfLength(9)).toHaveLength(9);
  });
});

describe('generated plans and coverage', () => {
  test('product, shortest: every state, transition and PUB/HIDE/DEL rule is covered, no findings', () => {
    const { coverage } = productPlan;
    expect(coverage.findings).toEqual([]);
    expect([coverage.states.percent, coverage.transitions.percent, coverage.rules.percent]).toEqual([100, 100, 100]);
    expect(coverage.rulesExercised).toEqual(expect.arrayContaining([...product.rules]));
  });

  test('DEL-3 boundary: a reason one short of the minimum is rejected at review, the minimum is approved', () => {
    const boundary = productPlan.cases.filter((c) => c.kind === 'boundary' && c.preconditions.variant === 'tencent-saas');
    const short = boundary.find((c) => c.title.includes('9 (one below the minimum 10)'))!;
    const enough = boundary.find((c) => c.title.includes('10 (the minimum) characters'))!;
    expect(short.finalExpectation.state).toBe('listed.change.idle,listed.delisting.none');
    expect(enough.finalExpectation.state).toBe('delisted');
    expect(enough.steps.at(-2)!.event).toMatchObject({ type: 'requestDelisting', reason: textOfLength(10) });
  });

  test('PUB-2 refusal: listing a draft is a refused step that names PUB-2 and leaves the draft as is', () => {
    const refusal = productPlan.cases.find((c) => c.kind === 'refusal' && c.steps.at(-1)!.event.type === 'list' && c.initialState === 'draft' && c.steps.length === 1)!;
    expect(refusal.steps[0]).toMatchObject({ accepted: false, expectedState: 'draft', rules: ['PUB-2'] });
  });

  test('an unreachable state and its edge are findings: with the model\'s reason they are excluded, without it they count', () => {
    const documented = generateMachinePlan(toyModel({ 'toy.ghost': 'kept for the example' }), { strategy: 'shortest' }).coverage;
    expect(documented.findings.filter((f) => f.kind !== 'rule')).toEqual([
      { kind: 'state', id: 'toy.ghost', reason: 'kept for the example', byDesign: true },
      { kind: 'transition', id: 'toy.ghost|go|toy.c', reason: 'kept for the example', byDesign: true },
    ]);
    expect(documented.states).toEqual({ covered: 3, total: 4, excluded: 1, percent: 100 });
    const undocumented = generateMachinePlan(toyModel(), { strategy: 'shortest' }).coverage;
    expect(undocumented.states.percent).toBe(75);
    expect(undocumented.findings.find((f) => f.id === 'toy.ghost')!.byDesign).toBe(false);
    expect(undocumented.findings).toContainEqual(expect.objectContaining({ kind: 'rule', id: 'TOY-1', byDesign: false }));
  });

  test('an eventless (always) transition counts as taken when a step passes through it', () => {
    const coverage = generateMachinePlan(toyModel({ 'toy.ghost': 'x' }), { strategy: 'shortest' }).coverage;
    expect(coverage.findings.map((f) => f.id)).not.toContain('toy.b|always|toy.c');
    expect(coverage.transitions).toMatchObject({ covered: 3, total: 4 });
  });

  test('generation is deterministic: same machine and options give identical files, in every format', () => {
    const again = generateMachinePlan(product, { strategy: 'shortest' });
    for (const format of ['json', 'csv', 'vitest'] as const) {
      const options = { format, lang: 'zh' as const, repoFromOut: '../..' };
      const first = renderFiles([productPlan], coverageReport([productPlan], 'shortest'), options);
      const second = renderFiles([again], coverageReport([again], 'shortest'), options);
      expect([...second]).toEqual([...first]);
    }
  });
});

describe('the QA sheet (CSV)', () => {
  test('one case per row: steps numbered in one cell, the final state as expected result', () => {
    const testCase = productPlan.cases.find((c) => c.steps.length >= 3)!;
    const [id, title, pre, steps, expected] = caseRow(testCase, 'en');
    expect([id, title]).toEqual([testCase.id, testCase.title]);
    expect(pre).toContain(`variant: ${testCase.preconditions.variant}`);
    expect(steps!.split('\n').map((line) => line.split('.')[0])).toEqual(testCase.steps.map((s) => String(s.n)));
    expect(expected).toContain(testCase.finalExpectation.state);
  });
  test('Chinese headers, and formula-like cells are neutralised', () => {
    const csv = renderFiles([productPlan], coverageReport([productPlan], 'shortest'), { format: 'csv', lang: 'zh', repoFromOut: '.' }).get('product.csv')!;
    expect(csv.split('\r\n')[0]).toBe('用例编号,标题,前置条件,操作步骤,预期结果');
    expect([neutralise('=HYPERLINK("x")'), neutralise('@cmd'), neutralise('-x'), neutralise('-5'), neutralise('+3.5'), neutralise('ok')]).toEqual([
      `'=HYPERLINK("x")`, "'@cmd", "'-x", '-5', '+3.5', 'ok',
    ]);
  });
});

describe('marketsim tests (CLI)', () => {
  test('bad input: one line, exit 2, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mt-'));
    for (const flags of [{ machine: 'nope' }, { strategy: 'longest' }, { format: 'xml' }, { maxDepth: '0' }, { minCoverage: '101' }, { profile: 'aws' }]) {
      const { io, err } = silentIo();
      expect(testsCommand({ ...flags, out: join(dir, 'out') }, io, [product])).toBe(2);
      expect(err).toHaveLength(1);
      expect(existsSync(join(dir, 'out'))).toBe(false);
    }
    rmSync(dir, { recursive: true });
  });
  test('--min-coverage exits 1 below the threshold and 0 at it; same options give byte-identical files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mt-'));
    expect(testsCommand({ out: join(dir, 'toy'), minCoverage: '80' }, silentIo().io, [toyModel()])).toBe(1);
    expect(testsCommand({ out: join(dir, 'a'), minCoverage: '100', format: 'csv' }, silentIo().io, [product])).toBe(0);
    expect(testsCommand({ out: join(dir, 'b'), minCoverage: '100', format: 'csv' }, silentIo().io, [product])).toBe(0);
    for (const file of readdirSync(join(dir, 'a'))) expect(readFileSync(join(dir, 'b', file))).toEqual(readFileSync(join(dir, 'a', file)));
    rmSync(dir, { recursive: true });
  });
});

describe('adapters: the plans run against a hand-written product lifecycle (test/fixtures)', () => {
  test('the correct implementation passes every KooGallery case', async () => {
    const summary = await replayPlans(lifecycleAdapter((...a) => new ProductLifecycle(...a)), productPlan.cases);
    expect(summary.failures.map((f) => f.message)).toEqual([]);
    expect(summary.passed).toBeGreaterThan(50);
    expect(summary.skipped).toBeGreaterThan(0); // tencent variants
  });
  test('the planted bug (delisting a spec discontinues the product) is caught, naming step, expected and observed', async () => {
    const summary = await replayPlans(lifecycleAdapter((...a) => new BuggyProductLifecycle(...a)), productPlan.cases);
    expect(summary.failures.length).toBeGreaterThan(0);
    const first = summary.failures[0]!;
    expect(first.event).toMatchObject({ type: 'delist', spec: 's1' });
    // Listed, with or without a modification under review (HIDE-1 makes hiding one).
    expect(first.expected).toMatch(/^listed\.change\.(idle|pendingReview),listed\.delisting\.none$/);
    expect(first.observed).toBe('discontinued');
    expect(first.message).toContain(`case ${first.caseId}`);
    expect(first.message).toContain(`step ${first.step} (delist by seller)`);
    expect(first.message).toContain(`expected state "${first.expected}", observed "discontinued"`);
  });
});
