// Compiles one XState machine, once, into tables the fast path steps: per state node its entry/exit actions and
// transitions (guard, actions, targets, rule IDs) as closures over the machine's own implementations; and the
// list of features the tables do not reproduce (then the kind is stepped by XState's `transition()`).
import type { AnyStateMachine } from 'xstate';
import { rootNodeOf, type XNode, type XTransition } from '../../../machines/introspect/xstateInternals.js';
import { Implementations, type ActionFn, type GuardFn } from './implementations.js';

export type { XNode, XTransition };

/** A transition ready to run: xstate's own definition (for domains and identity) plus compiled closures. */
export interface Transition {
  readonly def: XTransition;
  readonly source: Node;
  readonly targets: readonly Node[];
  readonly reenter: boolean;
  readonly guard: GuardFn | undefined;
  readonly actions: readonly ActionFn[];
  readonly rules: readonly string[];
}

export interface Node {
  readonly x: XNode;
  readonly index: number;
  readonly order: number;
  readonly key: string;
  readonly type: XNode['type'];
  parent: Node | undefined;
  readonly children: Node[];
  /** Children by key, as state values name them. */
  readonly byKey: Record<string, Node>;
  readonly entry: readonly ActionFn[];
  readonly exit: readonly ActionFn[];
  readonly initialActions: readonly ActionFn[];
  /** The initial child of a compound node. */
  initialChild: Node | undefined;
  readonly on: Map<string, readonly Transition[]>;
  always: readonly Transition[] | undefined;
  /** This node and its ancestors, nearest first (for eventless selection). */
  readonly selfAndAncestors: Node[];
}

export interface Tables {
  readonly machine: AnyStateMachine;
  readonly root: Node;
  /** By xstate's document order. */
  readonly nodes: readonly Node[];
  readonly hasAlways: boolean;
  /** Why this machine cannot be stepped by the tables; empty when it can. */
  readonly unsupported: readonly string[];
  /** The compiled node of one of xstate's state nodes. */
  readonly of: (x: XNode) => Node;
}

export function compileTables(machine: AnyStateMachine): Tables {
  const impl = new Implementations(machine);
  const unsupported = impl.unsupported;
  const byX = new Map<XNode, Node>();
  const nodes: Node[] = [];
  const rootX = rootNodeOf(machine);
  if (rootX.config.output !== undefined) unsupported.push('root output');
  const maxIterations = (machine.options as { maxIterations?: number } | undefined)?.maxIterations;
  if (maxIterations !== undefined && maxIterations !== Infinity) unsupported.push('maxIterations');

  const visit = (x: XNode, parent: Node | undefined): Node => {
    checkNode(x, unsupported);
    const actions = (list: readonly unknown[], what: string) => list.map((a) => impl.action(a as never, `${x.id} ${what}`));
    const node: Node = {
      x,
      index: nodes.length,
      order: x.order,
      key: x.key,
      type: x.type,
      parent,
      children: [],
      byKey: {},
      entry: actions(x.entry, 'entry'),
      exit: actions(x.exit, 'exit'),
      initialActions: x.type === 'compound' ? actions(x.initial.actions, 'initial') : [],
      initialChild: undefined,
      on: new Map(),
      always: undefined,
      selfAndAncestors: [],
    };
    nodes.push(node);
    byX.set(x, node);
    for (const child of Object.values(x.states)) {
      const compiled = visit(child, node);
      node.children.push(compiled);
      node.byKey[child.key] = compiled;
    }
    return node;
  };
  const root = visit(rootX, undefined);

  const compileTransition = (t: XTransition, where: string): Transition => ({
    def: t,
    source: byX.get(t.source)!,
    targets: (t.target ?? []).map((target) => byX.get(target)!),
    reenter: t.reenter,
    guard: t.guard === undefined ? undefined : impl.guard(t.guard, where),
    actions: t.actions.map((a) => impl.action(a as never, where)),
    rules: [...new Set(t.meta?.rules ?? [])],
  });
  let hasAlways = false;
  for (const node of nodes) {
    for (let n: Node | undefined = node; n; n = n.parent) node.selfAndAncestors.push(n);
    if (node.type === 'compound') node.initialChild = byX.get(node.x.initial.target[0]!);
    for (const [type, list] of node.x.transitions) {
      node.on.set(type, list.map((t) => compileTransition(t, `${node.x.id} on ${type}`)));
    }
    if (node.x.always) {
      hasAlways = true;
      node.always = node.x.always.map((t) => compileTransition(t, `${node.x.id} always`));
    }
  }
  nodes.sort((a, b) => a.order - b.order);
  return { machine, root, nodes, hasAlways, unsupported, of: (x) => byX.get(x)! };
}

/** Features of a state node the stepper does not reproduce; each sends the whole machine to XState. */
function checkNode(x: XNode, unsupported: string[]): void {
  const { config } = x;
  if (x.type === 'history') unsupported.push(`history state ${x.id}`);
  if (x.invoke.length > 0) unsupported.push(`invoke in ${x.id}`);
  if (config.onDone !== undefined) unsupported.push(`onDone in ${x.id}`);
  if (config.route !== undefined) unsupported.push(`route in ${x.id}`);
  if (x.type === 'final' && config.output !== undefined) unsupported.push(`final output in ${x.id}`);
  for (const descriptor of Object.keys((config.on as Record<string, unknown> | undefined) ?? {})) {
    // Wildcards and xstate's own event names would match events (done, error) the stepper does not model.
    if (descriptor.includes('*') || descriptor.startsWith('xstate.')) unsupported.push(`event descriptor "${descriptor}" in ${x.id}`);
  }
  const initial = config.initial;
  if (initial !== undefined && typeof initial !== 'string') unsupported.push(`initial transition object in ${x.id}`);
}
