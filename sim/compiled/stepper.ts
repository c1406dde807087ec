// The fast path's step: xstate v5's macrostep/microstep (SCXML selection, conflict removal, exit/entry sets,
// eventless transitions, done events) ported onto the compiled tables, with the same orders everywhere so the
// result (snapshot, actions, rules, accepted) is the one `transition()` gives. Pure; throws Bail when unsure.
import type { AnyEventObject, AnyMachineSnapshot, StateValue } from 'xstate';
import { Configurations, type Configuration } from './configurations.js';
import { Bail, type ActionFn, type Context, type GuardState, type ResolvedAction } from './implementations.js';
import type { Node, Tables, Transition } from './tables.js';

export interface StepResult {
  /** The next snapshot; the same object as the one given when XState would return it unchanged (refused). */
  readonly snapshot: AnyMachineSnapshot;
  /** The executable actions `transition()` returns, as { type, params } (raise/cancel carry the timers). */
  readonly actions: readonly ResolvedAction[];
  /** Rule IDs (`meta.rules`) of the transitions the event selected, as getTransitionData + refusal.ts read them. */
  readonly rules: readonly string[];
}

/** Mutable state of one macrostep. */
interface Run {
  nodes: readonly Node[];
  context: Context;
  done: boolean;
  changed: boolean;
  readonly actions: ResolvedAction[];
  readonly queue: AnyEventObject[];
}

const MAX_MICROSTEPS = 1000;

export class Stepper {
  private readonly configs: Configurations;

  constructor(private readonly tables: Tables) {
    this.configs = new Configurations(tables);
  }

  step(before: AnyMachineSnapshot, event: AnyEventObject): StepResult {
    if (before.status !== 'active' && before.status !== 'done') throw new Bail(`snapshot is ${before.status}`);
    const config = this.configs.of(before);
    const selected = config.handles.has(event.type) ? this.select(config, before.context as Context, event) : [];
    if (selected.length === 0 && !this.tables.hasAlways) return { snapshot: before, actions: [], rules: [] };
    const run: Run = {
      nodes: config.nodes,
      context: before.context as Context,
      done: before.status === 'done',
      changed: false,
      actions: [],
      queue: [],
    };
    this.microstep(selected, run, event);
    this.settle(run, event);
    const rules = selected.length === 1 ? selected[0]!.rules : [...new Set(selected.flatMap((t) => t.rules))];
    if (!run.changed) return { snapshot: before, actions: run.actions, rules };
    const next = run.nodes === config.nodes ? config : this.configs.get(run.nodes);
    return { snapshot: this.configs.snapshot(before, next, run.context, run.done), actions: run.actions, rules };
  }

  /**
   * xstate's getInitialSnapshot as initialTransition runs it: the context from the machine's `context` (an
   * assign over `{}` when it is a function of the input), then the initial microstep from the root (entry
   * actions, no exits) with the `xstate.init` event, then the eventless loop. Same snapshot and actions.
   */
  initial(input: unknown): StepResult {
    const { machine, root } = this.tables;
    const contextConfig = (machine.config as { context?: unknown }).context;
    const event: AnyEventObject = { type: 'xstate.init', input };
    let context: Context = typeof contextConfig !== 'function' && contextConfig ? (contextConfig as Context) : {};
    if (typeof contextConfig === 'function') {
      const spawn = () => {
        throw new Bail('context spawned an actor');
      };
      context = Object.assign({}, context, (contextConfig as (a: unknown) => Context)({ spawn, input, self: undefined }));
    }
    const run: Run = { nodes: [root], context, done: false, changed: false, actions: [], queue: [] };
    const fromRoot: Transition = {
      def: { source: root.x, target: this.initialTargets.map((n) => n.x), reenter: true, actions: [], eventType: '' },
      source: root,
      targets: this.initialTargets,
      reenter: true,
      guard: undefined,
      actions: [],
      rules: [],
    };
    this.microstep([fromRoot], run, event, true);
    this.settle(run, event);
    const config = this.configs.get(run.nodes);
    const pre = { status: 'active', output: undefined, error: undefined, machine, children: {}, historyValue: {} };
    const methods = (machine as unknown as { resolveState(c: { value: StateValue; context: Context }): AnyMachineSnapshot }).resolveState;
    this.configs.methodsFrom(() => methods.call(machine, { value: config.value, context: {} }));
    return { snapshot: this.configs.snapshot(pre as unknown as AnyMachineSnapshot, config, run.context, run.done), actions: run.actions, rules: [] };
  }

  /** xstate's getInitialStateNodes(root): the root and, depth first, every initial descendant. */
  private get initialTargets(): Node[] {
    if (this.initialNodes) return this.initialNodes;
    const set = new Set<Node>();
    const visit = (n: Node): void => {
      if (set.has(n)) return;
      set.add(n);
      if (n.type === 'compound') visit(n.initialChild!);
      else if (n.type === 'parallel') for (const child of n.children) visit(child);
    };
    visit(this.tables.root);
    this.initialNodes = [...set];
    return this.initialNodes;
  }

  private initialNodes: Node[] | undefined;

