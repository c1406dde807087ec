// The transitions of a machine definition as (source state, event type, target) edges, and which of them a step
// took. Delayed transitions appear under XState's own after-event type, eventless ones under "always".
import type { AnyEventObject, AnyMachineSnapshot, AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';
import { getMicrosteps } from 'xstate';
import { activeStateNodes } from '../../machines/introspect/xstateInternals.js';

export const ALWAYS = 'always';

/** "product.listed|delist|product.discontinued"; a targetless transition has an empty target. */
export function edgeKey(transition: AnyTransitionDefinition, eventType = transition.eventType): string {
  const target = (transition.target ?? []).map((node: AnyStateNode) => node.id).join('+');
  return `${transition.source.id}|${eventType === '' ? ALWAYS : eventType}|${target}`;
}

function nodesOf(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => nodesOf(child as AnyStateNode))];
}

/** Every state node id below the root (the root is always active, so it is not a coverage item). */
export function stateIds(machine: AnyStateMachine): string[] {
  return nodesOf(machine.root).slice(1).map((node) => node.id);
}

/** Every (source, event type, target) edge, in document order, without duplicates. */
export function transitionEdges(machine: AnyStateMachine): string[] {
  const keys = new Set<string>();
  for (const node of nodesOf(machine.root)) {
    for (const [eventType, list] of node.transitions) for (const t of list) keys.add(edgeKey(t, eventType));
    for (const t of node.always ?? []) keys.add(edgeKey(t, ''));
  }
  return [...keys];
}

/**
 * The edges one step took: the event's enabled transitions (getTransitionData), then any eventless transition
 * that fired in the following microsteps (its source was active before and its targets after).
 */
export function edgesTaken(before: AnyMachineSnapshot, event: AnyEventObject): string[] {
  const machine = before.machine as AnyStateMachine;
  const taken = machine.getTransitionData(before, event).map((t: AnyTransitionDefinition) => edgeKey(t));
  const hasAlways = nodesOf(machine.root).some((node) => (node.always ?? []).length > 0);
  if (!hasAlways || taken.length === 0) return taken;
  const snapshots = getMicrosteps(machine, before, event).map(([snapshot]) => snapshot as AnyMachineSnapshot);
  for (let i = 1; i < snapshots.length; i++) {
    const from = new Set(activeStateNodes(snapshots[i - 1]!).map((n) => n.id));
    const to = new Set(activeStateNodes(snapshots[i]!).map((n) => n.id));
    for (const node of activeStateNodes(snapshots[i - 1]!)) {
      for (const t of node.always ?? []) {
        const targets = (t.target ?? []).map((n: AnyStateNode) => n.id);
        if (from.has(t.source.id) && targets.length > 0 && targets.every((id: string) => to.has(id))) taken.push(edgeKey(t, ''));
      }
    }
  }
  return [...new Set(taken)];
}

/** State nodes a step was in: the final snapshot's, plus transient ones an eventless transition passed through. */
export function nodesVisited(before: AnyMachineSnapshot, event: AnyEventObject, after: AnyMachineSnapshot): string[] {
  const machine = before.machine as AnyStateMachine;
  const ids = activeStateNodes(after).map((node) => node.id);
  if (!nodesOf(machine.root).some((node) => (node.always ?? []).length > 0)) return ids;
  const microsteps = getMicrosteps(machine, before, event).map(([snapshot]) => snapshot as AnyMachineSnapshot);
  return [...new Set([...ids, ...microsteps.flatMap((s) => activeStateNodes(s).map((node) => node.id))])];
}
