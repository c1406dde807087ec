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
  const entities: Record<string, number> = {};
  const finalStates: [string, string][] = [];
  for (const kind of kinds) {
    let count = 0;
    for (const [id, snapshot] of engine.entities(kind)) {
      count++;
      finalStates.push([`${kind}:${id}`, stateString(snapshot.value)]);
    }
    entities[kind] = count;
  }
  finalStates.sort(([a], [b]) => (a < b ? -1 : 1));
  return { entities, finalStates: Object.fromEntries(finalStates), pendingAtEnd: engine.pending };
}
