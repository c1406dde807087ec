// Re-pricing a saved run against simulating it again: `marketsim settle <dir> --set commissionBasisPoints=…` and
// `marketsim run <scenario> --set commissionBasisPoints=…` (the same files), each the real command as a user runs
// it (a child process, start-up included), best of N, and their ratio. Both write into a temporary folder that is
// removed at the end.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt } from './timing.js';

const CLI = fileURLToPath(new URL('../cli/marketsim.mjs', import.meta.url));

export interface RepriceBenchOptions {
  readonly scenario: string;
  readonly rounds: number;
}

const SET = 'commissionBasisPoints={"image":500,"saas":300,"license":1250}';
async function must(args: readonly string[]): Promise<void> {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`marketsim ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
}

/** Milliseconds of the fastest of `rounds` runs of an async body, after one warm-up (bestNsPer's, for async). */
async function bestMs(rounds: number, body: () => Promise<void>): Promise<number> {
  await body();
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    await body();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

export async function runRepriceBench(options: RepriceBenchOptions): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'marketsim-bench-reprice-'));
  try {
    const saved = join(root, 'saved');
    await must(['run', options.scenario, '--out', saved]);
    const runMs = await bestMs(options.rounds, () => must(['run', options.scenario, '--out', join(root, 'rerun'), '--set', SET]));
    const settleMs = await bestMs(options.rounds, async () => {
      const copy = join(root, 'repriced');
      rmSync(copy, { recursive: true, force: true });
      cpSync(saved, copy, { recursive: true });
      await must(['settle', copy, '--set', SET]);
    });
    console.log(`reprice ${options.scenario}: run --set ${fmt(runMs, 0)} ms, settle --set ${fmt(settleMs, 0)} ms (copying the saved run included): settle takes ${fmt(settleMs / runMs, 3)} of run's time (run/settle ${fmt(runMs / settleMs, 1)}×)`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
