// Recorded event streams for the benchmarks: seeded random walks over a machine's exploration model (events from
// `model.events(snapshot)`, timers fired when due), replayed identically by every path under measurement.
import type { AnyEventObject } from 'xstate';
import { initialTransition, transition } from 'xstate';
import type { MachineModel } from '../machines/models.js';
import { Rng } from '../sim/rng.js';

export interface Stream {
  readonly input: unknown;
  readonly events: readonly AnyEventObject[];
}

const DAY_MS = 86_400_000;

/** `count` streams of `length` events each; timers are offered as their `xstate.after.*` event when pending. */
export function recordStreams(model: MachineModel, count: number, length: number, seed: string): Stream[] {
  const rng = new Rng(seed);
  const streams: Stream[] = [];
  for (let s = 0; s < count; s++) {
    const variant = model.variants[s % model.variants.length]!;
    let [snapshot, actions] = initialTransition(model.machine, variant.input);
    let now = Date.UTC(2024, 0, 1);
    const timers = new Map<string, { event: AnyEventObject; due: number }>();
    const events: AnyEventObject[] = [];
    for (let i = 0; i < length; i++) {
      for (const a of actions) {
        const p = (a.params ?? {}) as { id?: string; event?: AnyEventObject; delay?: number; sendId?: string };
        const type: string = a.type;
        if (type === 'xstate.raise' && p.event && typeof p.delay === 'number') timers.set(p.id ?? p.event.type, { event: p.event, due: now + p.delay });
        if (type === 'xstate.cancel' && p.sendId) timers.delete(p.sendId);
      }
      const pending = [...timers.entries()];
      let event: AnyEventObject;
      if (pending.length > 0 && rng.chance({ numerator: 1, denominator: 3 })) {
        const [id, timer] = rng.pick(pending);
        timers.delete(id);
        now = Math.max(now, timer.due);
        event = { ...timer.event, at: now };
      } else {
        now += rng.int(0, 2 * DAY_MS);
        event = { ...rng.pick(model.events(snapshot as never) as readonly AnyEventObject[]), at: now };
      }
      events.push(event);
      const [next, nextActions] = transition(model.machine, snapshot, event);
      actions = next !== snapshot ? nextActions : [];
      snapshot = next;
    }
    streams.push({ input: variant.input, events });
  }
  return streams;
}
