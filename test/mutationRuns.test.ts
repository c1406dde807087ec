// Mutation checks for the invariants of orders, merchant calls, enterprises, the timer queue and settlement: each
// planted bug (test/support/mutationPlants.ts) must be caught on some seed of a noisy scenario, the seed must
// replay from the violations.jsonl line, the real code must run that seed clean of the invariant, and the
// minimiser must shrink the failing timeline to at most 10 events that still fail with the bug and not without.
import { describe, expect, test } from 'vitest';
import { scenarioFileText } from '../reports/scenarioWriter.js';
import { SETTLEMENT_CHECKS } from '../reports/settlementChecks.js';
import { replayCommand, violationsJsonl } from '../runs/violations.js';
import { parseScenarioText, type Scenario } from '../scenarios/loader.js';
import { INVARIANTS } from '../sim/kinds/index.js';
import { minimise } from '../runs/minimise/minimise.js';
import { resolveRun, simulate, type RunSetup } from '../runs/run.js';
import { PLANTED, type PlantedRow } from './support/mutationPlants.js';

const RULES: ReadonlyMap<string, readonly string[]> = new Map([
  ...INVARIANTS.map((inv) => [inv.id, inv.rules] as const),
  ...Object.values(SETTLEMENT_CHECKS).map((check) => [check.id, check.rules] as const),
]);

const SEARCH_SEEDS = 60;

function setupOf(scenario: Scenario, seed?: string): RunSetup {
  const resolved = resolveRun(scenario, seed ? { seed } : {});
  if (!resolved.ok) throw new Error(resolved.error.toString());
  return resolved.setup;
}

/** Runs `fn` with the row's bug in place (machine variants and handlers travel in the options; the rest is installed). */
function planted<T>(row: PlantedRow, fn: () => T): T {
  const uninstall = row.install?.();
  try {
    return fn();
  } finally {
    uninstall?.();
  }
}

const checksOf = (setup: RunSetup, row?: PlantedRow): string[] => {
  const run = () => simulate(setup, row ? row.plant : {}).violations.map((v) => v.check);
  return row ? planted(row, run) : run();
};

/** The first seed whose noisy run the invariant flags with the bug planted, as a sweep would find it. */
function firstFailingSeed(row: PlantedRow): { seed: string; setup: RunSetup } | undefined {
  for (let n = 1; n <= SEARCH_SEEDS; n++) {
    const setup = setupOf(row.scenario(String(n)));
    if (checksOf(setup, row).includes(row.invariant)) return { seed: String(n), setup };
  }
  return undefined;
}

describe('mutation checks beyond products: a planted bug is caught with a seed that replays and a trace of at most 10 events', () => {
  test.each(PLANTED.map((row) => [row.invariant, row.bug, row] as const))('%s catches a planted bug: %s', (id, _bug, row) => {
    expect(RULES.has(id), `${id} is an invariant or a settlement check`).toBe(true);
    const found = firstFailingSeed(row);
    expect(found, `no seed in 1..${SEARCH_SEEDS} makes ${id} fail`).toBeDefined();
    const { seed, setup } = found!;
    const result = planted(row, () => simulate(setup, row.plant));
    const violation = result.violations.find((v) => v.check === id)!;
    expect(violation.rules).toEqual(RULES.get(id));
    // The real code runs the same seed clean of this invariant: the planted bug is what was caught.
    expect(checksOf(setup), `seed ${seed}`).not.toContain(id);

    // The violations.jsonl line names the seed and the command that replays it; replaying fails the same way.
    const line = JSON.parse(violationsJsonl(result).split('\n').find((l) => l.includes(`"check":"${id}"`))!) as { seed: string; replay: string };
    expect(line.seed).toBe(seed);
    expect(line.replay).toBe(replayCommand(setup));
    expect(line.replay).toContain(`--seed ${seed}`);
    const replayed = planted(row, () => simulate(setupOf(row.scenario(line.seed), line.seed), row.plant));
    expect(replayed.violations, `seed ${seed}`).toEqual(result.violations);

    // Minimised to at most 10 timeline events; the written file fails with the bug and not without it.
    const minimised = planted(row, () => minimise(setup, { check: id, ...row.plant }));
    if (!minimised.ok) throw new Error(`seed ${seed}: ${minimised.error}`);
    const events = minimised.scenario.timeline.map((i) => i.event).join(', ');
    expect(minimised.before.timeline).toBeGreaterThan(20);
    expect(minimised.after.timeline, `seed ${seed}: ${events}`).toBeLessThanOrEqual(10);
    const written = scenarioFileText(minimised.scenario, 'minimised.yaml');
    if (!written.ok) throw new Error(written.error);
    const loaded = parseScenarioText(written.text, 'minimised.yaml');
    if (!loaded.ok) throw new Error(loaded.error.toString());
    const fileSetup = setupOf(loaded.scenario);
    expect(checksOf(fileSetup, row), `seed ${seed}: ${events}`).toContain(id);
    expect(checksOf(fileSetup)).not.toContain(id);
  });
});
