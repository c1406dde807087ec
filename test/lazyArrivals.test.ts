// A generated timeline drawn as the run consumes it (sim/arrivals.ts, `marketsim run`) writes the same files,
// byte for byte, as the same timeline expanded up front (sim/expand.ts: minimise, the TUI, small scenarios).
import { expect, test } from 'vitest';
import { runFiles } from '../runs/files.js';
import { loadScenarioFile } from '../scenarios/loader.js';
import { resolveScenarioPath } from '../scenarios/builtin.js';
import type { Scenario } from '../scenarios/loader.js';
import { resolveRun, simulate, type RunOptions } from '../runs/run.js';

function filesOf(name: string, options: RunOptions): Map<string, string> {
  const loaded = loadScenarioFile(resolveScenarioPath(name));
  if (!loaded.ok) throw new Error(loaded.error.toString());
  const resolved = resolveRun(loaded.scenario, options);
  if (!resolved.ok) throw new Error(resolved.error.toString());
  return runFiles(simulate(resolved.setup, options), { lang: 'en', excel: false, replay: 'replay' });
}

test.each([
  ['default', {}],
  ['market-tiny', {}],
  ['market-tiny', { seed: '7', platform: 'tencent' }],
  ['market-tiny', { seed: '3', stopOnViolation: true, sets: { noReasonRefundWindowMs: 0 } }],
] as const)('%s %j: lazy arrivals write the same files as the expanded timeline', (name, options) => {
  const expanded = filesOf(name, options);
  const lazy = filesOf(name, { ...options, lazyArrivals: true });
  expect([...lazy.keys()]).toEqual([...expanded.keys()]);
  for (const [file, text] of expanded) expect(lazy.get(file), file).toBe(text);
  expect(expanded.get('events.jsonl')!.length).toBeGreaterThan(1000);
});

/** A file's own timeline with market-tiny's population on top: explicit and generated items merged by time. */
function mixedScenario(failAt?: number): Scenario {
  const explicit = load('publishing-koogallery');
  const tiny = load('market-tiny');
  const timeline = explicit.timeline.map((item, index) =>
    index === failAt ? { ...item, expect: { accepted: !(item.expect?.accepted ?? true) } } : item,
  );
  // Two items at the run's start and one at a generated instant's time: ties between the two lists.
  return { ...explicit, timeline, population: tiny.population!, start: tiny.start, end: tiny.end };
}

function load(name: string): Scenario {
  const loaded = loadScenarioFile(resolveScenarioPath(name));
  if (!loaded.ok) throw new Error(loaded.error.toString());
  return loaded.scenario;
}

function filesOfScenario(scenario: Scenario, options: RunOptions): Map<string, string> {
  const resolved = resolveRun(scenario, options);
  if (!resolved.ok) throw new Error(resolved.error.toString());
  return runFiles(simulate(resolved.setup, options), { lang: 'en', excel: false, replay: 'replay' });
}

test.each([
  ['clean', undefined, {}],
  ['stopped at a failed expectation', 3, { stopOnViolation: true }],
] as const)('explicit timeline + population, %s: lazy and expanded write the same files', (_label, failAt, options) => {
  const expanded = filesOfScenario(mixedScenario(failAt), options);
  const lazy = filesOfScenario(mixedScenario(failAt), { ...options, lazyArrivals: true });
  for (const [file, text] of expanded) expect(lazy.get(file), file).toBe(text);
  if (failAt !== undefined) expect(JSON.parse(expanded.get('summary.json')!).counts.pendingAtEnd).toBeGreaterThan(10);
});

test('opening a generated timeline in slices (simulateYielding) gives the arrivals open() gives, yielding every 5,000 orders', () => {
  const base = load('default');
  // 1,000 orders a month over the default's 12 months: 12,000 orders, so two slices end before the last.
  const scenario: Scenario = { ...base, population: { ...base.population!, ordersPerMonth: 1_000 } };
  const resolved = resolveRun(scenario, { lazyArrivals: true });
  if (!resolved.ok || !resolved.setup.lazyTimeline) throw new Error('no lazy timeline');
  const opening = resolved.setup.lazyTimeline.opening();
  let yields = 0;
  let step = opening.next();
  for (; !step.done; step = opening.next()) yields++;
  expect(yields).toBe(2);
  const sliced = step.value;
  const whole = resolved.setup.lazyTimeline.open();
  expect(sliced.remaining).toBe(whole.remaining);
  expect(whole.remaining).toBeGreaterThan(12_000);
  while (whole.peekAt() !== undefined) {
    expect(sliced.peekAt()).toBe(whole.peekAt());
    expect(sliced.take()).toEqual(whole.take());
  }
  expect(sliced.peekAt()).toBeUndefined();
});
