// The minimiser: ddmin finds 1-minimal failing subsets; the scenario writer round-trips every built-in scenario;
// `minimise` shrinks a failing run to a file that `marketsim run` replays to the same violation (EXPECT here;
// invariants are in mutation.test.ts), deterministically and within its run budget.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { scenarioFileText } from '../reports/scenarioWriter.js';
import { loadScenarioFile } from '../scenarios/loader.js';
import { ddmin, minimise } from '../runs/minimise/minimise.js';
import { simulate } from '../runs/run.js';
import { marketsim, REPO, tempDir } from './support/cli.js';
import { setupOf } from './support/scenarioSetup.js';
import { PLANTED } from './support/mutationPlants.js';


describe('ddmin', () => {
  test('returns exactly the elements a monotone failure needs, in order, for any input', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 60 }), fc.integer({ min: 0, max: 5 }), (items, k) => {
        const needed = items.filter((_, i) => i % 7 === k % 7).slice(0, k);
        let tests = 0;
        const kept = ddmin(items, (subset) => {
          tests++;
          return needed.every((x) => subset.includes(x));
        });
        expect(kept).toEqual(needed);
        expect(tests).toBeLessThanOrEqual(Math.max(1, items.length) ** 2 + 2);
      }),
    );
  });

  test('is 1-minimal for a non-monotone failure (an even count of marked elements, at least two)', () => {
    const items = Array.from({ length: 40 }, (_, i) => i);
    const fails = (s: readonly number[]) => {
      const marked = s.filter((x) => x % 5 === 0).length;
      return marked >= 2 && marked % 2 === 0;
    };
    const kept = ddmin(items, fails);
    expect(fails(kept)).toBe(true);
    for (let i = 0; i < kept.length; i++) expect(fails(kept.filter((_, j) => j !== i))).toBe(false);
  });
});

describe('scenario writer', () => {
  const builtins = readdirSync(join(REPO, 'scenarios')).filter((f) => /\.ya?ml$/.test(f));
  test.each(builtins)('%s, as loaded and as expanded for its run, reads back as the same scenario (YAML and JSON)', (name) => {
    const loaded = loadScenarioFile(join(REPO, 'scenarios', name));
    if (!loaded.ok) throw new Error(loaded.error.toString());
    // Expanding the large generated markets takes long; `default` stands for the generated case.
    const expand = loaded.scenario.population === undefined || name === 'default.yaml';
    const scenarios = expand ? [loaded.scenario, setupOf(join(REPO, 'scenarios', name)).scenario] : [loaded.scenario];
    for (const scenario of scenarios) {
      for (const file of ['copy.yaml', 'copy.json']) {
        const written = scenarioFileText(scenario, file);
        expect(written.ok ? 'ok' : written.error).toBe('ok');
      }
    }
  });

  test('a written scripted scenario runs exactly like the original', () => {
    const setup = setupOf(join(REPO, 'scenarios', 'supervision-validity.yaml')); // has payload times (openedAt)
    const file = join(tempDir(), 'copy.yaml');
    const written = scenarioFileText(setup.scenario, file);
    if (!written.ok) throw new Error(written.error);
    writeFileSync(file, written.text);
    expect(simulate(setupOf(file)).entries).toEqual(simulate(setup).entries);
  });
});

