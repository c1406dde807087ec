// The engine: virtual-time ordering, delayed transitions on the virtual clock, refusals logged with their rule,
// seeded draws. Uses small purpose-built machines so the engine is tested apart from the marketplace rules.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { assign, setup } from 'xstate';
import { Engine, type EntityKind } from '../sim/engine/engine.js';
import type { LogEntry } from '../sim/log/entry.js';
import { Rng } from '../sim/rng.js';
import { Scheduler, type Handle } from '../sim/engine/scheduler.js';
import { activeNodes } from '../machines/introspect/xstateInternals.js';

const timerMachine = setup({
  types: { context: {} as { waitMs: number; fired: number }, input: {} as { waitMs: number }, events: {} as { type: 'start' } | { type: 'stop' } },
  delays: { wait: ({ context }) => context.waitMs },
  actions: { ping: (_, _params: { n: number }) => {} },
}).createMachine({
  id: 'timer',
  context: ({ input }) => ({ waitMs: input.waitMs, fired: 0 }),
  initial: 'idle',
  states: {
    idle: { on: { start: { target: 'waiting', meta: { rules: ['T-1'] } } } },
    waiting: {
      on: { stop: 'idle' },
      after: { wait: { target: 'idle', actions: [assign({ fired: ({ context }) => context.fired + 1 }), { type: 'ping', params: { n: 1 } }] } },
    },
  },
});

const kinds: Record<string, EntityKind> = { timer: { kind: 'timer', machine: timerMachine } };

function engine(entries: LogEntry[] = []) {
  const e = new Engine({ start: 1_000, end: 100_000, rng: new Rng('t'), kinds, onEntry: (x) => entries.push(x) });
  e.spawn({ kind: 'timer', id: 'a' }, { waitMs: 5_000 });
  return e;
}
const cmd = (type: string) => ({ target: { kind: 'timer', id: 'a' }, event: { type }, source: 'timeline' as const });

describe('scheduler', () => {
  test('orders by time, then by the order of scheduling; cancelled items never come out', () => {
    const s = new Scheduler<string>();
    s.schedule(20, 'late');
    s.schedule(10, 'first');
    const gone = s.schedule(10, 'cancelled');
    s.schedule(10, 'second');
    s.cancel(gone);
    const out: string[] = [];
    for (let x = s.pop(); x; x = s.pop()) out.push(x.item);
    expect(out).toEqual(['first', 'second', 'late']);
    expect(s.size).toBe(0);
    s.cancel(gone); // twice
    const popped = s.schedule(30, 'popped');
    const kept = s.schedule(40, 'kept');
    expect(s.pop()?.item).toBe('popped');
    s.cancel(popped); // already out of the queue
    expect(s.size).toBe(1);
    s.cancel(kept);
    expect(s.size).toBe(0);
    expect(s.pop()).toBeUndefined();
  });
});

