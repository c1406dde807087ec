// The interface a system under test implements to run generated plans, and the runner that replays plans
// through any such adapter, stopping each case at its first mismatch (named by case, step, expected, observed).
import type { PlanEvent, Preconditions, TestCase } from './plan.js';

/**
 * A system under test, seen through three operations. Implement it over an HTTP API, a database, a
 * hand-written model — anything that holds one subject (a product, an order…) at a time.
 *
 * States are compared in the plan's notation: leaf state paths joined by commas, e.g. "draft" or
 * "listed.change.idle,listed.delisting.none" (a parallel state lists each region's leaf).
 */
export interface SystemAdapter {
  /** Whether this system can run cases under these preconditions (e.g. only one platform); others are skipped. */
  supports?(preconditions: Preconditions): boolean;
  /** Start a fresh subject under the case's preconditions (profile, variant, rules overrides). */
  reset(preconditions: Preconditions): void | Promise<void>;
  /**
   * Offer one event with its payload. A refusal is not an error: the observed state is what the plan checks.
   * Timer events ("xstate.after.<delay>.<state>") mean "let that delay elapse".
   */
  execute(event: PlanEvent): void | Promise<void>;
  /** The subject's current state in the plan's notation. */
  observe(): string | Promise<string>;
}

export interface Mismatch {
  readonly caseId: string;
  readonly title: string;
  /** 0 = the initial state, before any step. */
  readonly step: number;
  readonly event?: PlanEvent;
  readonly expected: string;
  readonly observed: string;
  readonly message: string;
}

export type CaseResult = { readonly status: 'passed' | 'skipped'; readonly caseId: string } | { readonly status: 'failed'; readonly caseId: string; readonly mismatch: Mismatch };

function mismatch(testCase: TestCase, step: number, expected: string, observed: string, event?: PlanEvent): Mismatch {
  const where = event ? `step ${step} (${event.type}${typeof event.by === 'string' ? ` by ${event.by}` : ''})` : 'initial state';
  const message = `case ${testCase.id} "${testCase.title}", ${where}: expected state "${expected}", observed "${observed}"`;
  return { caseId: testCase.id, title: testCase.title, step, ...(event ? { event } : {}), expected, observed, message };
}

/** Replays one case; the first step whose observed state differs from the expected one fails it. */
export async function replayCase(adapter: SystemAdapter, testCase: TestCase): Promise<CaseResult> {
  if (adapter.supports && !adapter.supports(testCase.preconditions)) return { status: 'skipped', caseId: testCase.id };
  await adapter.reset(testCase.preconditions);
  const initial = await adapter.observe();
  if (initial !== testCase.initialState) {
    return { status: 'failed', caseId: testCase.id, mismatch: mismatch(testCase, 0, testCase.initialState, initial) };
  }
  for (const step of testCase.steps) {
    await adapter.execute(step.event);
    const observed = await adapter.observe();
    if (observed !== step.expectedState) {
      return { status: 'failed', caseId: testCase.id, mismatch: mismatch(testCase, step.n, step.expectedState, observed, step.event) };
    }
  }
  return { status: 'passed', caseId: testCase.id };
}

export interface ReplaySummary {
  readonly passed: number;
  readonly skipped: number;
  readonly failures: readonly Mismatch[];
}

/** Replays every case in order (one subject at a time, so adapters need no concurrency). */
export async function replayPlans(adapter: SystemAdapter, cases: readonly TestCase[]): Promise<ReplaySummary> {
  let passed = 0;
  let skipped = 0;
  const failures: Mismatch[] = [];
  for (const testCase of cases) {
    const result = await replayCase(adapter, testCase);
    if (result.status === 'failed') failures.push(result.mismatch);
    else if (result.status === 'passed') passed++;
    else skipped++;
  }
  return { passed, skipped, failures };
}
