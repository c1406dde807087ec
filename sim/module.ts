// What an entity kind (or the merchant peer) brings to a run, in one object: its machine and how a refusal is explained (the engine's
// EntityKind), the preparers of the events it receives, the handlers of the effects it carries out, and the
// invariants that watch it. sim/kinds/index.ts builds the run's registries from the list of these modules.
import type { AnyEventObject, AnyMachineSnapshot } from 'xstate';
import type { Refusal } from '../machines/introspect/refusal.js';
import type { EffectHandler, EntityKind, Invariant, World } from './engine/engine.js';
import type { EffectName, TypedEffect } from './log/effects.js';
import { isEffect } from './log/effects.js';
import type { Command, EntityRef } from './log/entry.js';
import type { RunContext } from './runContext.js';

/** Fills what a timeline event leaves to chance or to the world (seeded draws, joins) before it is offered. */
export type EventPreparer = (command: Command, world: World, run: RunContext) => Command;

export type TypedEffectHandler<K extends EffectName> = (effect: TypedEffect<K>, source: EntityRef, world: World) => void;

/** Per effect name, the factory of its handler for one run. */
export type EffectHandlerFactories = { readonly [K in EffectName]?: (run: RunContext) => TypedEffectHandler<K> };

/** A module that carries out effects or watches the run without being an entity kind (the merchant peer). */
export interface SimModule {
  readonly name: string;
  /** Per event type. */
  readonly preparers?: Readonly<Record<string, EventPreparer>>;
  readonly effects?: EffectHandlerFactories;
  readonly invariants?: readonly Invariant[];
}

export interface KindModule extends SimModule {
  readonly entity: EntityKind;
}

/** A kind's refusal explanation over its own snapshot type (the engine hands it the kind's snapshots only). */
export function explainedBy<S extends AnyMachineSnapshot>(explain: (snapshot: S, event: AnyEventObject) => Refusal | undefined): EntityKind['explain'] {
  return (snapshot, event) => explain(snapshot as S, event);
}

export function withFields(command: Command, fields: Record<string, unknown>): Command {
  return { ...command, event: { ...command.event, ...fields } };
}

/** The engine's untyped handler for one effect name: effects of other names never reach it. */
export function bindEffect<K extends EffectName>(type: K, handler: TypedEffectHandler<K>): EffectHandler {
  return (effect, source, world) => {
    if (isEffect(effect, type)) handler(effect, source, world);
  };
}
