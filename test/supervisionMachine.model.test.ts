// Model-based tests of service supervision: xstate/graph walks the shortest path to every distinct
// state of every variant; the paths together must take every state and every transition of the machine, and
// each path replays through the real engine, its timers firing on the virtual clock.
import { describe, expect, test } from 'vitest';
import { transition, type AnyMachineSnapshot, type AnyStateNode, type AnyTransitionDefinition, type EventObject } from 'xstate';
import { createTestModel } from 'xstate/graph';
import { supervisionModel } from '../machines/supervisionMachine.model.js';
import { timersAsEvents } from '../machines/testable.js';
import { Engine } from '../sim/engine/engine.js';
import { KINDS } from '../sim/kinds/index.js';
import { Rng } from '../sim/rng.js';
import { stateString } from '../machines/introspect/stateText.js';

type Variant = (typeof supervisionModel.variants)[number];
const testable = timersAsEvents(supervisionModel.machine);

function allNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => allNodes(child as AnyStateNode))];
}

const transitionKey = (t: AnyTransitionDefinition): string =>
  `${t.source.id} ${t.eventType} #${t.source.transitions.get(t.eventType)!.indexOf(t)}`;

/** Every transition of the machine (delayed ones as their after-events), guarded alternatives counted apart. */
const ALL_TRANSITIONS = allNodes(testable.root).flatMap((node) => [...node.transitions.values()].flat().map(transitionKey));

interface Step {
  readonly event: EventObject;
  readonly state: AnyMachineSnapshot;
}

/**
 * Shortest paths reach every state but skip edges back into states already reached (the rejection loop, an
 * appeal resolved, a reminder). So every shortest path is extended by each event its end state accepts: the
 * resulting paths take every edge of the explored graph.
 */
function edgePaths(variant: Variant): Step[][] {
  const shortest = createTestModel(testable, {
    events: (snapshot) => supervisionModel.events(snapshot),
    serializeState: (snapshot) => supervisionModel.serialize(snapshot),
    input: variant.input,
  }).getShortestPaths();
  // getShortestPaths drops paths that are prefixes of others: every prefix is a shortest path to its end state.
  const toState = new Map<string, Step[]>();
  for (const path of shortest) {
    const steps = path.steps as unknown as Step[];
    steps.forEach((step, i) => {
      const key = supervisionModel.serialize(step.state as never);
      if (!toState.has(key)) toState.set(key, steps.slice(0, i + 1));
    });
  }
  return [...toState.values()].flatMap((steps) => {
    const end = steps[steps.length - 1]!.state;
    const extended = supervisionModel
      .events(end as never)
      .map((event) => ({ event, state: transition(testable, end as never, event as never)[0] as AnyMachineSnapshot }))
      .filter((step) => step.state !== end)
      .map((step) => [...steps, step]);
    return [steps, ...extended];
  });
}

const pathsByVariant = new Map(supervisionModel.variants.map((variant) => [variant.name, edgePaths(variant)]));

function pathsOf(variant: Variant) {
  return pathsByVariant.get(variant.name)!;
}

const isTimer = (event: EventObject) => event.type.startsWith('xstate.after.');

/** The delay of the timer an after-event stands for, read from the rules params (as the machine does). */
function timerDelay(variant: Variant, event: EventObject): number {
  const params = variant.input.params;
  if (event.type.includes('.hardwareAutoAccept.')) return params.hardwareAutoAcceptDelayMs;
  if (event.type.includes('.appOrchestrationCompletion.')) return params.appOrchestrationCompletionDelayMs;
  throw new Error(`unknown timer ${event.type}`);
}

describe('supervision, model-based (SUP-1..10)', () => {
  for (const variant of supervisionModel.variants) {
    test(`${variant.name}: every shortest path replays through the engine, timers on the virtual clock`, () => {
      for (const path of pathsOf(variant)) {
        const engine = new Engine({ start: 0, end: Number.MAX_SAFE_INTEGER, rng: new Rng('model'), kinds: KINDS });
        const ref = { kind: 'supervision', id: 'o1' };
        engine.spawn(ref, variant.input);
        for (const step of path.filter((s) => s.event.type !== 'xstate.init')) {
          const where = `${path.map((s) => s.event.type).join(' → ')} at ${step.event.type}`;
          if (isTimer(step.event)) {
            const due = engine.now + timerDelay(variant, step.event);
            engine.runUntil(due - 1);
            expect(stateString(engine.snapshot(ref)!.value), `${where}: not before its due time`).not.toBe(stateString(step.state.value));
            engine.runUntil(due);
          } else {
            const { at: _at, ...event } = step.event as { at: number; type: string };
            expect(engine.step({ target: ref, event, source: 'timeline' }).accepted, where).toBe(true);
          }
          expect(stateString(engine.snapshot(ref)!.value), where).toBe(stateString(step.state.value));
        }
      }
    });
  }

  test('SUP-1 SUP-2 SUP-3 SUP-4 SUP-5 SUP-6 SUP-7 SUP-8 SUP-9 SUP-10: the variants reach every state of the machine', () => {
    const reached = new Set<string>();
    for (const variant of supervisionModel.variants) {
      for (const path of pathsOf(variant)) for (const step of path) for (const node of step.state._nodes) reached.add(node.id);
    }
    const missing = allNodes(supervisionModel.machine.root).map((n) => n.id).filter((id) => !reached.has(id));
    expect(missing).toEqual([]);
  });

  test('SUP-1 SUP-2 SUP-3 SUP-4 SUP-5 SUP-6 SUP-7 SUP-8 SUP-9 SUP-10: the variants take every transition of the machine', () => {
    const taken = new Set<string>();
    for (const variant of supervisionModel.variants) {
      for (const path of pathsOf(variant)) {
        let previous = path[0]!.state;
        for (const step of path.slice(1)) {
          for (const t of testable.getTransitionData(previous as never, step.event as never)) taken.add(transitionKey(t));
          previous = step.state;
        }
      }
    }
    expect(ALL_TRANSITIONS.length).toBeGreaterThan(25);
    expect(ALL_TRANSITIONS.filter((key) => !taken.has(key))).toEqual([]);
  });
});
