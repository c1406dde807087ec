// The fuzz slice of `npm test`: 500 cases drawn from a fixed seed (mutated scenario files, bad flags, damaged run
// folders) run in-process through `main(argv, io)` in a worker thread, each under a time limit. Every case must
// end in exit 0/1 with complete files, or exit 2 with exactly one line: no stack trace, no raw control character,
// nothing left behind. The long mode is bench/fuzz.ts; cases it found are kept in test/fuzzRegressions.test.ts.
import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { fuzzCases } from './support/fuzz/cases.js';
import { FuzzPool } from './support/fuzz/pool.js';
import type { Verdict } from './support/fuzz/verdict.js';
import { REPO } from './support/cli.js';

const CASES = Number(process.env.FUZZ_CASES ?? 500);
const SEED = process.env.FUZZ_SEED ?? 'npm-test';
/** A hang detector, not a performance bound: the slowest legitimate case (a small sweep) takes a few seconds. */
const LIMIT_MS = 30_000;

const pool = new FuzzPool(LIMIT_MS);
afterAll(() => pool.close());

describe('fuzz', () => {
  test(`${CASES} cases from seed "${SEED}": exit 0/1 with complete files or exit 2 with one line, nothing left behind`, async () => {
    const repoBefore = readdirSync(REPO).sort();
    const verdicts: Verdict[] = [];
    const cases = fuzzCases(SEED, CASES);
    for (const c of cases) verdicts.push(await pool.run(c));
    const problems = verdicts.filter((v) => v.problem !== undefined).map((v) => {
      const c = cases.find((k) => k.id === v.id)!;
      return `${v.id} [${c.kind}] ${c.mutation.slice(0, 200)}\n    → ${v.problem!.slice(0, 600)}`;
    });
    const byCode = [0, 1, 2].map((code) => `exit ${code}: ${verdicts.filter((v) => v.code === code).length}`).join(', ');
    const seconds = verdicts.reduce((sum, v) => sum + (v.seconds ?? 0), 0);
    console.log(`fuzz: ${verdicts.length} cases (${byCode}), ${problems.length} problems, ${seconds.toFixed(1)} s in cases`);
    if (process.env.FUZZ_VERBOSE) {
      const slow = [...verdicts].sort((p, q) => (q.seconds ?? 0) - (p.seconds ?? 0)).slice(0, 15);
      for (const v of slow) console.log(`${v.seconds?.toFixed(2)} s exit ${v.code} ${cases.find((k) => k.id === v.id)!.mutation.slice(0, 140)}`);
    }
    expect(problems).toEqual([]);
    expect(verdicts).toHaveLength(CASES);
    // The suite writes only into temp folders.
    expect(readdirSync(REPO).sort()).toEqual(repoBefore);
  }, 600_000);
});
