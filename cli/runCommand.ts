// `marketsim run`: load, resolve, simulate, write the output folder crash-safely (runs/output/), print a summary; with
// --compare, also the variant and the settlement diff.
import { logLevel, type RunFlags } from './flags.js';
import { resolveScenarioPath } from '../scenarios/builtin.js';
import { loadScenarioFile } from '../scenarios/loader.js';
import { badInput, type Io } from './io.js';
import { compareRuns } from './shared/compare.js';
import { SETTLE_HEAP_PER_ORDER_KIB, sizeHeap } from './shared/heapSize.js';
import { runScenario, type WrittenRun } from './shared/simulate.js';

/** `onWritten` is handed each run once written (both with --compare, the baseline first). */
export async function runCommand(scenarioArg: string, flags: RunFlags, io: Io, onWritten?: (run: WrittenRun) => void): Promise<number> {
  // Before the heap is sized (which may start a second process) and before either run of --compare.
  const log = logLevel(flags);
  if (!log.ok) return badInput(log.error, io);
  if (flags.compare === undefined) return runScenario(scenarioArg, flags, io, onWritten, { sizeHeap: true });
  // Two runs in this process: sized once, before either (compare reads the scenario once per run anyway).
  const loaded = loadScenarioFile(resolveScenarioPath(scenarioArg));
  // Sized for its diff, which settles both runs at once (twice settle's need), more than one run needs.
  const sized = loaded.ok ? sizeHeap(loaded.scenario, scenarioArg, io, 2 * SETTLE_HEAP_PER_ORDER_KIB) : undefined;
  return sized ?? compareRuns(scenarioArg, flags, io, onWritten);
}
