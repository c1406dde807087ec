// Turns a walk through a machine into a test case: numbered steps with the expected state, whether the rules
// accept the event, the rule IDs exercised and the definition edges taken; preconditions from the variant.
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { MachineVariant } from '../../machines/models.js';
import { PROFILES } from '../../machines/rules.js';
import { enabledRules, explainRefusal } from '../../machines/introspect/refusal.js';
import { stateString } from '../../machines/introspect/stateText.js';
import { activeNodes } from '../../machines/introspect/xstateInternals.js';
import { edgesTaken, nodesVisited } from './edges.js';
import type { Move } from './explore.js';
import type { CaseKind, PlanEvent, Preconditions, TestCase, TestStep } from './plan.js';

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

export function preconditionsOf(variant: MachineVariant<AnyStateMachine>): Preconditions {
  return { profile: variant.profile, variant: variant.name, facts: variant.facts ?? {}, rulesOverrides: rulesOverrides(variant) };
}

/** The event as plain JSON data (what a plan file and an adapter see). */
function planEvent(move: Move): PlanEvent {
  return JSON.parse(JSON.stringify(move.event)) as PlanEvent;
}

function stepOf(move: Move, n: number): { step: TestStep; edges: string[] } {
  const edges = edgesTaken(move.before, move.event);
  const accepted = edges.length > 0;
  const rules = accepted ? enabledRules(move.before, move.event) : explainRefusal(move.before, move.event).rules;
  const step: TestStep = {
    n,
    event: planEvent(move),
    accepted,
    expectedState: stateString(move.after.value),
    rules: [...rules],
    transitions: edges,
  };
  return { step, edges };
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

export function buildCase(spec: CaseSpec): GeneratedCase {
  const nodes = new Set<string>(activeNodes(spec.initial).map((n) => n.id));
  const edges = new Set<string>();
  const steps = spec.moves.map((move, i) => {
    const built = stepOf(move, i + 1);
    for (const edge of built.edges) edges.add(edge);
    for (const id of nodesVisited(move.before, move.event, move.after)) nodes.add(id);
    return built.step;
  });
  const last = spec.moves.at(-1)?.after ?? spec.initial;
  const testCase: TestCase = {
    id: spec.id,
    title: spec.title,
    kind: spec.kind,
    machine: spec.machineName,
    preconditions: preconditionsOf(spec.variant),
    initialState: stateString(spec.initial.value),
    steps,
    finalExpectation: { state: stateString(last.value), done: last.status === 'done' },
    rules: [...new Set(steps.flatMap((s) => s.rules))].sort(),
  };
  return { testCase, nodes, edges };
}