  /** xstate's transitionNode over the state value: deepest handling nodes first, parallel regions in value order. */
  private select(config: Configuration, context: Context, event: AnyEventObject): Transition[] {
    return this.transitionNode(this.tables.root, config.value, context, event, config) ?? [];
  }

  private transitionNode(node: Node, value: StateValue, context: Context, event: AnyEventObject, st: GuardState): Transition[] | undefined {
    if (typeof value === 'string') {
      const child = node.byKey[value];
      if (!child) throw new Bail(`no state ${value} in ${node.x.id}`);
      return next(child, context, event, st) ?? next(node, context, event, st);
    }
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const child = node.byKey[keys[0]!];
      if (!child) throw new Bail(`no state ${keys[0]} in ${node.x.id}`);
      return this.transitionNode(child, value[keys[0]!]!, context, event, st) ?? next(node, context, event, st);
    }
    const all: Transition[] = [];
    for (const key of keys) {
      const sub = value[key];
      if (!sub) continue;
      const child = node.byKey[key];
      if (!child) throw new Bail(`no state ${key} in ${node.x.id}`);
      const inner = this.transitionNode(child, sub, context, event, st);
      if (inner) all.push(...inner);
    }
    return all.length > 0 ? all : next(node, context, event, st);
  }

  /** The eventless loop and internal (done) events that end xstate's macrostep. */
  private settle(run: Run, event: AnyEventObject): void {
    let current = event;
    let selectEventless = true;
    for (let i = 0; !run.done; i++) {
      if (i > MAX_MICROSTEPS) throw new Bail('eventless transitions do not settle');
      let enabled: Transition[] = selectEventless && this.tables.hasAlways ? this.eventless(run, current) : [];
      const changedBefore = run.changed;
      run.changed = false;
      const fromEventless: boolean = enabled.length > 0;
      if (!fromEventless) {
        const queued = run.queue.shift();
        if (!queued) {
          run.changed = changedBefore;
          break;
        }
        current = queued;
        // Done events select nothing: the tables refuse machines with onDone or wildcard descriptors.
        enabled = [];
      }
      this.microstep(enabled, run, current);
      selectEventless = !fromEventless || run.changed;
      run.changed ||= changedBefore;
    }
  }

  private eventless(run: Run, event: AnyEventObject): Transition[] {
    const enabled = new Set<Transition>();
    const st = this.configs.get(run.nodes);
    for (const atomic of run.nodes) {
      if (atomic.type !== 'atomic' && atomic.type !== 'final') continue;
      search: for (const s of atomic.selfAndAncestors) {
        if (!s.always) continue;
        for (const t of s.always) {
          if (!t.guard || t.guard(run.context, event, st)) {
            enabled.add(t);
            break search;
          }
        }
      }
    }
    return removeConflicting([...enabled], run.nodes);
  }

  /** https://www.w3.org/TR/scxml/#microstepProcedure, as xstate's microstep does it. */
  private microstep(transitions: readonly Transition[], run: Run, event: AnyEventObject, isInitial = false): void {
    if (transitions.length === 0) return;
    const start = run.nodes;
    const filtered = transitions.length === 1 ? transitions : removeConflicting(transitions, start);
    const nodes = start.slice();
    run.nodes = nodes;
    const exits = isInitial ? [] : computeExitSet(filtered, nodes).sort((a, b) => b.order - a.order);
    for (const s of exits) {
      this.perform(s.exit, run, event);
      nodes.splice(nodes.indexOf(s), 1);
    }
    for (const t of filtered) this.perform(t.actions, run, event);
    this.enter(filtered, nodes, run, event);
    if (run.done) {
      // xstate sorts its node list in place here, so a finished snapshot lists its nodes deepest-last-first.
      nodes.sort((a, b) => b.order - a.order);
      for (const s of nodes) this.perform(s.exit, run, event);
    }
    if (sameSet(start, run.nodes)) run.nodes = start;
    else run.changed = true;
  }

  private enter(transitions: readonly Transition[], nodes: Node[], run: Run, event: AnyEventObject): void {
    const toEnter = new Set<Node>();
    const defaultEntry = new Set<Node>();
    computeEntrySet(transitions, defaultEntry, toEnter);
    const completed = new Set<Node>();
    for (const s of [...toEnter].sort((a, b) => a.order - b.order)) {
      if (!nodes.includes(s)) nodes.push(s);
      this.perform(s.entry, run, event);
      if (defaultEntry.has(s)) this.perform(s.initialActions, run, event);
      if (s.type !== 'final') continue;
      const parent = s.parent;
      let marker = parent?.type === 'parallel' ? parent : parent?.parent;
      if (parent?.type === 'compound') run.queue.push({ type: `xstate.done.state.${parent.x.id}`, output: undefined });
      while (marker?.type === 'parallel' && !completed.has(marker) && inFinalState(nodes, marker)) {
        completed.add(marker);
        run.queue.push({ type: `xstate.done.state.${marker.x.id}`, output: undefined });
        marker = marker.parent;
      }
      if (marker) continue;
      run.done = true;
      run.changed = true;
    }
  }

  private perform(actions: readonly ActionFn[], run: Run, event: AnyEventObject): void {
    for (const action of actions) {
      const context = action(run.context, event, run.actions);
      if (context) {
        run.context = context;
        run.changed = true;
      }
    }
  }
}

