// The fast path's step: xstate v5's macrostep/microstep (SCXML selection, conflict removal, exit/entry sets,
// eventless transitions, done events) ported onto the compiled tables, with the same orders everywhere so the
// result (snapshot, actions, rules, accepted) is the one `transition()` gives. Pure (its caches hold only the
// structure: microstep plans and eventless candidates per configuration); throws Bail when unsure.
import type { AnyEventObject, AnyMachineSnapshot, StateValue } from 'xstate';
import { resolveStateOf } from '../../../machines/introspect/xstateInternals.js';
import { Configurations, type Configuration } from './configurations.js';
import { Bail, type ActionFn, type Context, type GuardState, type ResolvedAction } from './implementations.js';
import { alwaysGroups, computeExitSet, enter, next, removeConflicting, sameSet } from './scxml.js';
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
  /** The interned configuration whose `nodes` is `nodes` (the same array), when known: the key of the plans. */
  config: Configuration | undefined;
  context: Context;
  done: boolean;
  changed: boolean;
  readonly actions: ResolvedAction[];
  readonly queue: AnyEventObject[];
}

const MAX_MICROSTEPS = 1000;

/**
 * The structural part of one microstep, a function of the start node list and the selected transitions only
 * (never of context): every action list it runs, in order, flattened (exits deepest first, the transitions',
 * entries with the initial actions of default entries, and when the machine finishes the exits of every node),
 * the done.state events it queues, and the node list it ends with.
 */
interface Plan {
  readonly actions: readonly ActionFn[];
  readonly doneEvents: readonly string[];
  /** A top-level final state was entered. */
  readonly done: boolean;
  /** The node set changed, or the machine finished. */
  readonly changed: boolean;
  /** The resulting node list (the start list itself when the set is unchanged). */
  readonly nodes: readonly Node[];
  /** Its interned configuration, for cached plans. */
  readonly config: Configuration | undefined;
}

/** A node of the per-configuration trie keyed by the selected transitions, in selection order. */
interface PlanEntry {
  plan?: Plan;
  /** removeConflicting of the key, for eventless selections of several transitions. */
  conflictFree?: readonly Transition[];
  more?: Map<Transition, PlanEntry>;
}

/** What the stepper caches per interned configuration. */
interface ConfigCache extends PlanEntry {
  /** Per active atomic/final node (in node order) that can have one, its eventless candidates in search order. */
  always?: readonly (readonly Transition[])[];
}

/**
 * A new snapshot's children and history, shared by every entity: the compiled path bails on spawned actors and
 * refuses machines with history states, so both stay empty here, and XState copies either map before it writes
 * when a step falls back to it. A pair of its own cost ~0.1 KiB of every live entity (docs/performance.md, "the
 * live world, smaller"). Frozen, so a write would throw rather than reach every entity.
 */
const NO_CHILDREN = Object.freeze({});
const NO_HISTORY = Object.freeze({});