describe('engine', () => {
  test('a delayed transition fires at exactly its due virtual time, with the effect logged', () => {
    const entries: LogEntry[] = [];
    const e = engine(entries);
    e.schedule(2_000, cmd('start'));
    e.run();
    const fired = entries.find((x) => x.event === 'after(wait)')!;
    expect(fired.at).toBe(new Date(7_000 + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00');
    expect(fired.effects).toEqual([{ type: 'ping', params: { n: 1 } }]);
    expect((e.snapshot({ kind: 'timer', id: 'a' })!.context as { fired: number }).fired).toBe(1);
  });

  test('leaving the state cancels its timer', () => {
    const entries: LogEntry[] = [];
    const e = engine(entries);
    e.schedule(2_000, cmd('start'));
    e.schedule(3_000, cmd('stop'));
    e.run();
    expect(entries.some((x) => x.event === 'after(wait)')).toBe(false);
    expect(e.pending).toBe(0);
  });

  test('a refused event is logged with its rule and never crashes the run', () => {
    const entries: LogEntry[] = [];
    const e = engine(entries);
    e.schedule(2_000, cmd('stop'));
    e.schedule(2_000, cmd('start'));
    e.schedule(2_500, cmd('start'));
    e.run();
    const offered = entries.filter((x) => x.source === 'timeline');
    expect(offered.map((x) => [x.event, x.accepted])).toEqual([['stop', false], ['start', true], ['start', false]]);
    expect(offered[1]!.rules).toEqual(['T-1']);
    expect(offered[2]!.reason).toMatch(/not accepted in waiting/);
  });

  test('an expectation that does not hold is a violation, not a crash', () => {
    const e = engine();
    e.schedule(2_000, { ...cmd('stop'), expect: { accepted: true } });
    e.run();
    expect(e.violations).toHaveLength(1);
    expect(e.violations[0]).toMatchObject({ check: 'EXPECT', entity: 'timer:a' });
  });

  test('events after the end are left pending; runUntil stops at the given instant', () => {
    const entries: LogEntry[] = [];
    const e = engine(entries);
    e.schedule(2_000, cmd('start'));
    expect(e.runUntil(4_000)).toBe(true);
    expect(e.now).toBe(4_000);
    expect(entries.some((x) => x.event === 'after(wait)')).toBe(false);
    e.schedule(200_000, cmd('stop'));
    e.run();
    expect(entries.some((x) => x.event === 'after(wait)')).toBe(true);
    expect(e.pending).toBe(1);
  });
});

/** Like an active order: three timers at once (expiry, renewal, a notice in a sub-state that leaving cancels). */
const termMachine = setup({
  types: { context: {} as { log: string[] }, events: {} as { type: 'renew' } | { type: 'close' } },
  delays: { notice: 3_000, renewal: 5_000, expiry: 8_000 },
}).createMachine({
  id: 'term',
  context: { log: [] },
  initial: 'active',
  states: {
    active: {
      initial: 'running',
      on: { close: 'ended' },
      after: {
        renewal: { actions: assign({ log: ({ context }) => [...context.log, 'renewal'] }) },
        expiry: { target: 'ended', actions: assign({ log: ({ context }) => [...context.log, 'expiry'] }) },
      },
      states: {
        running: { on: { renew: 'renewed' }, after: { notice: { target: 'noticed', actions: assign({ log: ({ context }) => [...context.log, 'notice'] }) } } },
        noticed: {},
        renewed: {},
      },
    },
    ended: { type: 'final' },
  },
});

describe('entities between steps', () => {
  const termKinds: Record<string, EntityKind> = { term: { kind: 'term', machine: termMachine } };
  const run = (release: boolean) => {
    const entries: LogEntry[] = [];
    const e = new Engine({ start: 1_000, end: 100_000, rng: new Rng('t'), kinds: termKinds, release, onEntry: (x) => entries.push(x) });
    e.spawn({ kind: 'term', id: 'a' }, undefined);
    e.spawn({ kind: 'term', id: 'b' }, undefined);
    e.schedule(2_000, { target: { kind: 'term', id: 'a' }, event: { type: 'renew' }, source: 'timeline' });
    e.schedule(5_000, { target: { kind: 'term', id: 'b' }, event: { type: 'close' }, source: 'timeline' });
    const midway = e.runUntil(4_500) && { a: e.snapshot({ kind: 'term', id: 'a' })!, b: e.snapshot({ kind: 'term', id: 'b' })! };
    e.run();
    return { e, entries, midway, a: e.snapshot({ kind: 'term', id: 'a' })!, b: e.snapshot({ kind: 'term', id: 'b' })! };
  };

  test('an entity waiting for three timers is kept without a snapshot of its own; its timers fire, and leaving a state cancels the ones it set', () => {
    const renewed = run(true);
    // Both start at 1 s. a renewed at 2 s: leaving `running` cancelled its notice (due at 4 s); b was noticed at 4 s,
    // then closed at 5 s, which cancelled its renewal and expiry (a timer forgotten under the wrong id would fire)
    expect((renewed.a.context as { log: string[] }).log).toEqual(['renewal', 'expiry']);
    expect((renewed.b.context as { log: string[] }).log).toEqual(['notice']);
    expect(renewed.midway && [renewed.midway.a.value, renewed.midway.b.value]).toEqual([{ active: 'renewed' }, { active: 'noticed' }]);
    expect(renewed.a.status).toBe('done');
    expect(renewed.e.pending).toBe(0);
    expect(renewed.entries.filter((x) => x.entity === 'term:a').map((x) => x.event)).toEqual(['spawn', 'renew', 'after(renewal)', 'after(expiry)']);
    expect(renewed.entries.filter((x) => x.entity === 'term:b').map((x) => x.event)).toEqual(['spawn', 'after(notice)', 'close']);
    // Released after each step that changed it, live or done; with release off, never: the same log and snapshots.
    expect(renewed.e.released).toBe(renewed.entries.filter((x) => x.accepted).length);
    const whole = run(false);
    expect(whole.e.released).toBe(0);
    expect(renewed.entries).toEqual(whole.entries);
    for (const key of ['a', 'b'] as const) {
      expect(renewed[key].value).toEqual(whole[key].value);
      expect(renewed[key].context).toEqual(whole[key].context);
      expect(renewed[key].matches('ended')).toBe(true);
    }
  });

  test('a released entity keeps no snapshot: each read rebuilds one from the shared template', () => {
    const live = (release: boolean) => {
      const e = new Engine({ start: 1_000, end: 100_000, rng: new Rng('t'), kinds: termKinds, release });
      e.spawn({ kind: 'term', id: 'a' }, undefined);
      e.runUntil(2_000);
      return [e.snapshot({ kind: 'term', id: 'a' })!, e.snapshot({ kind: 'term', id: 'a' })!] as const;
    };
    const [first, second] = live(true);
    expect(second).not.toBe(first);
    expect(activeNodes(second)).toBe(activeNodes(first));
    expect(second.context).toBe(first.context);
    const [kept, again] = live(false);
    expect(again).toBe(kept);
  });

  // Two regions, each with an eventless transition that logs; one `go` enables both. XState takes them in the order
  // of the snapshot's active nodes, which is the order they were entered: p and q reach one state by two paths.
  const parallel = setup({
    types: { context: {} as { go: boolean; log: string[] }, events: {} as { type: 'x' } | { type: 'y' } | { type: 'go' } },
    guards: { go: ({ context }) => context.go },
  }).createMachine({
    id: 'par',
    type: 'parallel',
    context: { go: false, log: [] },
    on: { go: { actions: assign({ go: true }) } },
    states: {
      A: { initial: 'a1', states: { a1: { on: { x: 'a2' } }, a2: { always: { guard: 'go', target: 'a3', actions: assign({ log: ({ context }) => [...context.log, 'A'] }) } }, a3: {} } },
      B: { initial: 'b1', states: { b1: { on: { y: 'b2' } }, b2: { always: { guard: 'go', target: 'b3', actions: assign({ log: ({ context }) => [...context.log, 'B'] }) } }, b3: {} } },
    },
  });

  test.each([true, false])('fast path %s: a state reached by another path keeps its own order of active states (no shared template)', (fastPath) => {
    const logOfQ = (release: boolean) => {
      const e = new Engine({ start: 1_000, end: 100_000, rng: new Rng('t'), kinds: { par: { kind: 'par', machine: parallel } }, release, fastPath });
      e.spawn({ kind: 'par', id: 'p' }, undefined);
      e.spawn({ kind: 'par', id: 'q' }, undefined);
      const at = (t: number, id: string, type: string) => e.schedule(t, { target: { kind: 'par', id }, event: { type }, source: 'timeline' });
      at(2_000, 'p', 'x');
      at(3_000, 'p', 'y'); // p reaches {A: a2, B: b2} first
      at(2_500, 'q', 'y');
      at(4_000, 'q', 'x'); // q reaches it by the other path
      at(5_000, 'q', 'go');
      e.run();
      return (e.snapshot({ kind: 'par', id: 'q' })!.context as { log: string[] }).log;
    };
    expect(logOfQ(false)).toEqual(['B', 'A']);
    expect(logOfQ(true)).toEqual(['B', 'A']);
  });
});

describe('seeded randomness', () => {
  test('one seed gives one sequence; forks are independent of draws made elsewhere', () => {
    const a = new Rng('42');
    const b = new Rng('42');
    expect([a.int(0, 1000), a.int(0, 1000)]).toEqual([b.int(0, 1000), b.int(0, 1000)]);
    const c = new Rng('42');
    c.int(0, 1000); // a draw on the root does not shift the fork
    expect(new Rng('42').fork('x').uint32()).toBe(c.fork('x').uint32());
    expect(new Rng('43').fork('x').uint32()).not.toBe(c.fork('x').uint32());
  });

  test('integer-ratio chances and ranges stay in bounds', () => {
    const r = new Rng('bounds');
    let hits = 0;
    for (let i = 0; i < 2000; i++) {
      const v = r.int(1, 3);
      expect(v).toBeGreaterThanOrEqual(1);
      expect(v).toBeLessThanOrEqual(3);
      if (r.chance({ numerator: 1, denominator: 4 })) hits++;
    }
    expect(hits).toBeGreaterThan(400);
    expect(hits).toBeLessThan(600);
    expect(r.chance({ numerator: 0, denominator: 4 })).toBe(false);
  });
});

describe('INV-TIMER-ON-TIME', () => {
  test('a timer delivered later than its machine asked for is a violation (planted: a late scheduler)', async () => {
    const { INVARIANTS } = await import('../sim/kinds/index.js');
    const entries: LogEntry[] = [];
    const e = new Engine({ start: 1_000, end: 100_000, rng: new Rng('t'), kinds, invariants: INVARIANTS, onEntry: (x) => entries.push(x) });
    e.spawn({ kind: 'timer', id: 'a' }, { waitMs: 5_000 });
    e.schedule(2_000, cmd('start'));
    e.run();
    expect(e.violations).toEqual([]); // the real scheduler is on time
    const type = 'xstate.after.wait.timer.waiting';
    const late = new Engine({ start: 1_000, end: 100_000, rng: new Rng('t'), kinds, invariants: INVARIANTS });
    late.spawn({ kind: 'timer', id: 'a' }, { waitMs: 5_000 });
    late.schedule(2_000, cmd('start'));
    late.schedule(7_001, { target: { kind: 'timer', id: 'a' }, event: { type }, source: 'timer', dueAt: 7_000 });
    late.runUntil(7_001);
    expect(late.violations.map((v) => v.check)).toContain('INV-TIMER-ON-TIME');
  });
});

describe('scheduler compaction', () => {
  test('cancelling most of a large queue keeps the order of what is left (time, then scheduling order)', () => {
    const s = new Scheduler<number>();
    const handles: Handle[] = [];
    for (let i = 0; i < 5000; i++) handles.push(s.schedule(1_000 + ((i * 7919) % 997), i));
    for (let i = 0; i < 5000; i++) if (i % 5 !== 0) s.cancel(handles[i]!);
    expect(s.size).toBe(1000);
    const out: [number, number][] = [];
    for (let x = s.pop(); x; x = s.pop()) out.push([x.at, x.item]);
    const expected = Array.from({ length: 5000 }, (_, i) => i)
      .filter((i) => i % 5 === 0)
      .map((i): [number, number] => [1_000 + ((i * 7919) % 997), i])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(out).toEqual(expected);
  });
});

describe('scheduler: items due at the instant being run', () => {
  test('property: any mix of scheduling (now, later, earlier than now), cancelling and popping comes out by (time, scheduling order), cancelled items never', () => {
    type Op = { kind: 'schedule'; delta: number } | { kind: 'cancel'; pick: number } | { kind: 'pop' };
    const op = fc.oneof(
      fc.record({ kind: fc.constant('schedule' as const), delta: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: -3, max: 5 })) }),
      fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('pop' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops: Op[]) => {
        const s = new Scheduler<number>();
        // The reference: a plain list, the minimum by (at, seq) taken on each pop.
        const ref: { at: number; seq: number; live: boolean }[] = [];
        const handles: Handle[] = [];
        let now = 0;
        for (const o of ops) {
          if (o.kind === 'schedule') {
            const at = now + o.delta;
            handles.push(s.schedule(at, ref.length));
            ref.push({ at, seq: ref.length, live: true });
          } else if (o.kind === 'cancel' && handles.length > 0) {
            const i = o.pick % handles.length;
            s.cancel(handles[i]!);
            ref[i]!.live = false;
          } else if (o.kind === 'pop') {
            const live = ref.filter((r) => r.live).sort((a, b) => a.at - b.at || a.seq - b.seq);
            const got = s.pop();
            expect(got?.item).toBe(live[0]?.seq);
            if (live[0]) {
              live[0].live = false;
              now = live[0].at;
            }
            expect(s.size).toBe(live.length - (live[0] ? 1 : 0));
          }
        }
        const rest: number[] = [];
        for (let x = s.pop(); x; x = s.pop()) rest.push(x.item);
        expect(rest).toEqual(ref.filter((r) => r.live).sort((a, b) => a.at - b.at || a.seq - b.seq).map((r) => r.seq));
      }),
      { numRuns: 300 },
    );
  });
});

