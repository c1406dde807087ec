// Released entities (every entity between its steps, live ones waiting for timers included) keep only their context
// and a template their configuration shares; every reader rebuilds the same snapshot, so a run with release on writes
// the same bytes as one with it off, file for file (events.jsonl, summary.json's final states, orders.csv,
// settlement).
import { expect, test } from 'vitest';
import { runFiles, type RunFileOptions } from '../runs/files.js';
import { simulate } from '../runs/run.js';
import { setupOf } from './support/scenarioSetup.js';


const FILES: RunFileOptions = { lang: 'zh', excel: true, replay: 'replay' };

test.each([
  ['default', {}],
  ['market-tiny', { seed: '7', platform: 'tencent' }],
  ['market-tiny', { seed: '3', stopOnViolation: true, sets: { noReasonRefundWindowMs: 0 } }],
  ['market-tiny', { seed: '3', sets: { noReasonRefundWindowMs: 0 } }],
  ['market-tiny', { seed: '11', lazyArrivals: true }],
] as const)('%s %j: a run with release on writes the same bytes as with it off', (name, given) => {
  const off = simulate(setupOf(name, given), { ...given, release: false });
  const on = simulate(setupOf(name, given), { ...given, release: true });
  expect(off.engine.released).toBe(0);
  // At least once an entity (every entity is released at its spawn and after each step that changes it).
  expect(on.engine.released).toBeGreaterThanOrEqual(Object.values(on.world.entities).reduce((n, count) => n + count, 0));
  const a = runFiles(off, FILES);
  const b = runFiles(on, FILES);
  expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
  for (const [file, text] of a) expect(b.get(file), file).toBe(text);
  expect(a.get('events.jsonl')!.length).toBeGreaterThan(1000);
});
