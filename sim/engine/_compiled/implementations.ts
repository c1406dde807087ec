// Turns a machine's guard and action references (names, `{ type, params }`, xstate's and/or/not, assign, the
// raise/cancel pair behind `after`) into plain closures, once; anything else is reported as unsupported.
import type { AnyEventObject, AnyStateMachine, StateValue } from 'xstate';
import { assign, matchesState } from 'xstate';
import { implementationsOf } from '../../../machines/introspect/xstateInternals.js';

export type Context = Record<string, unknown>;
/** The active configuration a guard may look at (xstate's stateIn reads the snapshot's nodes and value). */
export interface GuardState {
  readonly xnodes: readonly unknown[];
  readonly value: StateValue;
}

export type GuardFn = (context: Context, event: AnyEventObject, state: GuardState) => boolean;

/** One resolved action as the engine reads it from XState's `transition()`: a type and its params. */
export interface ResolvedAction {
  readonly type: string;
  readonly params: unknown;
}

/** What running a compiled action does: a new context (assign), and/or an action to hand to the engine. */
export type ActionFn = (context: Context, event: AnyEventObject, out: ResolvedAction[]) => Context | undefined;

/** Thrown when a step meets something the tables cannot reproduce; the engine then asks XState instead. */
export class Bail extends Error {}

type Fn = ((...args: never[]) => unknown) & Record<string, unknown>;
type Ref = string | Fn | { type: string; params?: unknown };

/**
 * xstate's `Object.assign({}, context, partial)`, as a spread: same keys in the same order, and V8 copies a spread
 * by the source's shape instead of key by key. They differ only for a `__proto__` key, left to Object.assign.
 */
function merged(context: Context, partial: Context | undefined): Context {
  if (partial !== null && typeof partial === 'object' && Object.hasOwn(partial, '__proto__')) return Object.assign({}, context, partial);
  return { ...context, ...partial };
}

const isFn = (value: unknown): value is Fn => typeof value === 'function';

export class Implementations {
  readonly unsupported: string[] = [];
  private readonly guards: Record<string, unknown>;
  private readonly actions: Record<string, unknown>;
  private readonly delays: Record<string, unknown>;

  constructor(private readonly machine: AnyStateMachine) {
    const impl = implementationsOf(machine);
    this.guards = impl.guards;
    this.actions = impl.actions;
    this.delays = impl.delays;
  }

  /** Mirrors xstate's evaluateGuard for the guard forms the machines use. */
  guard(ref: unknown, where: string): GuardFn {
    if (isFn(ref)) {
      if ('check' in ref) return this.builtinGuard(ref, where);
      const inline = ref as unknown as (args: unknown, params: unknown) => boolean;
      return (context, event) => inline({ context, event }, undefined);
    }
    const name = typeof ref === 'string' ? ref : (ref as { type?: unknown }).type;
    if (typeof name !== 'string') return this.unsupportedGuard(`guard ${String(ref)} at ${where}`);
    const resolved = this.guards[name];
    if (resolved === undefined) return this.unsupportedGuard(`guard '${name}' is not implemented (${where})`);
    if (!isFn(resolved)) return this.guard(resolved, where);
    if ('check' in resolved) return this.builtinGuard(resolved, where);
    const impl = resolved as unknown as (args: unknown, params: unknown) => boolean;
    const params = typeof ref === 'object' && ref !== null && 'params' in ref ? ref.params : undefined;
    if (typeof params === 'function') {
      const paramsOf = params as (args: unknown) => unknown;
      return (context, event) => impl({ context, event }, paramsOf({ context, event }));
    }
    return (context, event) => impl({ context, event }, params);
  }

  private builtinGuard(fn: Fn, where: string): GuardFn {
    const children = Array.isArray(fn.guards) ? (fn.guards as unknown[]).map((g) => this.guard(g, where)) : [];
    switch (fn.name) {
      case 'and':
        return (c, e, st) => children.every((g) => g(c, e, st));
      case 'or':
        return (c, e, st) => children.some((g) => g(c, e, st));
      case 'not': {
        const [only] = children;
        if (!only || children.length !== 1) return this.unsupportedGuard(`malformed not() at ${where}`);
        return (c, e, st) => !only(c, e, st);
      }
      case 'stateIn':
        return this.stateIn(fn.stateValue as StateValue, where);
      default:
        return this.unsupportedGuard(`built-in guard ${fn.name} at ${where}`);
    }
  }

