// A full `marketsim run` of every built-in scenario writes byte-identical files with the fast path on and off
//: the compiled tables change how fast the rules run, never what they decide or what is written.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { REPO, tempDir } from './support/cli.js';

const SCENARIOS = readdirSync(join(REPO, 'scenarios'))
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => name.replace(/\.yaml$/, ''))
  // Generated marketplaces (market-*) take minutes per run; the suite must stay fast. They are compared by
  // `MARKETSIM_DIFF_ALL=1 npx vitest run test/differential.run.test.ts`.
  .filter((name) => process.env.MARKETSIM_DIFF_ALL === '1' || !name.startsWith('market-'));

function run(scenario: string, out: string, fastPath: 'on' | 'off'): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO, 'cli', 'marketsim.mjs'), 'run', scenario, '--out', out], {
      cwd: REPO,
      env: { ...process.env, MARKETSIM_FAST_PATH: fastPath },
      stdio: 'ignore',
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
}

function filesOf(dir: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out[join(entry.parentPath, entry.name).slice(dir.length)] = readFileSync(join(entry.parentPath, entry.name));
  }
  return out;
}

test(`every built-in scenario (${SCENARIOS.join(', ')}): identical output files with the fast path on and off`, async () => {
  expect(SCENARIOS.length).toBeGreaterThan(3);
  const dir = tempDir('marketsim-fastpath-');
  let compared = 0;
  // Two runs at a time: CI has two cores and each run is a separate process.
  for (const scenario of SCENARIOS) {
    const [on, off] = [join(dir, `${scenario}-on`), join(dir, `${scenario}-off`)];
    const [codeOn, codeOff] = await Promise.all([run(scenario, on, 'on'), run(scenario, off, 'off')]);
    expect(codeOn, scenario).toBe(codeOff);
    // A scenario that fails the same way on both paths (bad input, or another kind's internal error) writes
    // nothing; that is the same outcome, and it is another suite's business.
    if (codeOn !== 0 && codeOn !== 1) continue;
    compared++;
    const [filesOn, filesOff] = [filesOf(on), filesOf(off)];
    expect(Object.keys(filesOn).sort(), scenario).toEqual(Object.keys(filesOff).sort());
    expect(Object.keys(filesOn).length, scenario).toBeGreaterThan(0);
    for (const name of Object.keys(filesOff)) {
      expect(filesOn[name]!.equals(filesOff[name]!), `${scenario}${name} differs`).toBe(true);
    }
  }
  expect(compared, 'scenarios that ran to completion').toBeGreaterThan(3);
}, 300_000);