export class Stepper {
  private readonly configs: Configurations;
  private readonly caches = new Map<Configuration, ConfigCache>();
  private initialPlan: Plan | undefined;

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
      config,
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
    const next = run.config ?? (run.nodes === config.nodes ? config : this.configs.get(run.nodes));
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
    const run: Run = { nodes: [root], config: undefined, context, done: false, changed: false, actions: [], queue: [] };
    // Always the same structure (from the root alone, entering the initial states): planned once.
    this.initialPlan ??= this.intern(this.computePlan([this.fromRoot()], run.nodes, true, false), undefined);
    this.replay(this.initialPlan, run, event);
    this.settle(run, event);
    const config = run.config ?? this.configs.get(run.nodes);
    const pre = { status: 'active', output: undefined, error: undefined, machine, children: NO_CHILDREN, historyValue: NO_HISTORY };
    this.configs.methodsFrom(() => resolveStateOf(machine, config.value, {}));
    return { snapshot: this.configs.snapshot(pre as unknown as AnyMachineSnapshot, config, run.context, run.done), actions: run.actions, rules: [] };
  }

  /** The initial transition xstate's getInitialSnapshot makes: from the root to its initial states, reentering. */
  private fromRoot(): Transition {
    const { root } = this.tables;
    return {
      def: { source: root.x, target: this.initialTargets.map((n) => n.x), reenter: true, actions: [], eventType: '' },
      source: root,
      targets: this.initialTargets,
      reenter: true,
      guard: undefined,
      actions: [],
      rules: [],
    };
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
    const st = run.config ?? this.configs.get(run.nodes);
    // Same list, same order: later microsteps can use the plans of this configuration.
    run.config = st;
    run.nodes = st.nodes;
    const cache = this.cacheOf(st);
    const groups = (cache.always ??= alwaysGroups(st.nodes));
    if (groups.length === 0) return [];
    const enabled = new Set<Transition>();
    for (const candidates of groups) {
      for (const t of candidates) {
        if (!t.guard || t.guard(run.context, event, st)) {
          enabled.add(t);
          break;
        }
      }
    }
    if (enabled.size <= 1) return [...enabled];
    const list = [...enabled];
    const entry = this.entryOf(cache, list);
    return [...(entry.conflictFree ??= removeConflicting(list, st.nodes))];
  }

  private cacheOf(config: Configuration): ConfigCache {
    let cache = this.caches.get(config);
    if (!cache) {
      cache = {};
      this.caches.set(config, cache);
    }
    return cache;
  }

  /** The trie entry of a transition list under a configuration's cache. */
  private entryOf(cache: ConfigCache, transitions: readonly Transition[]): PlanEntry {
    let entry: PlanEntry = cache;
    for (const t of transitions) {
      const more = (entry.more ??= new Map());
      let next = more.get(t);
      if (!next) {
        next = {};
        more.set(t, next);
      }
      entry = next;
    }
    return entry;
  }

  /**
   * https://www.w3.org/TR/scxml/#microstepProcedure, as xstate's microstep does it. The structure (exit set,
   * entry order, resulting nodes, done events) is planned once per interned configuration and transition list,
   * then replayed; it is computed afresh when the start list is not known to be an interned configuration's.
   */
  private microstep(transitions: readonly Transition[], run: Run, event: AnyEventObject): void {
    if (transitions.length === 0) return;
    const config = run.config;
    let plan: Plan;
    if (config && !run.done) {
      const entry = this.entryOf(this.cacheOf(config), transitions);
      plan = entry.plan ??= this.intern(this.computePlan(transitions, config.nodes, false, false), config);
    } else {
      plan = this.computePlan(transitions, run.nodes, false, run.done);
    }
    this.replay(plan, run, event);
  }

  /** A plan with its resulting configuration interned (the start configuration when the set is unchanged). */
  private intern(plan: Plan, start: Configuration | undefined): Plan {
    const config = start && plan.nodes === start.nodes ? start : this.configs.get(plan.nodes);
    return { ...plan, nodes: config.nodes, config };
  }

  private replay(plan: Plan, run: Run, event: AnyEventObject): void {
    this.perform(plan.actions, run, event);
    for (const type of plan.doneEvents) run.queue.push({ type, output: undefined });
    if (plan.done) run.done = true;
    if (plan.changed) run.changed = true;
    run.nodes = plan.nodes;
    run.config = plan.config;
  }

  /** The structure of a microstep from `start`; `finished` when the machine was done before it. */
  private computePlan(transitions: readonly Transition[], start: readonly Node[], isInitial: boolean, finished: boolean): Plan {
    const filtered = transitions.length === 1 ? transitions : removeConflicting(transitions, start);
    const nodes = start.slice();
    const actions: ActionFn[] = [];
    const exits = isInitial ? [] : computeExitSet(filtered, nodes).sort((a, b) => b.order - a.order);
    for (const s of exits) {
      actions.push(...s.exit);
      nodes.splice(nodes.indexOf(s), 1);
    }
    for (const t of filtered) actions.push(...t.actions);
    const doneEvents: string[] = [];
    const done = enter(filtered, nodes, actions, doneEvents);
    if (done || finished) {
      // xstate sorts its node list in place here, so a finished snapshot lists its nodes deepest-last-first.
      nodes.sort((a, b) => b.order - a.order);
      for (const s of nodes) actions.push(...s.exit);
    }
    const same = sameSet(start, nodes);
    return { actions, doneEvents, done, changed: done || !same, nodes: same ? start : nodes, config: undefined };
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
