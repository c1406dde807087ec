// What the engine is handed and what it hands back: the entity kinds it hosts, the world that preparers, effect
// handlers and invariants see, and the engine's options. The log's own data (commands, entries, violations) is
// in sim/log.
import type { AnyEventObject, AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { Refusal } from '../../machines/introspect/refusal.js';
import type { Command, Effect, EntityRef, LogEntry } from '../log/entry.js';
import type { Rng } from '../rng.js';

/** A machine kind the engine can host: products, orders, instances, supervision, enterprises… */
export interface EntityKind {
  readonly kind: string;
  readonly machine: AnyStateMachine;
  /** A precise reason for a refused event, when the machine's metadata alone is too coarse. */
  readonly explain?: (snapshot: AnyMachineSnapshot, event: AnyEventObject) => Refusal | undefined;
}

/** What invariants, effect handlers and preparers may read and do. */
export interface World {
  readonly now: number;
  readonly rng: Rng;
  snapshot(ref: EntityRef): AnyMachineSnapshot | undefined;
  entities(kind: string): IterableIterator<[string, AnyMachineSnapshot]>;
  schedule(at: number, command: Command): void;
}

export interface StepInfo {
  readonly entry: LogEntry;
  readonly command: Command;
  readonly before: AnyMachineSnapshot | undefined;
  readonly after: AnyMachineSnapshot;
  readonly effects: readonly Effect[];
}

export interface Invariant {
  readonly id: string;
  readonly rules: readonly string[];
  readonly description: string;
  /** A message when the step broke the invariant. */
  readonly afterStep?: (step: StepInfo, world: World) => string | undefined;
  /** Messages for what is wrong once the run is over. */
  readonly atEnd?: (world: World) => readonly { entity: string; message: string }[];
}

export type EffectHandler = (effect: Effect, source: EntityRef, world: World) => void;
export type Preparer = (command: Command, world: World) => Command;

/**
 * Timeline commands pulled in time order instead of scheduled up front (sim/arrivals.ts). They run as if they had
 * all been scheduled when `feed` was called: after anything queued before, before anything queued after.
 */
export interface ArrivalSource {
  /** The virtual time of the next command, or undefined when none is left. */
  peekAt(): number | undefined;
  take(): Command;
  remaining(): number;
}

/** What a machine was offered: its creation input, or an event (with `at`), in the order the engine offered them. */
export type MachineOffer = { readonly input: unknown } | { readonly event: AnyEventObject };

export interface EngineOptions {
  readonly start: number;
  readonly end: number;
  readonly rng: Rng;
  readonly kinds: Readonly<Record<string, EntityKind>>;
  readonly effects?: Readonly<Record<string, EffectHandler>>;
  /** Fills what the event needs from the world (seeded draws, joins) before it is offered. */
  readonly prepare?: Preparer;
  readonly invariants?: readonly Invariant[];
  /** Receives every log line as it is produced (streaming writers, progress). */
  readonly onEntry?: (entry: LogEntry) => void;
  /**
   * Sees each creation input and event as the machine receives it (bench/: the run's machine steps are replayed
   * through the compiled stepper alone, the limit a run's cost is measured against).
   */
  readonly onOffer?: (entity: string, machine: AnyStateMachine, offer: MachineOffer) => void;
  /** Stop at the first violation instead of carrying on. */
  readonly stopOnViolation?: boolean;
  /** Upper bound on steps: a run that exceeds it has a timer loop (a bug). */
  readonly maxSteps?: number;
  /**
   * Step machines through their compiled tables (sim/compiled) instead of `transition()`; same results, faster.
   * Default: on, unless MARKETSIM_FAST_PATH=off. Machines the tables cannot reproduce always use XState.
   */
  readonly fastPath?: boolean;
  /**
   * Release every entity's snapshot between steps: it is dropped and rebuilt on demand from a template its
   * configuration shares and the kept context, so every reader (and every later event, timers and late merchant
   * replies included) sees the same snapshot as before. A snapshot with children, history, an output or an error,
   * or whose active states were entered in another order than its template's, is kept whole. Default: on, unless
   * MARKETSIM_RELEASE=off.
   */
  readonly release?: boolean;
}
