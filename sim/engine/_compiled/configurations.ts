// Active-state configurations, cached by their ordered node list, and the snapshots built from them: the same
// object shape xstate's createMachineSnapshot makes (same methods, same `_nodes` order, hence the same value key
// order and getMeta order), so refusals, invariants and handlers read them exactly as XState's own.
import type { AnyMachineSnapshot, StateValue } from 'xstate';
import type { Context } from './implementations.js';
import { activeNodes, historyValueOf, snapshotFrom } from '../../../machines/introspect/xstateInternals.js';
import type { Node, Tables, XNode } from './tables.js';

export interface Configuration {
  /** Active nodes in xstate's `_nodes` order (insertion order of its node set). */
  readonly nodes: readonly Node[];
  readonly xnodes: readonly XNode[];
  readonly value: StateValue;
  readonly tags: ReadonlySet<string>;
  /** Event types some active node has a transition for. */
  readonly handles: ReadonlySet<string>;
}

type Methods = Pick<AnyMachineSnapshot, 'matches' | 'hasTag' | 'can' | 'getMeta' | 'toJSON'>;

export class Configurations {
  private readonly byKey = new Map<string, Configuration>();
  private readonly byXNodes = new WeakMap<readonly unknown[], Configuration>();
  private methods: Methods | undefined;

  constructor(private readonly tables: Tables) {}

  /** The configuration of a snapshot, whether made here or by XState. */
  of(snapshot: AnyMachineSnapshot): Configuration {
    const xnodes = activeNodes(snapshot);
    let config = this.byXNodes.get(xnodes);
    if (!config) {
      config = this.get(xnodes.map((x) => this.tables.of(x)));
      this.byXNodes.set(xnodes, config);
      this.methods ??= snapshot;
    }
    return config;
  }

  get(nodes: readonly Node[]): Configuration {
    const key = nodes.map((n) => n.index).join(',');
    let config = this.byKey.get(key);
    if (!config) {
      const xnodes = nodes.map((n) => n.x);
      const handles = new Set<string>();
      for (const n of nodes) for (const type of n.on.keys()) handles.add(type);
      config = {
        nodes: nodes.slice(),
        xnodes,
        value: stateValue(this.tables.root, nodes),
        tags: new Set(xnodes.flatMap((x) => x.tags)),
        handles,
      };
      this.byKey.set(key, config);
      this.byXNodes.set(xnodes, config);
    }
    return config;
  }

  /** Takes the snapshot methods from one of xstate's own snapshots, when no XState snapshot was seen yet. */
  methodsFrom(make: () => AnyMachineSnapshot): void {
    this.methods ??= make();
  }

  /** A snapshot like xstate's cloneMachineSnapshot(before, { context, _nodes, status }) would make. */
  snapshot(before: AnyMachineSnapshot, config: Configuration, context: Context, done: boolean): AnyMachineSnapshot {
    return snapshotFrom(
      {
        status: done ? 'done' : before.status,
        output: done ? undefined : before.output,
        error: before.error,
        machine: before.machine,
        context,
        nodes: config.xnodes,
        value: config.value,
        tags: config.tags,
        children: before.children,
        historyValue: historyValueOf(before),
      },
      this.methods ?? before,
    );
  }
}

/** xstate's getValueFromAdj over the adjacency of the ordered node list. */
function stateValue(root: Node, nodes: readonly Node[]): StateValue {
  const children = new Map<Node, Node[]>();
  for (const n of nodes) {
    if (!children.has(n)) children.set(n, []);
    if (n.parent) {
      const siblings = children.get(n.parent) ?? [];
      siblings.push(n);
      children.set(n.parent, siblings);
    }
  }
  const valueOf = (node: Node): StateValue => {
    const kids = children.get(node);
    if (!kids) return {};
    if (node.type === 'compound') {
      const first = kids[0];
      if (!first) return {};
      if (first.type === 'atomic' || first.type === 'final') return first.key;
    }
    const value: Record<string, StateValue> = {};
    for (const kid of kids) value[kid.key] = valueOf(kid);
    return value;
  };
  return valueOf(root);
}
