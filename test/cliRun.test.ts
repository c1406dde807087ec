// `marketsim run` as a user sees it: exit codes, one-line errors naming file, path and reason, no partial output,
// and determinism (same scenario + seed → identical bytes; another seed differs where randomness is used).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadScenarioFile } from '../scenarios/loader.js';
import { resolveRun, simulate } from '../runs/run.js';
import { marketsim, REPO, tempDir } from './support/cli.js';

function filesOf(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

const GOOD = `name: tiny
profile: koogallery
start: 2024-01-01
end: 2024-02-01
merchants: [{ id: m1 }]
products:
  - { id: p1, merchant: m1, name: P, deliveryType: saas, specs: [{ id: s, priceFen: 100, period: month }] }
timeline:
  - { at: 2024-01-02T10:00, event: submit, product: p1 }
`;

describe('marketsim run: bad input exits 2 with one line and writes nothing', () => {
  const cases: [string, string, RegExp][] = [
    ['bad YAML', 'name: x\n  start: [', /bad YAML/],
    ['an unknown field', GOOD.replace('profile: koogallery', 'profile: koogallery\ncolour: blue'), /: colour: unknown field/],
    ['a wrong type', GOOD.replace('priceFen: 100', 'priceFen: "cheap"'), /products\[0\]\.specs\[0\]\.priceFen: .*number/],
    ['a negative price', GOOD.replace('priceFen: 100', 'priceFen: -100'), /products\[0\]\.specs\[0\]\.priceFen: .*>=0/],
    ['an unknown product in an event', GOOD.replace('product: p1 }', 'product: p9 }'), /timeline\[0\]\.product: unknown product "p9"/],
    ['an unknown event', GOOD.replace('event: submit', 'event: teleport'), /timeline\[0\]\.event: unknown event/],
    ['an unknown rules parameter', GOOD.replace('profile: koogallery', 'profile: koogallery\nrules: { speed: 3 }'), /rules\.speed: unknown field/],
    ['an event outside the period', GOOD.replace('2024-01-02T10:00', '2025-01-02T10:00'), /timeline\[0\]\.at: .*outside the scenario period/],
  ];
  test.each(cases)('%s', (_, text, message) => {
    const dir = tempDir();
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, text);
    const out = join(dir, 'out');
    const r = marketsim(['run', file, '--out', out]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toMatch(message);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['broken.yaml']); // no temp directory left either
  });

  test('a bad --set and an unknown profile are bad input too', () => {
    const dir = tempDir();
    const file = join(dir, 'ok.yaml');
    writeFileSync(file, GOOD);
    const set = marketsim(['run', file, '--out', join(dir, 'o'), '--set', 'hardwareAutoAcceptDelayMs=soon']);
    expect(set.code).toBe(2);
    expect(set.stderr).toMatch(/^marketsim: --set: hardwareAutoAcceptDelayMs: not a duration/);
    expect(marketsim(['run', file, '--out', join(dir, 'o'), '--profile', 'aws']).code).toBe(2);
    expect(marketsim(['run', join(dir, 'missing.yaml')]).stderr).toMatch(/missing\.yaml: \(root\): cannot read file/);
    expect(existsSync(join(dir, 'o'))).toBe(false);
  });
});

describe('marketsim run: outputs', () => {
  test('npm start\'s default scenario exits 0 and writes events.jsonl and summary.json', () => {
    const out = join(tempDir(), 'default');
    const r = marketsim(['run', 'scenarios/default.yaml', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no violations/);
    const files = filesOf(out);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['events.jsonl', 'summary.json']));
    const summary = JSON.parse(files['summary.json']!) as { violations: unknown[]; scenario: string };
    expect(summary).toMatchObject({ scenario: 'default', violations: [] });
    for (const line of files['events.jsonl']!.trim().split('\n')) {
      expect(JSON.parse(line)).toMatchObject({ at: expect.stringMatching(/\+08:00$/), entity: expect.any(String), accepted: expect.any(Boolean) });
    }
  });

  test('an expectation that fails makes the run exit 1 and prints the replay command', () => {
    const dir = tempDir();
    const file = join(dir, 'expect.yaml');
    writeFileSync(file, GOOD.replace('product: p1 }', 'product: p1, expect: { state: listed } }'));
    const r = marketsim(['run', file, '--out', join(dir, 'o'), '--seed', '9']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/EXPECT .*expected state listed, got pendingReview/);
    expect(r.stderr).toContain(`replay: marketsim run ${file} --seed 9`);
    expect(existsSync(join(dir, 'o', 'summary.json'))).toBe(true);
  });

  test('same scenario and seed give byte-identical files; another seed changes the drawn review lengths', () => {
    const base = tempDir();
    const run = (name: string, seed: string) => {
      const out = join(base, name);
      expect(marketsim(['run', 'delisting-tencent', '--seed', seed, '--out', out]).code).toBe(0);
      return filesOf(out);
    };
    const first = run('a', '11');
    const again = run('b', '11');
    expect(again).toEqual(first);
    const other = [run('c', '12'), run('d', '13'), run('e', '14')];
    expect(other.some((files) => files['events.jsonl'] !== first['events.jsonl'])).toBe(true);
    for (const files of other) expect(files['summary.json']).toContain('"seed": "1');
  });

  test('a rerun replaces the output directory whole', () => {
    const out = join(tempDir(), 'o');
    expect(marketsim(['run', 'default', '--out', out]).code).toBe(0);
    writeFileSync(join(out, 'stale.txt'), 'old');
    expect(marketsim(['run', 'default', '--out', out]).code).toBe(0);
    expect(existsSync(join(out, 'stale.txt'))).toBe(false);
  });

  // In-process (one CLI process per file would spend most of its time starting tsx); the CLI path itself is
  // covered above. The large generated market is for `npm run bench` and analysts: it takes minutes.
  const builtins = readdirSync(join(REPO, 'scenarios')).filter((f) => f.endsWith('.yaml') && f !== 'market-large.yaml');
  test.each(builtins)('built-in scenario %s runs clean (its expectations and invariants hold)', (file) => {
    const loaded = loadScenarioFile(join(REPO, 'scenarios', file));
    if (!loaded.ok) throw new Error(loaded.error.toString());
    const resolved = resolveRun(loaded.scenario);
    if (!resolved.ok) throw new Error(resolved.error.toString());
    const result = simulate(resolved.setup);
    expect(result.violations.map((v) => `${v.check} ${v.entity}: ${v.message}`)).toEqual([]);
    expect(result.entries.length).toBeGreaterThan(1);
  });
});
