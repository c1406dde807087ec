// Model-based tests of the product lifecycle: xstate/graph's createTestModel walks the shortest path
// to every reachable state of every variant, and each path is replayed through the real engine.
import { describe, expect, test } from 'vitest';
import type { AnyStateNode } from 'xstate';
import { createTestModel } from 'xstate/graph';
import { productModel } from '../machines/productMachine.model.js';
import { timersAsEvents } from '../machines/testable.js';
import { Engine } from '../sim/engine/engine.js';
import { KINDS } from '../sim/kinds/index.js';
import { Rng } from '../sim/rng.js';
import { stateString } from '../machines/introspect/stateText.js';

function allStateIds(node: AnyStateNode): string[] {
  return [node.id, ...Object.values(node.states).flatMap((child) => allStateIds(child as AnyStateNode))];
}

function pathsOf(variant: (typeof productModel.variants)[number]) {
  const model = createTestModel(timersAsEvents(productModel.machine), {
    events: (snapshot) => productModel.events(snapshot),
    serializeState: (snapshot) => productModel.serialize(snapshot),
    input: variant.input,
  });
  return model.getShortestPaths();
}

describe('product lifecycle, model-based (PUB, HIDE, DEL)', () => {
  for (const variant of productModel.variants) {
    test(`${variant.name}: every shortest path replays through the engine to the same state`, () => {
      const paths = pathsOf(variant);
      expect(paths.length).toBeGreaterThan(3);
      for (const path of paths) {
        const engine = new Engine({ start: 0, end: Number.MAX_SAFE_INTEGER, rng: new Rng('model'), kinds: KINDS });
        engine.spawn({ kind: 'product', id: 'p' }, variant.input);
        for (const step of path.steps) {
          const isTimer = step.event.type.startsWith('xstate.after.');
          if (isTimer) {
            // The delayed transition fires on the virtual clock, not by hand; a year covers every delay the model
            // has (reviews, a notice's effective time), and the clock stays a real date for the steps after it.
            engine.runUntil(engine.now + 366 * 86_400_000);
          } else {
            engine.step({ target: { kind: 'product', id: 'p' }, event: step.event, source: 'timeline' });
          }
          const actual = engine.snapshot({ kind: 'product', id: 'p' })!;
          expect(stateString(actual.value), `${path.description} at ${step.event.type}`).toBe(stateString(step.state.value));
        }
      }
    });
  }

  test('the variants together reach every state of the machine', () => {
    const reached = new Set<string>();
    for (const variant of productModel.variants) {
      for (const path of pathsOf(variant)) for (const step of path.steps) for (const n of step.state._nodes) reached.add(n.id);
    }
    const missing = allStateIds(productModel.machine.root).filter((id) => !reached.has(id));
    expect(missing).toEqual([]);
  });
});
