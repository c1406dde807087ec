// Model-based test of the enterprise machine: xstate/graph walks the shortest path to every
// distinct state of the exploration model, and each path is replayed through the real engine.
import { describe, expect, test } from 'vitest';
import type { AnyStateNode } from 'xstate';
import { createTestModel } from 'xstate/graph';
import { enterpriseModel } from '../machines/enterpriseMachine.model.js';
import { Engine } from '../sim/engine/engine.js';
import { enterpriseModule } from '../sim/kinds/enterprise/index.js';
import { Rng } from '../sim/rng.js';
import { stateString } from '../machines/introspect/stateText.js';

function allStateIds(node: AnyStateNode): string[] {
  return [node.id, ...Object.values(node.states).flatMap((child) => allStateIds(child as AnyStateNode))];
}

const variant = enterpriseModel.variants[0]!;
const paths = createTestModel(enterpriseModel.machine, {
  events: (snapshot) => enterpriseModel.events(snapshot),
  serializeState: (snapshot) => enterpriseModel.serialize(snapshot),
  input: variant.input,
}).getShortestPaths();

/** Replays every path through the engine; each step must be accepted and land where the model says. */
function replayAll(): { rules: Set<string> } {
  const rules = new Set<string>();
  for (const path of paths) {
    const engine = new Engine({ start: 0, end: Number.MAX_SAFE_INTEGER, rng: new Rng('model'), kinds: { enterprise: enterpriseModule.entity } });
    const ref = { kind: 'enterprise', id: 'e1' };
    engine.spawn(ref, variant.input);
    for (const step of path.steps.filter((s) => (s.event.type as string) !== 'xstate.init')) {
      const { at: _at, ...event } = step.event as { at: number; type: string };
      const entry = engine.step({ target: ref, event, source: 'timeline' });
      const where = `${path.description} at ${step.event.type}`;
      expect(entry.accepted, where).toBe(true);
      expect(stateString(engine.snapshot(ref)!.value), where).toBe(stateString(step.state.value));
      for (const rule of entry.rules) rules.add(rule);
    }
  }
  return { rules };
}

describe('enterprise, model-based (ORG-1..4, INT-2)', () => {
  test('ORG-1 ORG-2 ORG-3 ORG-4 INT-2: every shortest path replays through the engine, exercising every rule', () => {
    expect(paths.length).toBeGreaterThan(20);
    const { rules } = replayAll();
    expect([...rules].sort()).toEqual([...enterpriseModel.rules].sort());
  });

  test('the paths reach every state of the machine', () => {
    const reached = new Set<string>();
    for (const path of paths) for (const step of path.steps) for (const node of step.state._nodes) reached.add(node.id);
    const missing = allStateIds(enterpriseModel.machine.root).filter((id) => !reached.has(id));
    expect(missing).toEqual([]);
  });
});
