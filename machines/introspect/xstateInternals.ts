// The one place that reads XState's private shapes: a snapshot's active node list (`_nodes`), its history value,
// a machine's resolved state nodes and implementations, and the object xstate's cloneMachineSnapshot makes.
// Written against xstate 5.33.3 exactly: package.json pins that version, and test/xstateInternals.test.ts compares
// every shape read here with what the installed xstate really makes, so an upgrade that moves them fails loudly
// instead of stepping machines wrongly.
import type { AnyMachineSnapshot, AnyStateMachine, AnyStateNode, StateValue } from 'xstate';

/** The xstate version these shapes were read from (package.json pins it). */
export const XSTATE_VERSION = '5.33.3';

/** The parts of xstate's StateNode read by the fast path and the test plans. */
export interface XNode {
  readonly id: string;
  readonly key: string;
  readonly type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  readonly order: number;
  readonly parent?: XNode;
  readonly states: Record<string, XNode>;
  readonly config: Record<string, unknown>;
  readonly entry: readonly unknown[];
  readonly exit: readonly unknown[];
  readonly transitions: Map<string, readonly XTransition[]>;
  readonly always?: readonly XTransition[];
  readonly initial: { readonly target: readonly XNode[]; readonly actions: readonly unknown[] };
  readonly invoke: readonly unknown[];
  readonly output?: unknown;
  readonly tags: readonly string[];
}

export interface XTransition {
  readonly source: XNode;
  readonly target?: readonly XNode[];
  readonly reenter: boolean;
  readonly guard?: unknown;
  readonly actions: readonly unknown[];
  readonly meta?: { readonly rules?: readonly string[] };
  readonly eventType: string;
}

/** A machine's named guards, actions and delays as `setup()` registered them. */
export interface XImplementations {
  readonly guards: Record<string, unknown>;
  readonly actions: Record<string, unknown>;
  readonly delays: Record<string, unknown>;
}

/** The active state nodes of a snapshot, in xstate's own order (the insertion order of its node set). */
export function activeNodes(snapshot: AnyMachineSnapshot): readonly XNode[] {
  return (snapshot as unknown as { _nodes: readonly XNode[] })._nodes;
}

/** The same list as xstate's own StateNode type, for code that hands the nodes back to xstate's public API. */
export function activeStateNodes(snapshot: AnyMachineSnapshot): readonly AnyStateNode[] {
  return (snapshot as unknown as { _nodes: readonly AnyStateNode[] })._nodes;
}

export function historyValueOf(snapshot: AnyMachineSnapshot): unknown {
  return (snapshot as unknown as { historyValue?: unknown }).historyValue;
}

export function rootNodeOf(machine: AnyStateMachine): XNode {
  return machine.root as unknown as XNode;
}

export function implementationsOf(machine: AnyStateMachine): XImplementations {
  const impl = machine.implementations as unknown as Partial<Record<keyof XImplementations, Record<string, unknown>>>;
  return { guards: impl.guards ?? {}, actions: impl.actions ?? {}, delays: impl.delays ?? {} };
}

/** xstate's machine.resolveState: a snapshot of the machine in `value` (used only for its methods). */
export function resolveStateOf(machine: AnyStateMachine, value: StateValue, context: unknown): AnyMachineSnapshot {
  const resolve = (machine as unknown as { resolveState(c: { value: StateValue; context: unknown }): AnyMachineSnapshot }).resolveState;
  return resolve.call(machine, { value, context });
}

/** The parts of a snapshot that vary; the methods come from a snapshot xstate made itself. */
export interface SnapshotParts {
  readonly status: AnyMachineSnapshot['status'];
  readonly output: unknown;
  readonly error: unknown;
  readonly machine: AnyStateMachine;
  readonly context: unknown;
  readonly nodes: readonly XNode[];
  readonly value: StateValue;
  readonly tags: ReadonlySet<string>;
  readonly children: AnyMachineSnapshot['children'];
  readonly historyValue: unknown;
}

/** The object xstate's createMachineSnapshot / cloneMachineSnapshot makes: same keys, same methods. */
export type SnapshotMethods = Pick<AnyMachineSnapshot, 'matches' | 'hasTag' | 'can' | 'getMeta' | 'toJSON'>;

export function snapshotFrom(parts: SnapshotParts, methods: SnapshotMethods): AnyMachineSnapshot {
  return {
    status: parts.status,
    output: parts.output,
    error: parts.error,
    machine: parts.machine,
    context: parts.context,
    _nodes: parts.nodes,
    value: parts.value,
    tags: parts.tags,
    children: parts.children,
    historyValue: parts.historyValue,
    matches: methods.matches,
    hasTag: methods.hasTag,
    can: methods.can,
    getMeta: methods.getMeta,
    toJSON: methods.toJSON,
  } as unknown as AnyMachineSnapshot;
}