describe('the end of a run', () => {
  test('run() checks the end once: a second call steps what was scheduled since, and does not check again', () => {
    const entries: LogEntry[] = [];
    const atEnd = { id: 'TEST-AT-END', rules: [], description: 'one problem at the end', atEnd: () => [{ entity: 'timer:a', message: 'at the end' }] };
    const e = new Engine({ start: 1_000, end: 100_000, rng: new Rng('t'), kinds, invariants: [atEnd], onEntry: (x) => entries.push(x) });
    e.spawn({ kind: 'timer', id: 'a' }, { waitMs: 5_000 });
    e.schedule(2_000, cmd('start'));
    e.run();
    const logged = entries.length;
    expect(e.violations.map((v) => v.check)).toEqual(['TEST-AT-END']);
    e.schedule(100_000, cmd('start'));
    e.run();
    expect(e.violations.map((v) => v.check)).toEqual(['TEST-AT-END']);
    expect(entries).toHaveLength(logged + 1);
  });
});

describe('the same-instant order (docs/design.md)', () => {
  test('ranked items due at one instant come out by class, key and number, then scheduling order; time first', () => {
    const s = new Scheduler<string>();
    s.schedule(10, 'entity b', 2, 'order:b');
    s.schedule(10, 'timeline 7', 1, '', 7);
    s.schedule(10, 'entity a, first', 2, 'order:a');
    s.schedule(5, 'earlier', 2, 'order:z');
    s.schedule(10, 'setup', 0);
    s.schedule(10, 'timeline 3', 1, '', 3);
    s.schedule(10, 'entity a, second', 2, 'order:a');
    const out: string[] = [];
    for (let x = s.pop(); x; x = s.pop()) out.push(x.item);
    expect(out).toEqual(['earlier', 'setup', 'timeline 3', 'timeline 7', 'entity a, first', 'entity a, second', 'entity b']);
  });

  test("timers due at one instant fire by their entity's key, whatever order their entities were started in", () => {
    const fired = (ids: readonly string[]): string[] => {
      const entries: LogEntry[] = [];
      const e = new Engine({ start: 1_000, end: 100_000, rng: new Rng('t'), kinds, onEntry: (x) => entries.push(x) });
      // Each started by a timeline item at the same instant, in the given order: each schedules its timer for 6,000.
      ids.forEach((id, line) =>
        e.schedule(1_000, { target: { kind: 'timer', id }, event: { type: 'start' }, source: 'timeline', line, create: { input: { waitMs: 5_000 } } }),
      );
      e.run();
      return entries.filter((x) => x.source === 'timer').map((x) => x.entity);
    };
    expect(fired(['c', 'a', 'b'])).toEqual(['timer:a', 'timer:b', 'timer:c']);
    expect(fired(['b', 'c', 'a'])).toEqual(['timer:a', 'timer:b', 'timer:c']);
  });

  test('timeline items due at one instant run by their index, not the order they were queued in', () => {
    const entries: LogEntry[] = [];
    const e = new Engine({ start: 1_000, end: 100_000, rng: new Rng('t'), kinds, onEntry: (x) => entries.push(x) });
    for (const [id, line] of [['x', 2], ['y', 0], ['z', 1]] as const) {
      e.schedule(1_000, { target: { kind: 'timer', id }, event: { type: 'start' }, source: 'timeline', line, create: { input: { waitMs: 5_000 } } });
    }
    e.run();
    expect(entries.filter((x) => x.source === 'timeline').map((x) => x.line)).toEqual([0, 1, 2]);
  });
});
