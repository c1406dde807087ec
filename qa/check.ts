// Runs plan cases against a system under test. Every step checks three things: accepted or refused as the rules
// say, the resulting state, and the effects the rules require (merchant call with its idempotency key, ledger entry
// with its amount, notice). A case stops at its first failing step; the failure names case, step and what differed.
import { isDeepStrictEqual } from 'node:util';
import type { ExpectedEffect, TestCase, TestStep } from '../reports/testplans/plan.js';
import { EFFECT_FIELDS, expectedEffect } from '../reports/testplans/stepFacts.js';
import { issuesText, observationSchema, stepReplySchema, type CaseSetup, type ObservedEffect, type SystemUnderTest } from './system.js';

export interface StepFailure {
  /** 0 = the initial state, before any step. */
  readonly step: number;
  readonly label: string;
  /** Each thing that differed, e.g. `accepted: expected refused, observed accepted`. */
  readonly problems: readonly string[];
}

export type CaseStatus = 'passed' | 'failed' | 'skipped';

export interface CaseOutcome {
  readonly caseId: string;
  readonly title: string;
  readonly machine: string;
  readonly rules: readonly string[];
  readonly status: CaseStatus;
  readonly failure?: StepFailure;
  readonly ms: number;
}

const text = (value: unknown): string => JSON.stringify(value);

/** The effect's type and the fields the rules fix (an observed effect's other fields are not compared, so not shown). */
function effectText(effect: ExpectedEffect | ObservedEffect): string {
  const { type, ...fields } = expectedEffect(effect.type, effect);
  return `${type}${Object.keys(fields).length > 0 ? ` ${text(fields)}` : ''}`;
}

const matches = (expected: ExpectedEffect, observed: ObservedEffect): boolean =>
  expected.type === observed.type && Object.entries(expected).every(([key, value]) => isDeepStrictEqual(observed[key], value));

/**
 * Expected effects each need their own matching observed effect; observed effects of a type the plans check
 * (EFFECT_FIELDS) that no expectation accounts for are extra (a second ledger entry is as wrong as a missing one).
 * Other types a system may report freely (its own logs, say).
 */
export function effectProblems(expected: readonly ExpectedEffect[], observed: readonly ObservedEffect[]): string[] {
  const left = [...observed];
  const missing: ExpectedEffect[] = [];
  for (const want of expected) {
    const at = left.findIndex((got) => matches(want, got));
    if (at >= 0) left.splice(at, 1);
    else missing.push(want);
  }
  const problems = missing.map((want) => {
    const sameType = left.filter((got) => got.type === want.type);
    return `effect missing: ${effectText(want)}${sameType.length > 0 ? `; observed instead ${sameType.map(effectText).join(', ')}` : ''}`;
  });
  // Same-type leftovers were shown beside what they should have been; the rest are extra.
  const named = new Set(missing.map((want) => want.type));
  for (const extra of left) if (EFFECT_FIELDS[extra.type] !== undefined && !named.has(extra.type)) problems.push(`unexpected effect: ${effectText(extra)}`);
  return problems;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function observedState(system: SystemUnderTest): Promise<{ state?: string; problem?: string }> {
  try {
    const parsed = observationSchema.safeParse(await system.observe());
    return parsed.success ? { state: parsed.data.state } : { problem: `observe replied malformed: ${issuesText(parsed.error)}` };
  } catch (error) {
    return { problem: `observe failed: ${message(error)}` };
  }
}

/** Sends one step and lists what differs from the plan (empty = the step passed). */
export async function checkStep(system: SystemUnderTest, step: TestStep): Promise<string[]> {
  let reply: unknown;
  try {
    reply = await system.execute({ n: step.n, event: step.event, label: step.label });
  } catch (error) {
    return [`execute failed: ${message(error)}`];
  }
  const parsed = stepReplySchema.safeParse(reply);
  if (!parsed.success) return [`execute replied malformed: ${issuesText(parsed.error)}`];
  const problems: string[] = [];
  if (parsed.data.accepted !== step.accepted) {
    const word = (accepted: boolean) => (accepted ? 'accepted' : 'refused');
    problems.push(`${word(step.accepted)} expected, the system ${word(parsed.data.accepted)} it${step.rules.length ? ` [${step.rules.join(', ')}]` : ''}`);
  }
  const { state, problem } = await observedState(system);
  if (problem) problems.push(problem);
  else if (state !== step.expectedState) problems.push(`state: expected "${step.expectedState}", observed "${state}"`);
  problems.push(...effectProblems(step.effects, parsed.data.effects as ObservedEffect[]));
  return problems;
}

export function setupOf(testCase: TestCase): CaseSetup {
  return { ...testCase.preconditions, machine: testCase.machine, caseId: testCase.id };
}

/** Resets the system to the case's preconditions, checks the initial state, then every step in order. */
export async function checkCase(system: SystemUnderTest, testCase: TestCase, now: () => number = performance.now.bind(performance)): Promise<CaseOutcome> {
  const started = now();
  const base = { caseId: testCase.id, title: testCase.title, machine: testCase.machine, rules: testCase.rules };
  const done = (status: CaseStatus, failure?: StepFailure): CaseOutcome => ({ ...base, status, ...(failure ? { failure } : {}), ms: now() - started });
  const setup = setupOf(testCase);
  try {
    if (system.supports && !(await system.supports(setup))) return done('skipped');
    await system.reset(setup);
  } catch (error) {
    return done('failed', { step: 0, label: 'reset', problems: [`reset failed: ${message(error)}`] });
  }
  const initial = await observedState(system);
  if (initial.problem || initial.state !== testCase.initialState) {
    const problem = initial.problem ?? `state: expected "${testCase.initialState}", observed "${initial.state}"`;
    return done('failed', { step: 0, label: 'initial state', problems: [problem] });
  }
  for (const step of testCase.steps) {
    const problems = await checkStep(system, step);
    if (problems.length > 0) return done('failed', { step: step.n, label: step.label, problems });
  }
  return done('passed');
}

export interface CheckSummary {
  readonly outcomes: readonly CaseOutcome[];
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly ms: number;
}

/** Runs the cases one after another (one subject at a time, so a system needs no concurrency). */
export async function checkCases(system: SystemUnderTest, cases: readonly TestCase[], onCase?: (outcome: CaseOutcome) => void): Promise<CheckSummary> {
  const started = performance.now();
  const outcomes: CaseOutcome[] = [];
  for (const testCase of cases) {
    const outcome = await checkCase(system, testCase);
    outcomes.push(outcome);
    onCase?.(outcome);
  }
  const count = (status: CaseStatus) => outcomes.filter((o) => o.status === status).length;
  return { outcomes, passed: count('passed'), failed: count('failed'), skipped: count('skipped'), ms: performance.now() - started };
}
