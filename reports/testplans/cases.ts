// Turns a walk through a machine into a test case: numbered steps with the expected state, whether the rules
// accept the event, the rule IDs exercised and the definition edges taken; preconditions from the variant.
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { transition } from 'xstate';
import type { MachineVariant } from '../../machines/models.js';
import { PROFILES } from '../../machines/rules.js';
import { enabledRules, explainRefusal } from '../../machines/introspect/refusal.js';
import { stateString } from '../../machines/introspect/stateText.js';
import { activeNodes } from '../../machines/introspect/xstateInternals.js';
import { edgesTaken, nodesVisited } from './edges.js';
import type { Move } from './explore.js';
import type { CaseKind, PlanEvent, Preconditions, TestCase, TestStep } from './plan.js';
import { shortTime, stepEffects, timerEvent } from './stepFacts.js';
import { eventLabel } from './text.js';

/** A case plus what coverage needs: the state nodes its steps were in and the edges they took. */
export interface GeneratedCase {
  readonly testCase: TestCase;
  readonly nodes: ReadonlySet<string>;
  readonly edges: ReadonlySet<string>;
}

/** Rules parameters of the variant that differ from its profile's defaults. */
function rulesOverrides(variant: MachineVariant<AnyStateMachine>): Record<string, unknown> {
  const params = (variant.input as { params?: Record<string, unknown> } | undefined)?.params;
  if (!params || typeof params !== 'object') return {};
  const defaults = PROFILES[variant.profile] as unknown as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(params)
      .sort()
      .filter((key) => JSON.stringify(params[key]) !== JSON.stringify(defaults[key]))
      .map((key) => [key, params[key]]),
  );
}

/** Where a case's clock starts when none of its events is stamped: 2024-01-01 00:00 UTC+8. */
export const DEFAULT_CLOCK = Date.UTC(2023, 11, 31, 16, 0, 0);

/** The variant's input as JSON data, without its rules parameters (those are the profile plus rulesOverrides). */
function subjectOf(variant: MachineVariant<AnyStateMachine>): Record<string, unknown> {
  const input = (variant.input ?? {}) as Record<string, unknown>;
  const { params: _params, ...subject } = input;
  return JSON.parse(JSON.stringify(subject)) as Record<string, unknown>;
}

export function preconditionsOf(variant: MachineVariant<AnyStateMachine>, clock = DEFAULT_CLOCK): Preconditions {
  return {
    profile: variant.profile,
    variant: variant.name,
    facts: variant.facts ?? {},
    rulesOverrides: rulesOverrides(variant),
    subject: subjectOf(variant),
    clock: { at: clock, text: shortTime(clock) },
  };
}

const stampOf = (event: { readonly type: string }): number | undefined => {
  const at = (event as { readonly at?: unknown }).at;
  return typeof at === 'number' ? at : undefined;
};

/** The first stamped event's time: the instant the case starts at. */
export function caseClock(events: readonly { readonly type: string }[]): number {
  for (const event of events) {
    const at = stampOf(event);
    if (at !== undefined) return at;
  }
  return DEFAULT_CLOCK;
}

/** The event as plain JSON data (what a plan file and an adapter see); timers as named, dated timer events. */
function planEvent(move: Move, clock: number): PlanEvent {
  return timerEvent(move.before, move.event, clock) ?? (JSON.parse(JSON.stringify(move.event)) as PlanEvent);
}

/** One step of a walk as the plan states it; `clock` is the latest instant before it (timers are due from it). */
export function stepOf(move: Move, n: number, clock: number): { step: TestStep; edges: string[] } {
  const edges = edgesTaken(move.before, move.event);
  const accepted = edges.length > 0;
  const rules = accepted ? enabledRules(move.before, move.event) : explainRefusal(move.before, move.event).rules;
  const event = planEvent(move, clock);
  const label = event.type === 'timer' ? `${String(event.timer)} timer fires: ${shortTime(event.at as number)}` : eventLabel(event);
  const step: TestStep = {
    n,
    event,
    label,
    accepted,
    expectedState: stateString(move.after.value),
    rules: [...rules],
    transitions: edges,
    effects: accepted ? stepEffects(move.before, move.event) : [],
  };
  return { step, edges };
}

/** The clock after a step: its stamp (a timer's due time) when later than the clock. */
export function advance(clock: number, event: PlanEvent): number {
  const at = stampOf(event);
  return at !== undefined && at > clock ? at : clock;
}

export interface CaseSpec {
  readonly id: string;
  readonly title: string;
  readonly kind: CaseKind;
  readonly machine: AnyStateMachine;
  readonly machineName: string;
  readonly variant: MachineVariant<AnyStateMachine>;
  readonly initial: AnyMachineSnapshot;
  readonly moves: readonly Move[];
}

/**
 * The walk re-run from the initial snapshot. The exploration's moves start from each abstract state's first
 * representative, whose uncounted context (e.g. how many update calls went out) can differ from the snapshot this
 * walk really reaches; the plan states what the walk does, so every step is recomputed from the real predecessor.
 */
function concreteMoves(initial: AnyMachineSnapshot, moves: readonly Move[]): Move[] {
  const result: Move[] = [];
  let before = initial;
  for (const move of moves) {
    const after = transition(before.machine, before, move.event)[0] as AnyMachineSnapshot;
    result.push({ before, event: move.event, after });
    before = after;
  }
  return result;
}

export function buildCase(spec: CaseSpec): GeneratedCase {
  const moves = concreteMoves(spec.initial, spec.moves);
  const nodes = new Set<string>(activeNodes(spec.initial).map((n) => n.id));
  const edges = new Set<string>();
  const start = caseClock(moves.map((m) => m.event));
  let clock = start;
  const steps = moves.map((move, i) => {
    const built = stepOf(move, i + 1, clock);
    clock = advance(clock, built.step.event);
    for (const edge of built.edges) edges.add(edge);
    for (const id of nodesVisited(move.before, move.event, move.after)) nodes.add(id);
    return built.step;
  });
  const last = moves.at(-1)?.after ?? spec.initial;
  const testCase: TestCase = {
    id: spec.id,
    title: spec.title,
    kind: spec.kind,
    machine: spec.machineName,
    preconditions: preconditionsOf(spec.variant, start),
    initialState: stateString(spec.initial.value),
    steps,
    finalExpectation: { state: stateString(last.value), done: last.status === 'done' },
    rules: [...new Set(steps.flatMap((s) => s.rules))].sort(),
  };
  return { testCase, nodes, edges };
}