describe('minimise', () => {
  // Under koogallery rules the tencent delisting walk fails its first DEL-3 expectation (delist is accepted).
  const failing = () => setupOf(join(REPO, 'scenarios', 'delisting-tencent.yaml'), { platform: 'koogallery' });

  test('EXPECT: shrinks the failing walk to the four events that make it fail, and to the one product involved', () => {
    const result = minimise(failing());
    if (!result.ok) throw new Error(result.error);
    expect(result.violation).toMatchObject({ check: 'EXPECT', entity: 'product:backup', message: 'expected delist to be refused, it was accepted' });
    expect(result.before.timeline).toBe(19);
    expect(result.scenario.timeline.map((i) => i.event)).toEqual(['submit', 'approve', 'list', 'delist']);
    expect(result.scenario.products.map((p) => p.id)).toEqual(['backup']);
    expect(result.scenario.platform).toBe('koogallery'); // the profile in force is written into the scenario
    expect(result.exhausted).toBe(false);
    const again = minimise(failing());
    expect(again).toEqual(result);
  });

  test('a run budget stops the search early with a scenario that still fails', () => {
    const result = minimise(failing(), { maxRuns: 5 });
    if (!result.ok) throw new Error(result.error);
    expect(result.exhausted).toBe(true);
    expect(result.runs).toBeLessThanOrEqual(6);
    const replay = simulate(result.setup);
    expect(replay.violations.map((v) => v.message)).toContain(result.violation.message);
  });

  test('stopAtCheck (the oracle of step invariants): stops at the first violation of that check, the same one the full run reports', () => {
    // A generated market with a planted bug: orders ignore the product profile (INV-NO-FORBIDDEN-PURCHASE).
    const row = PLANTED.find((r) => r.invariant === 'INV-NO-FORBIDDEN-PURCHASE')!;
    const setup = setupOf(join(REPO, 'scenarios', 'market-tiny.yaml'));
    const full = simulate(setup, row.plant);
    const first = full.violations.find((v) => v.check === row.invariant);
    expect(first, 'market-tiny seed 1 buys a product off sale').toBeDefined();
    const stopped = simulate(setup, { ...row.plant, stopAtCheck: row.invariant });
    expect(stopped.violations).toEqual([first]);
    expect(stopped.entries.at(-1)!.seq).toBe(first!.seq);
    expect(stopped.entries).toEqual(full.entries.slice(0, stopped.entries.length));
  });

  test('a clean run and an absent --check have nothing to minimise', () => {
    expect(minimise(setupOf(join(REPO, 'scenarios', 'publishing-koogallery.yaml')))).toMatchObject({ ok: false });
    expect(minimise(failing(), { check: 'INV-NO-SUCH' })).toMatchObject({ ok: false, error: expect.stringContaining('INV-NO-SUCH') });
  });
});

describe('marketsim minimise (CLI)', () => {
  test('EXPECT: writes a scenario file that `marketsim run` replays to the same violation; run --minimise writes the same file', () => {
    const dir = tempDir();
    const file = join(dir, 'min.yaml');
    const r = marketsim(['minimise', 'delisting-tencent', '--profile', 'koogallery', '--out', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/timeline 19 → 4 items/);
    expect(r.stdout).toContain(`replay: marketsim run ${file} --seed 11`);
    const replay = marketsim(['run', file, '--out', join(dir, 'o')]);
    expect(replay.code).toBe(1);
    const line = JSON.parse(readFileSync(join(dir, 'o', 'violations.jsonl'), 'utf8').trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ check: 'EXPECT', entity: 'product:backup', message: 'expected delist to be refused, it was accepted', seed: '11' });

    const auto = join(dir, 'auto.yaml');
    const run = marketsim(['run', 'delisting-tencent', '--profile', 'koogallery', '--out', join(dir, 'r'), '--minimise', auto]);
    expect(run.code).toBe(1);
    expect(readFileSync(auto, 'utf8').replaceAll(auto, file)).toBe(readFileSync(file, 'utf8'));
  });

  test('nothing to minimise, or a bad flag, is bad input: exit 2, one line, no file', () => {
    const dir = tempDir();
    const file = join(dir, 'min.yaml');
    const clean = marketsim(['minimise', 'publishing-koogallery', '--out', file]);
    expect(clean.code).toBe(2);
    expect(clean.stderr.trim().split('\n')).toHaveLength(1);
    expect(clean.stderr).toMatch(/publishing-koogallery\.yaml: \(root\): the run has no violation to minimise/);
    expect(marketsim(['minimise', 'publishing-koogallery', '--out', file, '--max-runs', 'lots']).code).toBe(2);
    expect(existsSync(file)).toBe(false);
  });
});

