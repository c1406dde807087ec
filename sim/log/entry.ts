// The data format of a run's log: the commands offered to entities, the lines of events.jsonl and the violations
// of violations.jsonl. The engine produces these; reports and runs read them. Nothing here depends on the engine.
import type { AnyEventObject } from 'xstate';
import type { Expectation } from '../../scenarios/loader.js';

export interface EntityRef {
  readonly kind: string;
  readonly id: string;
}

/** An event offered to an entity at a virtual instant. */
export interface Command {
  readonly target: EntityRef;
  /** The machine event without `at` (the engine stamps the virtual time). */
  readonly event: AnyEventObject;
  readonly source: 'timeline' | 'timer' | 'sim';
  /** The timeline item it came from, for error messages and expectations. */
  readonly line?: number;
  readonly expect?: Expectation;
  /** Creates the target first, with this machine input, when it does not exist yet. */
  readonly create?: { readonly input: unknown };
  /** Timers: the virtual instant the machine asked for (checked by INV-TIMER-ON-TIME). */
  readonly dueAt?: number;
}

/**
 * A side effect a machine asked for, as logged: a named custom action and its params. What each name carries is
 * typed in ./effects.ts (EffectParams); the engine itself passes effects through without knowing their names.
 */
export interface Effect {
  readonly type: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** One line of events.jsonl. */
export interface LogEntry {
  readonly seq: number;
  readonly at: string;
  readonly entity: string;
  readonly event: string;
  readonly by?: string;
  readonly source: Command['source'] | 'spawn';
  readonly line?: number;
  readonly accepted: boolean;
  readonly state: string;
  readonly rules: readonly string[];
  readonly reason?: string;
  readonly payload?: Readonly<Record<string, unknown>>;
  readonly effects?: readonly Effect[];
}

export interface Violation {
  readonly seq: number;
  readonly at: string;
  readonly check: string;
  readonly rules: readonly string[];
  readonly entity: string;
  readonly message: string;
}
