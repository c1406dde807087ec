// What summary.json reads from a run's world once the run is over: how many entities of each kind, the state each
// ended in, and what was still queued. Taken once, so the world (every entity, timer, wallet and merchant's state,
// most of a large run's memory) can be let go before the run is settled and its files are built.
import type { Engine } from '../sim/engine/engine.js';
import { stateString } from '../machines/introspect/stateText.js';

export interface WorldAtEnd {
  /** Entities by kind, in the order of the kinds given. */
  readonly entities: Readonly<Record<string, number>>;
  /** `kind:id` → the state it ended in, sorted by key. */
  readonly finalStates: Readonly<Record<string, string>>;
  /** Events still queued (due after the end, or left when the run stopped). */
  readonly pendingAtEnd: number;
}

export function worldAtEnd(engine: Engine, kinds: readonly string[]): WorldAtEnd {
  return worldFrom(finalStatesOf(engine, kinds), kinds, engine.pending);
}

/** `kind:id` and the state it ended in, for every entity of `kinds` (a shard of a split run passes its own). */
export function finalStatesOf(engine: Engine, kinds: readonly string[]): [string, string][] {
  const finalStates: [string, string][] = [];
  for (const kind of kinds) for (const [id, snapshot] of engine.entities(kind)) finalStates.push([`${kind}:${id}`, stateString(snapshot.value)]);
  return finalStates;
}

/** The world at the end from its final states (each entity once, in any order): counted by kind, sorted by key. */
export function worldFrom(finalStates: readonly (readonly [string, string])[], kinds: readonly string[], pendingAtEnd: number): WorldAtEnd {
  const entities: Record<string, number> = Object.fromEntries(kinds.map((kind) => [kind, 0]));
  for (const [key] of finalStates) {
    const kind = key.slice(0, key.indexOf(':'));
    if (kind in entities) entities[kind]!++;
  }
  const sorted = [...finalStates].sort(([a], [b]) => (a < b ? -1 : 1));
  return { entities, finalStates: Object.fromEntries(sorted), pendingAtEnd };
}
