// The shapes machines/introspect/xstateInternals.ts reads from xstate, checked against what the installed xstate
// really makes: an upgrade that moves any of them fails here, by name, before the fast path steps machines wrongly.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test } from 'vitest';
import { createMachine, getNextSnapshot, initialTransition, setup } from 'xstate';
import {
  activeNodes,
  historyValueOf,
  implementationsOf,
  resolveStateOf,
  rootNodeOf,
  snapshotFrom,
  XSTATE_VERSION,
} from '../machines/introspect/xstateInternals.js';

const require = createRequire(import.meta.url);
const installed = (JSON.parse(readFileSync(require.resolve('xstate/package.json'), 'utf8')) as { version: string }).version;

const machine = setup({
  guards: { allowed: () => true },
  actions: { noted: () => undefined },
  delays: { later: 1_000 },
}).createMachine({
  id: 'probe',
  type: 'parallel',
  states: {
    a: {
      initial: 'one',
      states: {
        one: { tags: ['first'], on: { GO: { target: 'two', guard: 'allowed', actions: 'noted', meta: { rules: ['X-1'] } } } },
        two: { after: { later: 'one' }, always: [] },
        hist: { type: 'history' },
      },
    },
    b: { initial: 'idle', states: { idle: {} } },
  },
});

test('xstate is pinned to the exact version its internals were read from', () => {
  expect(installed).toBe(XSTATE_VERSION);
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
  expect(pkg.dependencies.xstate).toBe(XSTATE_VERSION);
});

test('a snapshot lists its active state nodes (_nodes) in document order, and its history value', () => {
  const [snapshot] = initialTransition(machine);
  const ids = activeNodes(snapshot).map((n) => n.id);
  expect(ids).toEqual(['probe', 'probe.a', 'probe.a.one', 'probe.b', 'probe.b.idle']);
  expect(activeNodes(snapshot)[2]!.tags).toEqual(['first']);
  expect(historyValueOf(snapshot)).toEqual({});
});

test('state nodes expose the fields the fast path compiles: transitions by event type, after, entry, initial, parent', () => {
  const root = rootNodeOf(machine);
  expect(root.type).toBe('parallel');
  const one = root.states.a!.states.one!;
  const go = one.transitions.get('GO')!;
  expect(go).toHaveLength(1);
  expect(go[0]!.meta?.rules).toEqual(['X-1']);
  expect(go[0]!.target?.map((n) => n.id)).toEqual(['probe.a.two']);
  expect(go[0]!.source).toBe(one);
  expect(typeof go[0]!.reenter).toBe('boolean');
  const two = root.states.a!.states.two!;
  expect([...two.transitions.keys()]).toEqual(['xstate.after.later.probe.a.two']);
  expect(two.parent).toBe(root.states.a);
  expect(root.states.a!.initial.target.map((n) => n.id)).toEqual(['probe.a.one']);
  expect(root.states.a!.states.hist!.type).toBe('history');
  expect(typeof one.order).toBe('number');
  expect(Array.isArray(one.entry) && Array.isArray(one.exit) && Array.isArray(one.invoke)).toBe(true);
  expect(one.config).toBeTypeOf('object');
});

test('a machine keeps its named guards, actions and delays as setup() registered them', () => {
  const impl = implementationsOf(machine);
  expect(Object.keys(impl.guards)).toEqual(['allowed']);
  expect(Object.keys(impl.actions)).toEqual(['noted']);
  expect(impl.delays.later).toBe(1_000);
  expect(implementationsOf(createMachine({})).guards).toEqual({});
});

test('a snapshot built from parts has exactly the keys and methods of the one xstate makes', () => {
  const [initial] = initialTransition(machine);
  const next = getNextSnapshot(machine, initial, { type: 'GO' });
  const built = snapshotFrom(
    {
      status: next.status,
      output: next.output,
      error: next.error,
      machine,
      context: next.context,
      nodes: activeNodes(next),
      value: next.value,
      tags: next.tags,
      children: next.children,
      historyValue: historyValueOf(next),
    },
    resolveStateOf(machine, next.value, {}),
  );
  expect(Object.keys(built).sort()).toEqual(Object.keys(next).sort());
  expect(built.matches({ a: 'two' })).toBe(true);
  expect(built.matches({ a: 'one' })).toBe(false);
  // xstate accepts it as its own: it steps on from it to the same place as from the real snapshot.
  expect(getNextSnapshot(machine, built, { type: 'xstate.after.later.probe.a.two' } as never).value).toEqual(
    getNextSnapshot(machine, next, { type: 'xstate.after.later.probe.a.two' } as never).value,
  );
});