  /** xstate's checkStateIn: a `#id` is looked up among the active nodes, anything else matched against the value. */
  private stateIn(stateValue: StateValue, where: string): GuardFn {
    if (typeof stateValue === 'string' && stateValue.startsWith('#')) {
      let target: unknown;
      try {
        target = this.machine.getStateNodeById(stateValue);
      } catch {
        return this.unsupportedGuard(`stateIn(${stateValue}) names no state (${where})`);
      }
      return (_c, _e, st) => st.xnodes.includes(target);
    }
    return (_c, _e, st) => matchesState(stateValue, st.value);
  }

  private unsupportedGuard(reason: string): GuardFn {
    this.unsupported.push(reason);
    return () => {
      throw new Bail(reason);
    };
  }

  /** Mirrors xstate's resolveAndExecuteActionsWithContext for custom actions, assign, and after's raise/cancel. */
  action(ref: Ref, where: string): ActionFn {
    if (isFn(ref)) return this.builtinAction(ref, undefined, where);
    const name = typeof ref === 'string' ? ref : ref.type;
    const params = typeof ref === 'string' || !('params' in ref) ? undefined : ref.params;
    const paramsOf: (context: Context, event: AnyEventObject) => unknown =
      typeof params === 'function' ? (context, event) => (params as (a: unknown) => unknown)({ context, event }) : () => params;
    const resolved = this.actions[name];
    if (isFn(resolved) && 'resolve' in resolved) return this.builtinAction(resolved, paramsOf, where);
    return (context, event, out) => {
      out.push({ type: name, params: paramsOf(context, event) });
      return undefined;
    };
  }

  private builtinAction(fn: Fn, paramsOf: ((c: Context, e: AnyEventObject) => unknown) | undefined, where: string): ActionFn {
    const params = paramsOf ?? (() => undefined);
    if (!('resolve' in fn)) {
      // An inline custom action: xstate names it after the function.
      const type = fn.name || '(anonymous)';
      return (_context, _event, out) => {
        out.push({ type, params: undefined });
        return undefined;
      };
    }
    switch (fn.type) {
      case 'xstate.assign':
        return this.assign(fn.assignment, params);
      case 'xstate.enqueueActions':
        return this.enqueueActions(fn.collect, params, where);
      case 'xstate.raise':
        return this.delayedRaise(fn, params, where);
      case 'xstate.cancel': {
        const sendId = fn.sendId;
        if (typeof sendId !== 'string') return this.unsupportedAction(`cancel with a computed id at ${where}`);
        return (_c, _e, out) => {
          out.push({ type: 'xstate.cancel', params: { sendId } });
          return undefined;
        };
      }
      default:
        return this.unsupportedAction(`built-in action ${String(fn.type)} at ${where}`);
    }
  }

  private assign(assignment: unknown, paramsOf: (c: Context, e: AnyEventObject) => unknown): ActionFn {
    const spawn = () => {
      throw new Bail('assign spawned an actor');
    };
    if (typeof assignment === 'function') {
      const whole = assignment as (args: unknown, params: unknown) => Context;
      return (context, event) => merged(context, whole({ context, event, spawn }, paramsOf(context, event)));
    }
    const entries = Object.entries(assignment as Record<string, unknown>);
    return (context, event) => {
      const params = paramsOf(context, event);
      const args = { context, event, spawn };
      const partial: Context = {};
      for (const [key, value] of entries) {
        partial[key] = typeof value === 'function' ? (value as (a: unknown, p: unknown) => unknown)(args, params) : value;
      }
      return merged(context, partial);
    };
  }

