// `marketsim run`: load, resolve, simulate, write the output folder crash-safely (runs/output/), print a summary; with
// --compare, also the variant and the settlement diff.
import type { RunFlags } from './flags.js';
import type { Io } from './io.js';
import { compareRuns } from './shared/compare.js';
import { runScenario, type WrittenRun } from './shared/simulate.js';

/** `onWritten` is handed each run once written (both with --compare, the baseline first). */
export async function runCommand(scenarioArg: string, flags: RunFlags, io: Io, onWritten?: (run: WrittenRun) => void): Promise<number> {
  return flags.compare !== undefined ? compareRuns(scenarioArg, flags, io, onWritten) : runScenario(scenarioArg, flags, io, onWritten);
}