function next(node: Node, context: Context, event: AnyEventObject, st: GuardState): Transition[] | undefined {
  const candidates = node.on.get(event.type);
  if (!candidates) return undefined;
  for (const t of candidates) if (!t.guard || t.guard(context, event, st)) return [t];
  return undefined;
}

function sameSet(a: readonly Node[], b: readonly Node[]): boolean {
  if (a.length !== b.length) return false;
  for (const n of a) if (!b.includes(n)) return false;
  return true;
}

/** Proper descendant, as xstate's isDescendant (everything descends from `undefined`). */
function isDescendant(child: Node, parent: Node | undefined): boolean {
  let marker = child;
  while (marker.parent && marker.parent !== parent) marker = marker.parent;
  return marker.parent === parent;
}

function properAncestors(node: Node, upTo: Node | undefined): Node[] {
  const out: Node[] = [];
  if (upTo === node) return out;
  for (let m = node.parent; m && m !== upTo; m = m.parent) out.push(m);
  return out;
}

function domainOf(t: Transition): Node | undefined {
  if (!t.reenter && t.targets.every((target) => target === t.source || isDescendant(target, t.source))) return t.source;
  const [head, ...tail] = [...t.targets, t.source];
  for (const ancestor of properAncestors(head!, undefined)) {
    if (tail.every((n) => isDescendant(n, ancestor))) return ancestor;
  }
  if (t.reenter) return undefined;
  let root = t.source;
  while (root.parent) root = root.parent;
  return root;
}

function computeExitSet(transitions: readonly Transition[], nodes: readonly Node[]): Node[] {
  const exits = new Set<Node>();
  for (const t of transitions) {
    if (t.targets.length === 0) continue;
    const domain = domainOf(t);
    if (t.reenter && t.source === domain) exits.add(domain);
    for (const n of nodes) if (isDescendant(n, domain)) exits.add(n);
  }
  return [...exits];
}

function removeConflicting(transitions: readonly Transition[], nodes: readonly Node[]): Transition[] {
  const filtered = new Set<Transition>();
  for (const t1 of transitions) {
    let preempted = false;
    const remove = new Set<Transition>();
    for (const t2 of filtered) {
      const exit1 = computeExitSet([t1], nodes);
      const exit2 = computeExitSet([t2], nodes);
      if (exit1.some((n) => exit2.includes(n))) {
        if (isDescendant(t1.source, t2.source)) remove.add(t2);
        else {
          preempted = true;
          break;
        }
      }
    }
    if (!preempted) {
      for (const t of remove) filtered.delete(t);
      filtered.add(t1);
    }
  }
  return [...filtered];
}

function computeEntrySet(transitions: readonly Transition[], defaultEntry: Set<Node>, toEnter: Set<Node>): void {
  for (const t of transitions) {
    const domain = domainOf(t);
    for (const s of t.targets) {
      if (t.source !== s || t.source !== domain || t.reenter) {
        toEnter.add(s);
        defaultEntry.add(s);
      }
      addDescendants(s, defaultEntry, toEnter);
    }
    for (const s of t.targets) {
      const ancestors = properAncestors(s, domain);
      if (domain?.type === 'parallel') ancestors.push(domain);
      addAncestors(toEnter, defaultEntry, ancestors, !t.source.parent && t.reenter ? undefined : domain);
    }
  }
}

function addDescendants(node: Node, defaultEntry: Set<Node>, toEnter: Set<Node>): void {
  if (node.type === 'compound') {
    const initial = node.initialChild!;
    toEnter.add(initial);
    defaultEntry.add(initial);
    addDescendants(initial, defaultEntry, toEnter);
    addAncestors(toEnter, defaultEntry, properAncestors(initial, node), undefined);
  } else if (node.type === 'parallel') {
    for (const child of node.children) {
      if (![...toEnter].some((s) => isDescendant(s, child))) {
        toEnter.add(child);
        defaultEntry.add(child);
        addDescendants(child, defaultEntry, toEnter);
      }
    }
  }
}

function addAncestors(toEnter: Set<Node>, defaultEntry: Set<Node>, ancestors: readonly Node[], domain: Node | undefined): void {
  for (const anc of ancestors) {
    if (!domain || isDescendant(anc, domain)) toEnter.add(anc);
    if (anc.type !== 'parallel') continue;
    for (const child of anc.children) {
      if (![...toEnter].some((s) => isDescendant(s, child))) {
        toEnter.add(child);
        addDescendants(child, defaultEntry, toEnter);
      }
    }
  }
}

function inFinalState(nodes: readonly Node[], node: Node): boolean {
  if (node.type === 'compound') return node.children.some((s) => s.type === 'final' && nodes.includes(s));
  if (node.type === 'parallel') return node.children.every((s) => inFinalState(nodes, s));
  return node.type === 'final';
}
