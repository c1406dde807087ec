// Per-step cost of one machine (product lifecycle) on the same recorded streams, every path in the same run:
// createActor().send(), pure transition(), the engine's old XState core (rules + transition), the compiled
// step, the whole Engine.step with the fast path off and on, and a hand-written reducer (the practical limit).
import type { AnyMachineSnapshot } from 'xstate';
import { createActor, initialTransition, transition } from 'xstate';
import { productModel } from '../machines/productMachine.model.js';
import type { ProductContext } from '../machines/productMachine.js';
import { compileMachine } from '../sim/engine/_compiled/index.js';
import { Engine } from '../sim/engine/engine.js';
import { enabledRules } from '../machines/introspect/refusal.js';
import { Rng } from '../sim/rng.js';
import { stateString } from '../machines/introspect/stateText.js';
import { productKind } from './productKind.js';
import { reduceProduct, reducerStateString, type ProductState } from './productReducer.js';
import { recordStreams, type Stream } from './streams.js';
import { bestNsPer, fmt } from './timing.js';

/** An XState clock that never fires: timers are delivered from the recorded stream, like the engine does. */
const silentClock = { setTimeout: () => 0, clearTimeout: () => {} };

export interface MicroOptions {
  readonly streams: number;
  readonly length: number;
  readonly rounds: number;
  readonly seed: string;
}

export function runMicro(options: MicroOptions): void {
  const machine = productModel.machine;
  const streams = recordStreams(productModel as never, options.streams, options.length, options.seed);
  const steps = streams.reduce((n, s) => n + s.events.length, 0);
  const initials = streams.map((s) => initialTransition(machine, s.input as never)[0] as AnyMachineSnapshot);
  console.log(`per-step cost, product machine: ${streams.length} recorded streams × ${options.length} events = ${steps} steps (SEED=${options.seed}), best of ${options.rounds}`);
  checkReducer(streams, initials);

  const compiled = compileMachine(machine).step!;
  const results: [string, number][] = [];
  const time = (name: string, body: () => void) => results.push([name, bestNsPer(steps, options.rounds, body)]);

  // One actor per entity; creating and starting it is per entity, so it is timed apart and taken out.
  const perActorNs = bestNsPer(steps, options.rounds, () => actors(streams, machine, false));
  results.push(['createActor().send()', bestNsPer(steps, options.rounds, () => actors(streams, machine, true)) - perActorNs]);
  time('transition()', () => {
    streams.forEach((s, i) => {
      let snap = initials[i]!;
      for (const e of s.events) snap = transition(machine, snap, e as never)[0];
    });
  });
  time('engine core, XState (rules + transition)', () => {
    streams.forEach((s, i) => {
      let snap = initials[i]!;
      for (const e of s.events) {
        enabledRules(snap, e);
        snap = transition(machine, snap, e as never)[0];
      }
    });
  });
  time('engine core, compiled step', () => {
    streams.forEach((s, i) => {
      let snap = initials[i]!;
      for (const e of s.events) snap = compiled(snap, e)!.snapshot;
    });
  });
  time('Engine.step, fast path off', () => engineRun(streams, false));
  time('Engine.step, fast path on', () => engineRun(streams, true));
  time('hand-written reducer', () => {
    streams.forEach((s, i) => {
      let st: ProductState = { status: 'draft', change: 'idle', delisting: 'none', context: initials[i]!.context as ProductContext };
      for (const e of s.events) st = reduceProduct(st, e as never) ?? st;
    });
  });
  print(results);
}

function actors(streams: readonly Stream[], machine: typeof productModel.machine, send: boolean): void {
  const all = streams.map((s) => createActor(machine, { input: s.input as never, clock: silentClock }).start());
  if (send) {
    streams.forEach((s, i) => {
      for (const e of s.events) all[i]!.send(e as never);
    });
  }
  for (const a of all) a.stop();
}

function engineRun(streams: readonly Stream[], fastPath: boolean): void {
  const engine = new Engine({ start: 0, end: Number.MAX_SAFE_INTEGER, rng: new Rng('bench'), kinds: { product: productKind }, fastPath });
  streams.forEach((s, i) => engine.spawn({ kind: 'product', id: `p${i}` }, s.input));
  streams.forEach((s, i) => {
    const target = { kind: 'product', id: `p${i}` };
    for (const e of s.events) engine.step({ target, event: e, source: e.type.startsWith('xstate.after.') ? 'timer' : 'timeline' });
  });
}

/** The reducer is only a fair limit if it decides like the machine: same final state on every stream. */
function checkReducer(streams: readonly Stream[], initials: readonly AnyMachineSnapshot[]): void {
  let mismatches = 0;
  streams.forEach((s, i) => {
    let snap = initials[i]!;
    let st: ProductState = { status: 'draft', change: 'idle', delisting: 'none', context: snap.context as ProductContext };
    for (const e of s.events) {
      snap = transition(productModel.machine, snap, e as never)[0];
      st = reduceProduct(st, e as never) ?? st;
    }
    if (stateString(snap.value) !== reducerStateString(st)) mismatches++;
  });
  console.log(`hand-written reducer agrees with XState's final state on ${streams.length - mismatches}/${streams.length} streams`);
}

function print(results: readonly [string, number][]): void {
  const get = (name: string) => results.find(([n]) => n === name)![1];
  const actor = get('createActor().send()');
  const reducer = get('hand-written reducer');
  console.log(`${'path'.padEnd(44)} ${'µs/step'.padStart(9)} ${'× faster than send()'.padStart(21)} ${'× reducer cost'.padStart(15)}`);
  for (const [name, ns] of results) {
    console.log(`${name.padEnd(44)} ${fmt(ns / 1000, 3).padStart(9)} ${fmt(actor / ns, 1).padStart(21)} ${fmt(ns / reducer, 1).padStart(15)}`);
  }
}
