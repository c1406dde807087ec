// `marketsim run`: load, resolve, simulate, write the output folder crash-safely (runs/output/), print a summary; with
// --compare, also the variant and the settlement diff.
import type { RunFlags } from './flags.js';
import type { Io } from './io.js';
import { compareRuns } from './shared/compare.js';
import { runScenario } from './shared/simulate.js';

export async function runCommand(scenarioArg: string, flags: RunFlags, io: Io): Promise<number> {
  return flags.compare !== undefined ? compareRuns(scenarioArg, flags, io) : runScenario(scenarioArg, flags, io);
}
