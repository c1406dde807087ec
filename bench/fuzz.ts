// The fuzz suite's long mode: draws cases from a seed (test/support/fuzz/cases.ts) and runs them until the time is
// up, each under a per-case limit, then prints how many ran, the exit codes, and every case that misbehaved with
// what to rerun. `npm test` runs a fixed 500-case slice (test/fuzz.test.ts); this finds what that slice does not.
//   node --import tsx bench/fuzz.ts [--minutes 10] [--seed long] [--limit-s 180] [--first 0] [--report file.json]
//   node --import tsx bench/fuzz.ts --case 'long#1234'        (rerun one case and print its verdict)
import { writeFileSync } from 'node:fs';
import { fuzzCases, type FuzzCase } from '../test/support/fuzz/cases.js';
import { FuzzPool } from '../test/support/fuzz/pool.js';
import type { Verdict } from '../test/support/fuzz/verdict.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : fallback;
}

const seed = option('seed', 'long');
const minutes = Number(option('minutes', '10'));
const pool = new FuzzPool(Number(option('limit-s', '180')) * 1000);
const single = option('case', '');

function describeCase(c: FuzzCase, v: Verdict): string {
  return `${c.id} [${c.kind}] ${c.mutation.slice(0, 300)}\n  argv: ${JSON.stringify(c.argv)}\n  → ${v.problem}`;
}

if (single !== '') {
  const [caseSeed, index] = single.split('#') as [string, string];
  const c = fuzzCases(caseSeed, 1, Number(index))[0]!;
  const v = await pool.run(c);
  console.log(v.problem ? describeCase(c, v) : `${c.id}: exit ${v.code}, fine (${c.mutation.slice(0, 200)})`);
  await pool.close();
} else {
  const deadline = performance.now() + minutes * 60_000;
  const codes = new Map<number, number>();
  const findings: { c: FuzzCase; v: Verdict }[] = [];
  let next = Number(option('first', '0'));
  let ran = 0;
  while (performance.now() < deadline) {
    for (const c of fuzzCases(seed, 50, next)) {
      const v = await pool.run(c);
      ran++;
      codes.set(v.code, (codes.get(v.code) ?? 0) + 1);
      if (v.problem) {
        findings.push({ c, v });
        console.log(`finding ${findings.length}: ${describeCase(c, v)}`);
      }
      if (performance.now() >= deadline) break;
    }
    next += 50;
    console.log(`… ${ran} cases, ${findings.length} findings`);
  }
  await pool.close();
  const byCode = [...codes.entries()].sort(([a], [b]) => a - b).map(([code, n]) => `exit ${code}: ${n}`).join(', ');
  console.log(`fuzz long mode: seed "${seed}", ${ran} cases in ${minutes} min (${byCode}), ${findings.length} findings`);
  const report = option('report', '');
  if (report !== '') writeFileSync(report, `${JSON.stringify(findings.map(({ c, v }) => ({ ...c, problem: v.problem })), null, 2)}\n`);
}
