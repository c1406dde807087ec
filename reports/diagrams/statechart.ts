// A machine definition as a statechart to draw: its state tree (compound, parallel, final) and every transition
// with its event, guard, timer and rule IDs. Walked from XState's public StateNode tree (root.states, transitions,
// always), never written by hand, so a diagram cannot drift from the machine it shows. Pure.
import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';

export type StateKind = 'atomic' | 'compound' | 'parallel' | 'final' | 'history';

export interface ChartState {
  /** XState's state id, e.g. "product.listed.change.idle" (the root's is the machine id). */
  readonly id: string;
  readonly key: string;
  readonly kind: StateKind;
  /** The child entered first (compound states). */
  readonly initial?: string;
  readonly children: readonly ChartState[];
}

export interface ChartTransition {
  readonly source: string;
  /** Target state ids; empty for a transition that stays where it is (an internal, targetless transition). */
  readonly targets: readonly string[];
  /** The event as a reader names it: the event type, `after <delay>` for a timer, `always` for an eventless one. */
  readonly event: string;
  /** XState's own event type (`xstate.after.<delay>.<state id>` for a timer, "" for an eventless transition). */
  readonly eventType: string;
  /** The named guard, composed guards written with ∧ ∨ ¬. */
  readonly guard?: string;
  /** The named delay of a timer (rules parameters give its length). */
  readonly delay?: string;
  readonly rules: readonly string[];
}

export interface Statechart {
  readonly machine: string;
  readonly root: ChartState;
  /** In document order: state by state (depth first), each state's transitions in the order XState checks them. */
  readonly transitions: readonly ChartTransition[];
}

const AFTER_PREFIX = 'xstate.after.';

function stateOf(node: AnyStateNode): ChartState {
  const initial = node.type === 'compound' ? node.initial?.target?.[0]?.id : undefined;
  return {
    id: node.id,
    key: node.key,
    kind: node.type,
    ...(initial !== undefined ? { initial } : {}),
    children: Object.values(node.states as Record<string, AnyStateNode>).map(stateOf),
  };
}

/** A guard as written in the machine: a name, `{ type }`, or and/or/not of guards (XState's helpers keep `.guards`). */
export function guardText(guard: unknown): string | undefined {
  if (guard === undefined || guard === null) return undefined;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && 'type' in guard && typeof guard.type === 'string') return guard.type;
  if (typeof guard === 'function') {
    const parts = ((guard as { guards?: unknown[] }).guards ?? []).map((g) => guardText(g) ?? '?');
    if (guard.name === 'and') return parts.join(' ∧ ');
    if (guard.name === 'or') return `(${parts.join(' ∨ ')})`;
    if (guard.name === 'not') return `¬${parts[0] ?? '?'}`;
    if (guard.name === 'stateIn') return `in(${JSON.stringify((guard as { stateValue?: unknown }).stateValue)})`;
    return guard.name || 'inline guard';
  }
  return 'inline guard';
}

function transitionOf(t: AnyTransitionDefinition, eventType: string): ChartTransition {
  const delay = (t as { delay?: unknown }).delay;
  const delayName = delay === undefined ? undefined : typeof delay === 'number' ? `${delay} ms` : String(delay);
  const event = eventType === '' ? 'always' : eventType.startsWith(AFTER_PREFIX) && delayName !== undefined ? `after ${delayName}` : eventType;
  const meta = (t as { meta?: { rules?: unknown } }).meta;
  const rules = Array.isArray(meta?.rules) ? meta.rules.filter((r): r is string => typeof r === 'string') : [];
  const guard = guardText(t.guard);
  return {
    source: t.source.id,
    targets: (t.target ?? []).map((node: AnyStateNode) => node.id),
    event,
    eventType,
    ...(guard !== undefined ? { guard } : {}),
    ...(delayName !== undefined ? { delay: delayName } : {}),
    rules,
  };
}

function transitionsOf(node: AnyStateNode): ChartTransition[] {
  const own: ChartTransition[] = [];
  for (const [eventType, list] of node.transitions as Map<string, AnyTransitionDefinition[]>) for (const t of list) own.push(transitionOf(t, eventType));
  for (const t of node.always ?? []) own.push(transitionOf(t, ''));
  return [...own, ...Object.values(node.states as Record<string, AnyStateNode>).flatMap(transitionsOf)];
}

export function statechart(name: string, machine: AnyStateMachine): Statechart {
  return { machine: name, root: stateOf(machine.root), transitions: transitionsOf(machine.root) };
}

/** Every state of the tree, depth first, root first. */
export function allStates(state: ChartState): ChartState[] {
  return [state, ...state.children.flatMap(allStates)];
}

/** The text on a transition's arrow: event, [guard], and the rule IDs it enforces. */
export function transitionLabel(t: ChartTransition): string {
  return [t.event, t.guard !== undefined ? `[${t.guard}]` : '', t.rules.length > 0 ? t.rules.join(' ') : ''].filter(Boolean).join(' ');
}
