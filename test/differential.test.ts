// The fast path against XState's own `transition()`: every model in ALL_MODELS (machines added later
// are covered by registering their model), every variant, every generated shortest path and seeded random walks
// with timer firings; at every step the same state value (key order too), nodes, context, acceptance, rule IDs,
// actions (effects with resolved params, timers scheduled and cancelled) and refusal explanation.
import { describe, expect, test } from 'vitest';
import type { AnyEventObject, AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { assign, enqueueActions, initialTransition, setup, transition } from 'xstate';
import { createTestModel } from 'xstate/graph';
import { ALL_MODELS } from '../machines/allModels.js';
import type { MachineModel } from '../machines/models.js';
import { timersAsEvents } from '../machines/testable.js';
import { compileMachine } from '../sim/engine/_compiled/index.js';
import { enabledRules, explainRefusal } from '../machines/introspect/refusal.js';
import { Rng } from '../sim/rng.js';

const WALKS_PER_MODEL = 200;
const STEPS_PER_WALK = 50;
const START = Date.UTC(2024, 0, 1, 1, 0, 0);

interface Timer {
  readonly id: string;
  readonly event: AnyEventObject;
  readonly due: number;
}

/** One step through both paths, from each path's own previous snapshot; fails on the first difference. */
function compare(machine: AnyStateMachine, xsBefore: AnyMachineSnapshot, fastBefore: AnyMachineSnapshot, event: AnyEventObject, where: string) {
  const step = compileMachine(machine).step!;
  const rules = enabledRules(xsBefore, event);
  const [xsAfter, xsActions] = transition(machine, xsBefore, event);
  const compiled = step(fastBefore, event);
  // A step left to XState at run time is legal, but these machines should never need it: it would hide gaps.
  expect(compiled, `${where}: the compiled step gave up`).toBeDefined();
  const fast = compiled!;
  const xsAccepted = xsAfter !== xsBefore;
  expect(fast.snapshot !== fastBefore, `${where}: accepted`).toBe(xsAccepted);
  expect(JSON.stringify(fast.snapshot.value), `${where}: state value`).toBe(JSON.stringify(xsAfter.value));
  expect(nodeIds(fast.snapshot), `${where}: active nodes in order`).toEqual(nodeIds(xsAfter));
  expect(fast.snapshot.status, `${where}: status`).toBe(xsAfter.status);
  expect(fast.snapshot.context, `${where}: context`).toStrictEqual(xsAfter.context);
  expect(JSON.stringify(fast.snapshot.context), `${where}: context key order`).toBe(JSON.stringify(xsAfter.context));
  expect(fast.rules, `${where}: rules`).toEqual(rules);
  const xsResolved = xsActions.map((a) => ({ type: a.type, params: a.params }));
  expect(fast.actions, `${where}: actions (effects, timers scheduled and cancelled)`).toStrictEqual(xsResolved);
  expect(JSON.stringify(fast.snapshot.getMeta()), `${where}: meta`).toBe(JSON.stringify(xsAfter.getMeta()));
  if (!xsAccepted) expect(explainRefusal(fast.snapshot, event), `${where}: refusal`).toEqual(explainRefusal(xsAfter, event));
  return { xs: xsAfter, fast: fast.snapshot, actions: xsResolved };
}

/** The initial snapshot both ways (initialTransition and the compiled initial), compared like a step. */
function initialPair(machine: AnyStateMachine, input: unknown, where: string) {
  const [xs, xsActions] = initialTransition(machine, input);
  const compiled = compileMachine(machine).initial!(input);
  expect(compiled, `${where}: the compiled initial state gave up`).toBeDefined();
  const fast = compiled!.snapshot;
  expect(JSON.stringify(fast.value), `${where}: initial value`).toBe(JSON.stringify(xs.value));
  expect(nodeIds(fast), `${where}: initial nodes`).toEqual(nodeIds(xs));
  expect(fast.status, `${where}: initial status`).toBe(xs.status);
  expect(JSON.stringify(fast.context), `${where}: initial context`).toBe(JSON.stringify(xs.context));
  expect(fast.context).toStrictEqual(xs.context);
  const xsResolved = xsActions.map((a) => ({ type: a.type, params: a.params }));
  expect(compiled!.actions, `${where}: initial actions`).toStrictEqual(xsResolved);
  expect(JSON.stringify(fast.getMeta()), `${where}: initial meta`).toBe(JSON.stringify(xs.getMeta()));
  return { xs, fast, actions: xsResolved };
}

function nodeIds(snapshot: AnyMachineSnapshot): string[] {
  return (snapshot as unknown as { _nodes: { id: string }[] })._nodes.map((n) => n.id);
}

function shortestPaths(model: MachineModel, input: unknown) {
  const testModel = createTestModel(timersAsEvents(model.machine), {
    events: (snapshot) => model.events(snapshot as never) as AnyEventObject[],
    serializeState: (snapshot) => model.serialize(snapshot as never),
    input,
  });
  return testModel.getShortestPaths();
}

/** Timers as the engine keeps them: a raise with a delay schedules, a cancel drops, firing removes. */
function updateTimers(timers: Timer[], actions: readonly { type: string; params: unknown }[], now: number): Timer[] {
  let next = timers;
  for (const action of actions) {
    const params = (action.params ?? {}) as { id?: string; event?: AnyEventObject; delay?: number; sendId?: string };
    if (action.type === 'xstate.raise' && typeof params.delay === 'number' && params.event) {
      next = [...next.filter((t) => t.id !== params.id), { id: params.id ?? params.event.type, event: params.event, due: now + params.delay }];
    } else if (action.type === 'xstate.cancel') {
      next = next.filter((t) => t.id !== params.sendId);
    }
  }
  return next;
}

function randomWalk(model: MachineModel, input: unknown, rng: Rng, label: string): number {
  const machine = model.machine;
  const start = initialPair(machine, input, `${label} initial`);
  const initialActions = start.actions;
  let xs = start.xs;
  let fast = start.fast;
  let now = START;
  let timers = updateTimers([], initialActions, now);
  let accepted = 0;
  for (let i = 0; i < STEPS_PER_WALK; i++) {
    const offered = model.events(xs as never) as readonly AnyEventObject[];
    const fireTimer = timers.length > 0 && rng.chance({ numerator: 1, denominator: 4 });
    let event: AnyEventObject;
    if (fireTimer) {
      const timer = rng.pick(timers);
      now = Math.max(now, timer.due);
      timers = timers.filter((t) => t !== timer);
      event = { ...timer.event, at: now };
    } else {
      now += rng.int(0, 3 * 86_400_000);
      event = { ...rng.pick(offered), at: now };
    }
    const r = compare(machine, xs, fast, event, `${label} step ${i} ${event.type}`);
    if (r.xs !== xs) accepted++;
    if (r.xs !== xs) timers = updateTimers(timers, r.actions, now);
    xs = r.xs;
    fast = r.fast;
  }
  return accepted;
}

describe('fast path = XState transition(), every model', () => {
  test('a machine either compiles or says why it is stepped by XState; today\'s machines all compile', () => {
    for (const model of ALL_MODELS) {
      const { step, unsupported } = compileMachine(model.machine);
      expect(step === undefined, `${model.name}: ${unsupported.join('; ')}`).toBe(unsupported.length > 0);
    }
    for (const name of ['product', 'enterprise', 'supervision', 'order']) {
      const model = ALL_MODELS.find((m) => m.name === name);
      expect(model && compileMachine(model.machine).unsupported, name).toEqual([]);
    }
  });

  for (const model of ALL_MODELS) {
    if (!compileMachine(model.machine).step) continue;
    describe(model.name, () => {
      for (const variant of model.variants) {
        test(`${variant.name}: every shortest path`, () => {
          const paths = shortestPaths(model, variant.input);
          expect(paths.length).toBeGreaterThan(0);
          for (const [p, path] of paths.entries()) {
            const start = initialPair(model.machine, variant.input, `path ${p} initial`);
            let xs = start.xs;
            let fast = start.fast;
            for (const [i, step] of path.steps.entries()) {
              if (i === 0 && step.event.type === 'xstate.init') continue;
              const r = compare(model.machine, xs, fast, step.event as AnyEventObject, `path ${p} step ${i} ${step.event.type}`);
              xs = r.xs;
              fast = r.fast;
            }
          }
        });
      }

      const seed = `differential-${model.name}`;
      test(`${WALKS_PER_MODEL} random walks of ${STEPS_PER_WALK} steps with timers, SEED=${seed}`, () => {
        const rng = new Rng(seed);
        let accepted = 0;
        for (let w = 0; w < WALKS_PER_MODEL; w++) {
          const variant = model.variants[w % model.variants.length]!;
          accepted += randomWalk(model, variant.input, rng.fork(`walk-${w}`), `${seed} walk ${w} (${variant.name})`);
        }
        // A walk that never gets past the first state would compare little: most steps are refusals otherwise.
        expect(accepted).toBeGreaterThan(WALKS_PER_MODEL);
      });
    });
  }
});

describe('enqueueActions in the fast path (the order machine\'s effects)', () => {
  const counter = setup({
    types: {} as { context: { n: number }; events: { type: 'go'; by: number } | { type: 'raise' } },
    guards: { big: ({ event }) => event.type === 'go' && event.by > 5 },
    actions: {
      effect: (_, _params: { n: number }) => {},
      bump: enqueueActions(({ context, event, enqueue, check }) => {
        enqueue.assign({ n: context.n + (event.type === 'go' ? event.by : 0) });
        enqueue({ type: 'effect', params: ({ context: c }: { context: { n: number } }) => ({ n: c.n }) } as never);
        if (check('big' as never)) enqueue({ type: 'effect', params: { n: -1 } } as never);
      }),
      raiseIt: enqueueActions(({ enqueue }) => enqueue.raise({ type: 'go', by: 1 })),
    },
  }).createMachine({ context: { n: 0 }, on: { go: { actions: 'bump' }, raise: { actions: 'raiseIt' } } });

  test('enqueue of named actions with params, enqueue.assign and check give what transition() gives', () => {
    let xs = initialTransition(counter)[0];
    let fast = xs;
    for (const by of [1, 7, 3, 9]) {
      const r = compare(counter, xs, fast, { type: 'go', by }, `go ${by}`);
      xs = r.xs;
      fast = r.fast;
    }
    expect(fast.context).toEqual({ n: 20 });
  });

  test('any other enqueue helper leaves the step to XState', () => {
    const [initial] = initialTransition(counter);
    expect(compileMachine(counter).step!(initial, { type: 'raise' })).toBeUndefined();
  });
});

describe('planned microsteps (the stepper caches the structure per configuration and transitions)', () => {
  // Parallel regions that select together (and one that a deeper-first region preempts), a reentering self
  // transition (same node set, new order), several eventless transitions at once, done.state events and a
  // finished machine: the structural paths the product machines barely reach.
  const note = (s: string) => ({ type: 'note', params: { s } }) as const;
  const regions = setup({
    types: {} as { context: { log: string[]; n: number }; events: { type: 'go' | 'both' | 'again' | 'cross' | 'bump' } },
    guards: { high: ({ context }) => context.n >= 2 },
    actions: { note: assign(({ context }, params: { s: string }) => ({ log: [...context.log, params.s] })) },
  }).createMachine({
    id: 'm',
    type: 'parallel',
    context: { log: [], n: 0 },
    entry: note('m'),
    exit: note('m-x'),
    on: { bump: { actions: assign(({ context }) => ({ n: context.n + 1 })) } },
    states: {
      a: {
        initial: 'a1',
        entry: note('a'),
        exit: note('a-x'),
        states: {
          a1: {
            entry: note('a1'),
            exit: note('a1-x'),
            on: { both: 'a2', cross: { target: 'a2', actions: note('cross-a') }, again: { target: 'a1', reenter: true, actions: note('again') } },
          },
          a2: { entry: note('a2'), exit: note('a2-x'), always: { guard: 'high', target: 'a3', actions: note('always-a') }, on: { both: 'a1' } },
          a3: { type: 'final', entry: note('a3'), exit: note('a3-x') },
        },
      },
      b: {
        initial: 'b1',
        states: {
          b1: { entry: note('b1'), exit: note('b1-x'), on: { both: 'b2', cross: { target: '#m.a', actions: note('cross-b') } } },
          b2: { entry: note('b2'), always: { guard: 'high', target: 'b3', actions: note('always-b') }, on: { both: 'b1' } },
          b3: { type: 'final', entry: note('b3') },
        },
      },
    },
  });
  const events = ['again', 'go', 'bump', 'cross', 'both', 'again', 'both', 'again', 'bump', 'both'] as const;

  test('the same walk, three times over (planned the first time, replayed after), gives what transition() gives', () => {
    expect(compileMachine(regions).unsupported).toEqual([]);
    for (let round = 0; round < 3; round++) {
      let { xs, fast } = initialPair(regions, undefined, `round ${round} initial`);
      for (const [i, type] of events.entries()) {
        const r = compare(regions, xs, fast, { type }, `round ${round} step ${i} ${type}`);
        xs = r.xs;
        fast = r.fast;
      }
      expect(fast.status).toBe('done');
    }
  });
});
