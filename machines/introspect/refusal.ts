// Which rule refused an event, read off the machine itself: the `meta.rules` of the transitions the event
// could have taken, plus the `refuses` / `refusedBy` metadata of the active states.
import type { AnyEventObject, AnyMachineSnapshot, AnyTransitionDefinition } from 'xstate';
import { getNextTransitions } from 'xstate';
import { stateString } from './stateText.js';

import type { Refusal } from '../domain.js';

export type { Refusal };

interface RuleMeta {
  readonly rules?: readonly string[];
}

interface StateRefusalMeta {
  /** Rules that refuse the named events in this state. */
  readonly refuses?: Readonly<Record<string, readonly string[]>>;
  /** Rules that refuse every event in this state (final states). */
  readonly refusedBy?: readonly string[];
}

function unique(ids: Iterable<string>): string[] {
  return [...new Set(ids)];
}

function rulesOf(transitions: readonly AnyTransitionDefinition[]): string[] {
  return unique(transitions.flatMap((t) => (t.meta as RuleMeta | undefined)?.rules ?? []));
}

/** Rules named by the transitions an event enables (what an accepted event exercised). */
export function enabledRules(snapshot: AnyMachineSnapshot, event: AnyEventObject): string[] {
  return rulesOf(snapshot.machine.getTransitionData(snapshot, event));
}

/**
 * The generic refusal reads only the configuration (state metadata, the transitions leaving it, whether it is
 * final) and the event type, never the context: computed once per (machine, status, state, event type).
 */
export function explainRefusal(snapshot: AnyMachineSnapshot, event: AnyEventObject): Refusal {
  let byKey = REFUSALS.get(snapshot.machine);
  if (!byKey) {
    byKey = new Map();
    REFUSALS.set(snapshot.machine, byKey);
  }
  const key = `${snapshot.status}|${stateString(snapshot.value)}|${event.type}`;
  let refusal = byKey.get(key);
  if (!refusal) {
    refusal = Object.freeze(computeRefusal(snapshot, event));
    byKey.set(key, refusal);
  }
  return refusal;
}

const REFUSALS = new WeakMap<object, Map<string, Refusal>>();

function computeRefusal(snapshot: AnyMachineSnapshot, event: AnyEventObject): Refusal {
  const state = stateString(snapshot.value);
  const stateMeta = Object.values(snapshot.getMeta() as Record<string, StateRefusalMeta>);
  const fromStates = stateMeta.flatMap((meta) => [...(meta.refuses?.[event.type] ?? []), ...(meta.refusedBy ?? [])]);
  const candidates = getNextTransitions(snapshot).filter((t) => t.eventType === event.type);
  const rules = Object.freeze(unique([...fromStates, ...rulesOf(candidates)]));
  const reason =
    snapshot.status === 'done'
      ? `${event.type} refused: ${state} is final`
      : candidates.length > 0
        ? `${event.type} refused in ${state}: its conditions do not hold`
        : `${event.type} is not accepted in ${state}`;
  return { rules, reason };
}
