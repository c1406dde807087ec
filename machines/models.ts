// How a machine is explored by xstate/graph: its input variants (profiles, product types) and the events to
// try from each state, with boundary-value payloads. Used by the model-based tests and `marketsim tests`.
import type { AnyStateMachine, EventFromLogic, InputFrom, SnapshotFrom } from 'xstate';
import type { BoundaryCase } from './boundaries.js';
import type { Platform } from './domain.js';

export interface MachineVariant<TMachine extends AnyStateMachine> {
  /** Short name, e.g. "tencent-image". */
  readonly name: string;
  readonly profile: Platform;
  readonly input: InputFrom<TMachine>;
  /** What a QA reader needs to know about this variant (e.g. { deliveryType: 'image' }): test-plan preconditions. */
  readonly facts?: Readonly<Record<string, string>>;
}

export interface MachineModel<TMachine extends AnyStateMachine = AnyStateMachine> {
  /** Entity kind / machine name, e.g. "product". */
  readonly name: string;
  readonly machine: TMachine;
  /** Rule IDs this machine encodes (each should be exercised by some generated path). */
  readonly rules: readonly string[];
  readonly variants: readonly MachineVariant<TMachine>[];
  /** Events to try from a snapshot; delayed transitions are offered as their `xstate.after.*` events. */
  readonly events: (snapshot: SnapshotFrom<TMachine>) => readonly EventFromLogic<TMachine>[];
  /**
   * The abstraction of a snapshot the traversal treats as "the same state": the state value plus the context
   * facts that change what the machine accepts. Must ignore counters (versions, timestamps) or the graph is infinite.
   */
  readonly serialize: (snapshot: SnapshotFrom<TMachine>) => string;
  /** Bounds exploration of loops (e.g. resubmissions); the traversal stops extending a path past this. */
  readonly maxDepth?: number;
  /** State ids no variant can reach, with the reason (reported, never hidden). */
  readonly unreachable?: Readonly<Record<string, string>>;
  /**
   * Boundary-value events to try from a snapshot (see machines/boundaries.ts); `marketsim tests` explores them
   * with `events` and makes one test case per label and variant, from the first state that handles the event.
   */
  readonly boundaries?: (snapshot: SnapshotFrom<TMachine>) => readonly BoundaryCase<EventFromLogic<TMachine>>[];
}

/** Narrows a model's type while keeping the registry's element type simple. */
export function defineModel<TMachine extends AnyStateMachine>(model: MachineModel<TMachine>): MachineModel<TMachine> {
  return model;
}
