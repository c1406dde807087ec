// violations.jsonl and the replay command: every run writes the file (empty when clean), one line per violation
// with seed and replay; the printed replay carries every flag that changes the run and reproduces the same lines.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseSetOption } from '../machines/rules.js';
import { repricedReplay, replayWords, setWord, shellWord, violationsJsonl } from '../runs/violations.js';
import { parseScenarioText } from '../scenarios/loader.js';
import { resolveRun, simulate } from '../runs/run.js';
import { marketsim, tempDir } from './support/cli.js';

const SCENARIO = `name: tiny
profile: koogallery
seed: 3
start: 2024-01-01
end: 2024-02-01
merchants: [{ id: m1 }]
products:
  - { id: p1, merchant: m1, name: P, deliveryType: saas, specs: [{ id: s, priceFen: 100, period: month }] }
timeline:
  - { at: 2024-01-02T10:00, event: submit, product: p1 }
  - { at: 2024-01-03T10:00, event: approve, product: p1 }
  - { at: 2024-01-04T10:00, event: list, product: p1 }
  - { at: 2024-01-05T10:00, event: requestDelisting, product: p1, reason: retired for good, noticeUrl: https://x.example/n, expect: { accepted: true } }
`;

function write(text: string): { dir: string; file: string } {
  const dir = tempDir();
  const file = join(dir, 'tiny.yaml');
  writeFileSync(file, text);
  return { dir, file };
}

/** Splits a printed replay command back into argv (the test's commands only quote with single quotes). */
function argvOf(command: string): string[] {
  const words = command.match(/'[^']*'|\S+/g) ?? [];
  return words.map((w) => (w.startsWith("'") ? w.slice(1, -1) : w)).slice(1);
}

describe('violations.jsonl', () => {
  test('a clean run writes an empty violations.jsonl', () => {
    const { dir, file } = write(SCENARIO.replace(', expect: { accepted: true }', ''));
    const r = marketsim(['run', file, '--out', join(dir, 'o')]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'o', 'violations.jsonl'), 'utf8')).toBe('');
  });

  test('EXPECT/DEL-3: a violation under --profile and --set is one line with seed and replay, and the replay reproduces it', () => {
    // koogallery has no delisting requests (DEL-1), so the expectation fails; under tencent (--profile) it is
    // accepted unless --set delistFlow=discontinue puts the koogallery flow back: the replay needs both flags.
    const { dir, file } = write(SCENARIO);
    const args = ['run', file, '--seed', '77', '--profile', 'tencent', '--set', 'delistFlow=discontinue', '--set', 'hardwareAutoAcceptDelayMs=5d'];
    const r = marketsim([...args, '--out', join(dir, 'a')]);
    expect(r.code).toBe(1);
    const text = readFileSync(join(dir, 'a', 'violations.jsonl'), 'utf8');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ check: 'EXPECT', entity: 'product:p1', seed: '77', at: '2024-01-05T10:00:00+08:00' });
    expect(Object.keys(lines[0]!)).toEqual(['seq', 'at', 'check', 'rules', 'entity', 'message', 'seed', 'replay']);
    const replay = String(lines[0]!.replay);
    expect(r.stderr).toContain(`replay: ${replay}`);
    expect(replay).toContain('--profile tencent');
    expect(replay).toContain('--set delistFlow=discontinue');
    expect(replay).toContain('--seed 77');
    const again = marketsim([...argvOf(replay), '--out', join(dir, 'b')]);
    expect(again.code).toBe(1);
    expect(readFileSync(join(dir, 'b', 'violations.jsonl'), 'utf8')).toBe(text);
  });

  test('the file lists every violation when the run continues, only the first with --stop-on-violation', () => {
    const twice = SCENARIO.replace('event: approve, product: p1 }', 'event: approve, product: p1, expect: { state: listed } }');
    const loaded = parseScenarioText(twice, 'twice.yaml');
    if (!loaded.ok) throw new Error(loaded.error.toString());
    const resolved = resolveRun(loaded.scenario);
    if (!resolved.ok) throw new Error(resolved.error.toString());
    const all = violationsJsonl(simulate(resolved.setup)).trim().split('\n');
    const first = violationsJsonl(simulate(resolved.setup, { stopOnViolation: true })).trim().split('\n');
    expect(all).toHaveLength(2);
    expect(first).toEqual([all[0]]);
  });

  test('a --set word reads back as the same value, however it was given', () => {
    const values: unknown[] = ['5d', 'review', 432000000, true, ['saas', 'api'], { saas: 500 }, '123', 'a b', "it's"];
    for (const value of values) {
      const parsed = parseSetOption(setWord('k', value));
      expect(parsed.ok && parsed.value).toEqual(value);
    }
    expect(shellWord("it's")).toBe(`'it'\\''s'`);
  });

  test('STL-6: a printed replay command reads back into its words, and re-pricing it sets the new commission in the place `run` gives it', () => {
    const words = ['run', "/tmp/it's a dir/s.yaml", '--seed', 'x y', '--set', 'commissionBasisPoints={"image":700}', '--set', 'delistFlow=discontinue'];
    const command = ['marketsim', ...words].map(shellWord).join(' ');
    expect(replayWords(command)).toEqual(['marketsim', ...words]);
    const before = { commissionBasisPoints: { image: 700 }, delistFlow: 'discontinue' };
    expect(repricedReplay(command, before, { commissionBasisPoints: { image: 500 } })).toBe(command.replace('700', '500'));
    // A key the scenario file holds (in the overrides, no --set) goes in at its place; back at the file's value it goes.
    const fromFile = ['marketsim', 'run', 's.yaml', '--seed', '1', '--set', 'delistFlow=discontinue'].join(' ');
    const file = { commissionBasisPoints: { image: 300 }, delistFlow: 'discontinue' };
    expect(repricedReplay(fromFile, file, { commissionBasisPoints: { image: 500 } })).toBe(`marketsim run s.yaml --seed 1 --set 'commissionBasisPoints={"image":500}' --set delistFlow=discontinue`);
    expect(repricedReplay(fromFile, file, { commissionBasisPoints: { image: 300 } })).toBe(fromFile);
    expect(repricedReplay('rm -rf /', {}, {})).toBeUndefined();
    expect(repricedReplay("marketsim run 'open", {}, {})).toBeUndefined();
  });
});