  /**
   * xstate's resolveEnqueueActions: `collect` runs with the context as it stands, its `check` evaluates guards
   * against that context, and the queued actions then run in order, each seeing the context the previous
   * assign left (as resolveAndExecuteActionsWithContext does). Only enqueue(named or param action),
   * enqueue.assign and check are reproduced; any other enqueue helper, or a check of stateIn, bails to XState.
   */
  private enqueueActions(collect: unknown, paramsOf: (c: Context, e: AnyEventObject) => unknown, where: string): ActionFn {
    if (typeof collect !== 'function') return this.unsupportedAction(`enqueueActions without a collect function at ${where}`);
    const run = collect as (args: unknown, params: unknown) => void;
    const checks = new Map<unknown, GuardFn>();
    const noState: GuardState = {
      get xnodes(): readonly unknown[] {
        throw new Bail(`check of a state guard inside enqueueActions at ${where}`);
      },
      get value(): StateValue {
        throw new Bail(`check of a state guard inside enqueueActions at ${where}`);
      },
    };
    const bailing = (helper: string) => () => {
      throw new Bail(`enqueue.${helper} at ${where}`);
    };
    // One enqueue/check pair per compiled action, pointed at the running call's queue, context and event: building
    // a dozen closures on every step was a measurable share of the step. A collect function cannot run this same
    // action again before it returns (enqueued actions run after it), so one call is live at a time.
    const live: { queued: unknown[]; context: Context; event: AnyEventObject } = { queued: [], context: {}, event: { type: '' } };
    const enqueue = Object.assign((action: unknown) => void live.queued.push(action), {
      assign: (...args: unknown[]) => void live.queued.push((assign as (...a: unknown[]) => unknown)(...args)),
      cancel: bailing('cancel'),
      raise: bailing('raise'),
      sendTo: bailing('sendTo'),
      sendParent: bailing('sendParent'),
      spawnChild: bailing('spawnChild'),
      stopChild: bailing('stopChild'),
      emit: bailing('emit'),
    });
    const check = (guard: unknown): boolean => {
      let compiled = checks.get(guard);
      if (!compiled) {
        const before = this.unsupported.length;
        compiled = this.guard(guard, where);
        if (this.unsupported.length > before) {
          this.unsupported.length = before;
          throw new Bail(`unsupported guard checked inside enqueueActions at ${where}`);
        }
        // Only named guards are stable references worth caching; inline objects are compiled each time.
        if (typeof guard === 'string') checks.set(guard, compiled);
      }
      return compiled(live.context, live.event, noState);
    };
    return (context, event, out) => {
      const queued: unknown[] = [];
      live.queued = queued;
      live.context = context;
      live.event = event;
      run({ context, event, enqueue, check, self: undefined, system: undefined }, paramsOf(context, event));
      if (queued.length === 0) return undefined;
      let current = context;
      let changed = false;
      for (const ref of queued) {
        const effect = this.customEffect(ref);
        if (effect) {
          out.push(effect);
          continue;
        }
        const next = this.queuedAction(ref, where)(current, event, out);
        if (next) {
          current = next;
          changed = true;
        }
      }
      return changed ? current : undefined;
    };
  }

  /** The common enqueued action, a custom (effect) action by name with its params, as the action XState executes. */
  private customEffect(ref: unknown): ResolvedAction | undefined {
    if (typeof ref !== 'object' || ref === null) return undefined;
    const { type, params } = ref as { type?: unknown; params?: unknown };
    if (typeof type !== 'string' || typeof params === 'function') return undefined;
    const resolved = this.actions[type];
    return isFn(resolved) && 'resolve' in resolved ? undefined : { type, params };
  }

  /** An action enqueued at run time: compiled on the spot; anything the tables do not know bails to XState. */
  private queuedAction(ref: unknown, where: string): ActionFn {
    if (typeof ref === 'string' || (typeof ref === 'object' && ref !== null && typeof (ref as { type?: unknown }).type === 'string')) {
      const before = this.unsupported.length;
      const fn = this.action(ref as Ref, where);
      if (this.unsupported.length > before) {
        this.unsupported.length = before;
        throw new Bail(`unsupported action enqueued at ${where}`);
      }
      return fn;
    }
    if (isFn(ref) && 'resolve' in ref && ref.type === 'xstate.assign') return this.assign(ref.assignment, () => undefined);
    throw new Bail(`unsupported action enqueued at ${where}`);
  }

  /** The raise xstate adds to a state's entry for each `after` delay; a non-numeric delay is left to XState. */
  private delayedRaise(fn: Fn, paramsOf: (c: Context, e: AnyEventObject) => unknown, where: string): ActionFn {
    const { event: raised, id, delay } = fn as { event?: unknown; id?: unknown; delay?: unknown };
    if (typeof raised !== 'object' || raised === null || delay === undefined) {
      return this.unsupportedAction(`raise without a delay at ${where}`);
    }
    const configured = typeof delay === 'string' ? this.delays[delay] : delay;
    return (context, event, out) => {
      const args = { context, event };
      const resolved = typeof configured === 'function' ? (configured as (a: unknown, p: unknown) => unknown)(args, paramsOf(context, event)) : configured;
      if (typeof resolved !== 'number') throw new Bail(`delay ${String(delay)} did not resolve to a number`);
      out.push({ type: 'xstate.raise', params: { event: raised, id, delay: resolved } });
      return undefined;
    };
  }

  private unsupportedAction(reason: string): ActionFn {
    this.unsupported.push(reason);
    return () => {
      throw new Bail(reason);
    };
  }
}
