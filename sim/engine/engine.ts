// The driver: steps any XState machine with pure `transition()`, fires delayed transitions on the virtual
// clock, hands effect actions to handlers in sim/, logs every offered event and checks invariants after each step.
// It knows no entity kind: kinds, preparers, effect handlers and invariants are handed in (sim/kinds builds them).
import type { AnyEventObject, AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { initialTransition, transition } from 'xstate';
import type { Expectation } from '../../scenarios/loader.js';
import type { Command, Effect, EntityRef, LogEntry, Violation } from '../log/entry.js';
import { VirtualClock } from './clock.js';
import { compileMachine, fastPathByDefault } from './_compiled/index.js';
import { enabledRules, explainRefusal, type Refusal } from '../../machines/introspect/refusal.js';
import type { Rng } from '../rng.js';
import { Scheduler, type Handle } from './scheduler.js';
import { stateMatches, stateString } from '../../machines/introspect/stateText.js';
import { activeNodes, historyValueOf } from '../../machines/introspect/xstateInternals.js';
import { formatTime } from '../../machines/time.js';

import type { ArrivalSource, EngineOptions, EntityKind, StepInfo, World } from './types.js';

export type { ArrivalSource, EffectHandler, EngineOptions, EntityKind, Invariant, MachineOffer, Preparer, StepInfo, World } from './types.js';

interface Entity {
  readonly kind: EntityKind;
  /** `kind:id`, made once: the log's entity name and the queue's same-instant rank for every command it gets. */
  readonly key: string;
  /** Undefined once released (between steps, as a rule): the snapshot is `{ ...template, context }`. */
  snapshot: AnyMachineSnapshot | undefined;
  template: AnyMachineSnapshot | undefined;
  context: unknown;
  /**
   * Timers scheduled for this entity that have neither fired nor been cancelled: timer id, then handle, in pairs.
   * An array, not a Map: an order waits for three timers at most and a live one for three most of its life, and a
   * Map of three cost ~0.1 KiB more an order (docs/performance.md, "the live world, smaller").
   */
  timers: (string | Handle)[] | undefined;
}

const refKey = (ref: EntityRef): string => `${ref.kind}:${ref.id}`;

/** The classes of the canonical same-instant order, first to last (Engine.enqueue). */
export const SAME_INSTANT = { setup: 0, timeline: 1, entity: 2 } as const;
const FAST_PATH_DEFAULT = fastPathByDefault();
const RELEASE_DEFAULT = process.env.MARKETSIM_RELEASE !== 'off';

/** Where timer `id` stands in the entity's (id, handle) pairs, or -1. */
function timerAt(timers: readonly (string | Handle)[] | undefined, id: string): number {
  if (timers !== undefined) for (let i = 0; i < timers.length; i += 2) if (timers[i] === id) return i;
  return -1;
}

/** The handle of the entity's timer `id`, if it waits for one. */
function timerHandle(entity: Entity, id: string): Handle | undefined {
  const i = timerAt(entity.timers, id);
  return i < 0 ? undefined : (entity.timers![i + 1] as Handle);
}

/** Records a timer; a second one with the same id replaces the handle the id points to (the first still fires). */
function rememberTimer(entity: Entity, id: string, handle: Handle): void {
  const timers = (entity.timers ??= []);
  const i = timerAt(timers, id);
  if (i < 0) timers.push(id, handle);
  else timers[i + 1] = handle;
}

/** Drops a fired or cancelled timer; an entity waiting for none holds no array (a million orders hold a million). */
function forgetTimer(entity: Entity, id: string): void {
  const timers = entity.timers;
  if (timers === undefined) return;
  const i = timerAt(timers, id);
  if (i >= 0) timers.splice(i, 2);
  if (timers.length === 0) entity.timers = undefined;
}

/** The snapshot of an entity, rebuilt from its template when it was released. */
function snapshotOf(entity: Entity): AnyMachineSnapshot {
  return entity.snapshot ?? ({ ...entity.template!, context: entity.context } as AnyMachineSnapshot);
}

/** The same active state nodes in the same order (the compiled path shares one list per configuration). */
function sameNodes(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function hasOwnKeys(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  for (const key in value as object) if (Object.hasOwn(value as object, key)) return true;
  return false;
}

export class Engine implements World {
  readonly clock: VirtualClock;
  readonly violations: Violation[] = [];
  private readonly queue = new Scheduler<Command>();
  /** Entities by kind, then id: one map per kind and no `kind:id` key held twice (a million orders hold a million). */
  private readonly byKind = new Map<string, Map<string, Entity>>();
  private arrivals: ArrivalSource | undefined;
  private seq = 0;
  private steps = 0;
  private stopped = false;

  private readonly fastPath: boolean;
  private readonly release: boolean;
  /** Per machine, per state: the template a released snapshot is rebuilt from. */
  private readonly templates = new Map<AnyStateMachine, Map<string, AnyMachineSnapshot>>();
  private releasedCount = 0;

  constructor(private readonly options: EngineOptions) {
    this.clock = new VirtualClock(options.start);
    this.fastPath = options.fastPath ?? FAST_PATH_DEFAULT;
    this.release = options.release ?? RELEASE_DEFAULT;
  }

  /** Releases so far (an entity is released again after each step that changes it). */
  get released(): number {
    return this.releasedCount;
  }

  get now(): number {
    return this.clock.now;
  }

  get rng(): Rng {
    return this.options.rng;
  }

  get stepCount(): number {
    return this.steps;
  }

  /** Events still queued (due after the end, or left when the run stopped). */
  get pending(): number {
    return this.queue.size + (this.arrivals?.remaining() ?? 0);
  }

  /** Takes the timeline from `source` as it comes due (one source per engine). */
  feed(source: ArrivalSource): void {
    if (this.arrivals) throw new Error('the engine is fed by one arrival source');
    this.arrivals = source;
  }

  snapshot(ref: EntityRef): AnyMachineSnapshot | undefined {
    const entity = this.lookup(ref);
    return entity && snapshotOf(entity);
  }

  private lookup(ref: EntityRef): Entity | undefined {
    return this.byKind.get(ref.kind)?.get(ref.id);
  }

  *entities(kind: string): IterableIterator<[string, AnyMachineSnapshot]> {
    for (const [id, entity] of this.byKind.get(kind) ?? []) yield [id, snapshotOf(entity)];
  }

  schedule(at: number, command: Command): void {
    if (at < this.clock.now) throw new Error(`scheduling ${command.event.type} in the past (${at} < ${this.clock.now})`);
    this.enqueue(at, command, this.lookup(command.target)?.key ?? refKey(command.target));
  }

  /**
   * Queues a command in the canonical same-instant order (SAME_INSTANT): what the setup queued before the first step,
   * then timeline items by their index, then every other command by its target's `kind:id`, each target's in the
   * order they were scheduled. Nothing in it depends on how other entities' commands interleave, so a run of some
   * buyers' orders steps them exactly as the whole run does (docs/design.md, "the same-instant order").
   */
  private enqueue(at: number, command: Command, targetKey: string): Handle {
    if (command.source === 'timeline') return this.queue.schedule(at, command, SAME_INSTANT.timeline, '', command.line ?? 0);
    if (this.steps === 0) return this.queue.schedule(at, command, SAME_INSTANT.setup);
    return this.queue.schedule(at, command, SAME_INSTANT.entity, targetKey);
  }

  /** Creates an entity in its machine's initial state and logs it. */
  spawn(ref: EntityRef, input: unknown): AnyMachineSnapshot {
    const kind = this.options.kinds[ref.kind];
    if (!kind) throw new Error(`unknown entity kind ${ref.kind}`);
    const key = refKey(ref);
    if (this.lookup(ref)) throw new Error(`entity ${key} exists already`);
    this.options.onOffer?.(key, kind.machine, { input });
    const fast = this.fastPath ? compileMachine(kind.machine).initial?.(input) : undefined;
    const [snapshot, actions] = fast ? [fast.snapshot, fast.actions] : initialTransition(kind.machine, input);
    const entity: Entity = { kind, key, snapshot, template: undefined, context: undefined, timers: undefined };
    const ofKind = this.byKind.get(ref.kind) ?? new Map<string, Entity>();
    ofKind.set(ref.id, entity);
    this.byKind.set(ref.kind, ofKind);
    const effects = this.carryOut(ref, key, entity, actions);
    this.emit({
      seq: this.seq++,
      at: this.nowText(),
      entity: key,
      event: 'spawn',
      source: 'spawn',
      accepted: true,
      state: stateString(snapshot.value),
      rules: [],
      ...(effects.length > 0 ? { effects } : {}),
    });
    this.releaseSnapshot(entity);
    return snapshot;
  }

  /**
   * Runs until the queue is empty, the end time is reached, or a violation stops it; then end-of-run checks, once:
   * a second call steps what was scheduled since but does not check the end again (it would report every problem
   * twice).
   */
  run(): void {
    this.runUntil(this.options.end);
    if (!this.stopped && !this.checkedEnd) {
      this.clock.advanceTo(Math.max(this.clock.now, this.options.end));
      this.checkEnd();
      this.checkedEnd = true;
    }
  }

  private checkedEnd = false;

  private rankCls = -1;
  private rankKey = '';
  private rankN = 0;

  /**
   * Where the command being stepped stands in the same-instant order (SAME_INSTANT): its instant, class, key and
   * number; class -1 before the first step (the setup's spawns). Commands of different targets never share a rank;
   * commands of one target due at one instant do, and run in the same order in a shard as in the whole run (a
   * shard's consecutive lines of one rank are one unit to the merge). A command of a buyer has the same rank in a run of its buyer's
   * shard as in the whole run, so lines from shards are put back in the whole run's order by it
   * (runs/shards/merge.ts).
   */
  stepRank(): { readonly at: number; readonly cls: number; readonly key: string; readonly n: number } {
    return { at: this.clock.now, cls: this.rankCls, key: this.rankKey, n: this.rankN };
  }

  /** Queued commands (not arrivals) whose target's kind passes `kinds` (a run split by buyer counts its own). */
  queuedFor(kinds: (kind: string) => boolean): number {
    return this.queue.count((command) => kinds(command.target.kind));
  }

  /** Timeline items not yet taken from the arrival source. */
  get arrivalsLeft(): number {
    return this.arrivals?.remaining() ?? 0;
  }

  /**
   * Steps every command due at or before `until` (capped at the run's end), leaving the clock at `until`.
   * Returns false once the run is over (queue drained past the end, or stopped by a violation).
   */
  runUntil(until: number): boolean {
    const limit = Math.min(until, this.options.end);
    const maxSteps = this.options.maxSteps ?? 50_000_000;
    for (let next = this.nextDue(limit); next && !this.stopped; next = this.nextDue(limit)) {
      if (this.steps >= maxSteps) throw new Error(`more than ${maxSteps} steps: a timer loop?`);
      this.step(next);
    }
    if (!this.stopped && limit > this.clock.now) this.clock.advanceTo(limit);
    return !this.stopped && limit < this.options.end;
  }

  /** Removes the next command due at or before `limit` (queued or arriving) and advances the clock to it. */
  private nextDue(limit: number): Command | undefined {
    const queued = this.queue.peek();
    const arrivalAt = this.arrivals?.peekAt();
    // Arrivals are timeline items: at the same instant, after what the setup queued and before everything else.
    if (arrivalAt !== undefined && (queued === undefined || arrivalAt < queued.at || (arrivalAt === queued.at && queued.cls !== SAME_INSTANT.setup))) {
      if (arrivalAt > limit) return undefined;
      this.clock.advanceTo(arrivalAt);
      const arrived = this.arrivals!.take();
      this.rankCls = SAME_INSTANT.timeline;
      this.rankKey = '';
      this.rankN = arrived.line ?? 0;
      return arrived;
    }
    if (queued === undefined || queued.at > limit) return undefined;
    this.queue.pop();
    this.clock.advanceTo(queued.at);
    this.rankCls = queued.cls;
    this.rankKey = queued.key;
    // The setup's items share one class and key: their scheduling order (the same in every shard) tells them apart.
    this.rankN = queued.cls === SAME_INSTANT.setup ? queued.seq : queued.n;
    return queued.item;
  }

  /** Offers one command to its entity; exposed for tests that drive the engine by hand. */
  step(original: Command): LogEntry {
    this.steps++;
    const command = original.source === 'timer' || !this.options.prepare ? original : this.options.prepare(original, this);
    const ref = command.target;
    let entity = this.lookup(ref);
    if (!entity && command.create) {
      this.spawn(ref, command.create.input);
      entity = this.lookup(ref);
    }
    if (!entity) throw new Error(`no entity ${refKey(ref)} for ${command.event.type}`);
    const key = entity.key;
    if (command.source === 'timer') forgetTimer(entity, command.event.type);
    const before = snapshotOf(entity);
    const event = { ...command.event, at: this.clock.now };
    this.options.onOffer?.(key, entity.kind.machine, { event });
    const fast = this.fastPath ? compileMachine(entity.kind.machine).step?.(before, event) : undefined;
    const rules = fast ? fast.rules : enabledRules(before, event);
    // Two reads, not a destructured pair: this runs at every step, and the pair was an array a step.
    let after: AnyMachineSnapshot;
    let actions: readonly { type: string; params?: unknown }[];
    if (fast) {
      after = fast.snapshot;
      actions = fast.actions;
    } else {
      [after, actions] = transition(entity.kind.machine, before, event);
    }
    const accepted = after !== before;
    let effects: readonly Effect[] = NO_EFFECTS;
    let refusal: Refusal | undefined;
    if (accepted) {
      entity.snapshot = after;
      entity.template = undefined;
      entity.context = undefined;
      effects = this.carryOut(ref, key, entity, actions);
    } else {
      refusal = entity.kind.explain?.(before, event) ?? explainRefusal(before, event);
    }
    const entry = this.logEntry(command, key, accepted, after, refusal, effects, rules);
    this.emit(entry);
    this.check({ entry, command, before, after, effects });
    if (accepted) this.releaseSnapshot(entity);
    return entry;
  }

  /**
   * Keeps an entity between steps as its context and a template its configuration shares, not as a snapshot of its
   * own: a snapshot is ~0.15 KiB, and at a million orders most of them wait months for a timer (docs/performance.md,
   * "the live world, smaller"). Every reader rebuilds the same snapshot (snapshotOf). A snapshot with children, history,
   * an output or an error is kept whole: a template could not stand for it.
   */
  private releaseSnapshot(entity: Entity): void {
    const snapshot = entity.snapshot;
    if (!this.release || !snapshot) return;
    const template = this.templateFor(snapshot);
    if (!template) return;
    entity.template = template;
    entity.context = snapshot.context;
    entity.snapshot = undefined;
    this.releasedCount++;
  }

  /**
   * The template for snapshots in this configuration: the first one seen in it. Only snapshots that differ from one
   * another by their context alone share a template: none with children, history, an output or an error, and none
   * whose active states were entered in another order than the template's. A parallel machine can reach one state
   * by two paths, and the order of `_nodes` is the order its eventless transitions are taken in.
   */
  private templateFor(snapshot: AnyMachineSnapshot): AnyMachineSnapshot | null {
    if (hasOwnKeys(snapshot.children) || hasOwnKeys(historyValueOf(snapshot)) || snapshot.output !== undefined || snapshot.error !== undefined) return null;
    let byState = this.templates.get(snapshot.machine);
    if (!byState) {
      byState = new Map();
      this.templates.set(snapshot.machine, byState);
    }
    // Keyed by the state alone (cached per value object): this runs at every accepted step, and a key built with the
    // status was a string a step. A state seen with another status than its template's is kept whole.
    const state = stateString(snapshot.value);
    const template = byState.get(state);
    if (template === undefined) {
      byState.set(state, snapshot);
      return snapshot;
    }
    return template.status === snapshot.status && sameNodes(activeNodes(template), activeNodes(snapshot)) ? template : null;
  }

  private logEntry(
    command: Command,
    key: string,
    accepted: boolean,
    after: AnyMachineSnapshot,
    refusal: Refusal | undefined,
    effects: readonly Effect[],
    rules: readonly string[],
  ): LogEntry {
    // Built key by key in the order events.jsonl lists them (one object, no spread copies: this runs every step).
    const event = command.event as AnyEventObject & { by?: unknown };
    const timer = command.source === 'timer';
    const entry: { -readonly [K in keyof LogEntry]: LogEntry[K] } = {
      seq: this.seq++,
      at: this.nowText(),
      entity: key,
      event: timer ? timerName(event.type) : event.type,
    } as LogEntry;
    if (event.by !== undefined) entry.by = event.by as string;
    entry.source = command.source;
    if (command.line !== undefined) entry.line = command.line;
    entry.accepted = accepted;
    entry.state = stateString(after.value);
    entry.rules = accepted ? rules : (refusal?.rules ?? []);
    if (refusal?.reason) entry.reason = refusal.reason;
    if (!timer) {
      let payload: Record<string, unknown> | undefined;
      // for…in, not Object.keys: no list of names a step (an event is a plain object: own keys only).
      for (const name in event) {
        if (name === 'type' || name === 'by') continue;
        (payload ??= {})[name] = event[name];
      }
      if (payload) entry.payload = payload;
    }
    if (effects.length > 0) entry.effects = effects;
    return entry;
  }

  /** Timers become scheduled commands; cancels drop them; anything else is an effect for sim/ handlers. */
  private carryOut(ref: EntityRef, key: string, entity: Entity, actions: readonly { type: string; params?: unknown }[]): readonly Effect[] {
    // Most steps have no effect (timers only, or none): those share NO_EFFECTS instead of a fresh empty list.
    let effects: Effect[] | undefined;
    for (const action of actions) {
      const params = (action.params ?? {}) as Record<string, unknown>;
      if (action.type === 'xstate.raise' && typeof params.delay === 'number') {
        const event = params.event as AnyEventObject;
        const dueAt = this.clock.now + params.delay;
        const handle = this.enqueue(dueAt, { target: ref, event, source: 'timer', dueAt }, key);
        rememberTimer(entity, String(params.id ?? event.type), handle);
      } else if (action.type === 'xstate.cancel') {
        const id = String(params.sendId);
        const handle = timerHandle(entity, id);
        if (handle !== undefined) {
          this.queue.cancel(handle);
          forgetTimer(entity, id);
        }
      } else if (action.type.startsWith('xstate.')) {
        throw new Error(`the engine does not carry out ${action.type} (machines must stay pure)`);
      } else {
        const effect = { type: action.type, params };
        (effects ??= []).push(effect);
        this.options.effects?.[action.type]?.(effect, ref, this);
      }
    }
    return effects ?? NO_EFFECTS;
  }

  /** formatTime(now), computed once per virtual instant (many steps share one). */
  private nowText(): string {
    if (this.lastAt !== this.clock.now) {
      this.lastAt = this.clock.now;
      this.lastAtText = formatTime(this.lastAt);
    }
    return this.lastAtText;
  }

  private lastAt = Number.NaN;
  private lastAtText = '';

  private emit(entry: LogEntry): void {
    this.options.onEntry?.(entry);
  }

  private check(step: StepInfo): void {
    const expectation = step.command.expect && unmetExpectation(step.command.expect, step.entry, step.after);
    if (expectation) this.violate(step.entry, 'EXPECT', step.entry.rules, expectation);
    for (const invariant of this.options.invariants ?? []) {
      const message = invariant.afterStep?.(step, this);
      if (message) this.violate(step.entry, invariant.id, invariant.rules, message);
    }
  }

  private checkEnd(): void {
    for (const invariant of this.options.invariants ?? []) {
      // By entity, not by the order entities were made in (which interleaves buyers): the same list however the run
      // was split.
      const problems = [...(invariant.atEnd?.(this) ?? [])].sort((a, b) => (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : 0));
      for (const problem of problems) {
        this.violations.push({
          seq: this.seq,
          at: this.nowText(),
          check: invariant.id,
          rules: invariant.rules,
          entity: problem.entity,
          message: problem.message,
        });
      }
    }
  }

  private violate(entry: LogEntry, check: string, rules: readonly string[], message: string): void {
    this.violations.push({ seq: entry.seq, at: entry.at, check, rules, entity: entry.entity, message });
    if (this.options.stopOnViolation) this.stopped = true;
  }
}

/** "after(delistingReview)" for XState's "xstate.after.delistingReview.product.listed…" (few distinct types: cached). */
function timerName(type: string): string {
  let name = TIMER_NAMES.get(type);
  if (name === undefined) {
    const match = /^xstate\.after\.([^.]+)\./.exec(type);
    name = match ? `after(${match[1]})` : type;
    TIMER_NAMES.set(type, name);
  }
  return name;
}

const TIMER_NAMES = new Map<string, string>();

/** The effects of a step that has none (frozen: shared by every such step). */
const NO_EFFECTS: readonly Effect[] = Object.freeze([]);

function unmetExpectation(expect: Expectation, entry: LogEntry, after: AnyMachineSnapshot): string | undefined {
  if (expect.accepted !== undefined && expect.accepted !== entry.accepted) {
    return `expected ${entry.event} to be ${expect.accepted ? 'accepted' : 'refused'}, it was ${entry.accepted ? 'accepted' : `refused (${entry.rules.join(', ') || 'no rule'}: ${entry.reason ?? ''})`}`;
  }
  if (expect.rule !== undefined && !entry.rules.includes(expect.rule)) {
    return `expected rule ${expect.rule}, got ${entry.rules.join(', ') || 'none'}`;
  }
  if (expect.state !== undefined && !stateMatches(after.value, expect.state)) {
    return `expected state ${expect.state}, got ${entry.state}`;
  }
  return undefined;
}
