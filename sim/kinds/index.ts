// The entity kinds a run hosts and the registries built from them. Adding a kind is one folder under sim/kinds/
// exporting a KindModule, and one line in KIND_MODULES.
import type { EffectHandler, EntityKind, Invariant, Preparer } from '../engine/engine.js';
import { TIMER_ON_TIME } from '../engine/timerInvariant.js';
import type { EffectName } from '../log/effects.js';
import { merchantModule } from '../merchant/index.js';
import { bindEffect, type EffectHandlerFactories, type EventPreparer, type KindModule, type SimModule } from '../module.js';
import type { RunContext } from '../runContext.js';
import { enterpriseModule } from './enterprise/index.js';
import { orderModule } from './order/index.js';
import { productModule } from './product/index.js';
import { supervisionModule } from './supervision/index.js';

export const KIND_MODULES: readonly KindModule[] = [productModule, enterpriseModule, supervisionModule, orderModule];

/** Every part of a run that prepares events, carries out effects or watches: the kinds and the merchant peer. */
const MODULES: readonly SimModule[] = [...KIND_MODULES, merchantModule];

export const KINDS: Readonly<Record<string, EntityKind>> = Object.fromEntries(KIND_MODULES.map((m) => [m.entity.kind, m.entity]));

/** Per event type; two modules preparing the same event type is a bug in the list. */
export const PREPARERS: Readonly<Record<string, EventPreparer>> = mergeUnique(MODULES.map((m) => m.preparers ?? {}), 'preparer');

export const EFFECT_HANDLERS: EffectHandlerFactories = mergeUnique(MODULES.map((m) => m.effects ?? {}), 'effect handler');

export const INVARIANTS: readonly Invariant[] = [TIMER_ON_TIME, ...MODULES.flatMap((m) => m.invariants ?? [])];

/** A handler factory as the engine takes it (tests plant their own under an effect's name). */
export type EffectHandlerFactory = (run: RunContext) => EffectHandler;

/** The handlers for one run; `overrides` (test-only) replace factories by effect type. */
export function createEffectHandlers(run: RunContext, overrides: Readonly<Record<string, EffectHandlerFactory>> = {}): Record<string, EffectHandler> {
  const handlers: Record<string, EffectHandler> = {};
  for (const name of Object.keys(EFFECT_HANDLERS) as EffectName[]) handlers[name] = bound(name, run);
  for (const [name, factory] of Object.entries(overrides)) handlers[name] = factory(run);
  return handlers;
}

function bound<K extends EffectName>(name: K, run: RunContext): EffectHandler {
  const factory = EFFECT_HANDLERS[name] as EffectHandlerFactories[K] & {};
  return bindEffect(name, factory(run));
}

export function createPreparer(run: RunContext): Preparer {
  return (command, world) => PREPARERS[command.event.type]?.(command, world, run) ?? command;
}

function mergeUnique<T>(parts: readonly Readonly<Record<string, T>>[], what: string): Record<string, T> {
  const merged: Record<string, T> = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if (key in merged) throw new Error(`two modules register a ${what} for '${key}'`);
      merged[key] = value;
    }
  }
  return merged;
}
