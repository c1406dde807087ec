// `marketsim run`: load, resolve, simulate, write the output folder crash-safely (runs/output/), print a summary; with
// --compare, also the variant and the settlement diff.
import type { RunFlags } from './flags.js';
import { resolveScenarioPath } from '../scenarios/builtin.js';
import { loadScenarioFile } from '../scenarios/loader.js';
import { badInputLine, type Io } from './io.js';
import { compareRuns } from './shared/compare.js';
import { heapPlanHere, relaunchWithHeap } from './shared/heapSize.js';
import { runScenario, type WrittenRun } from './shared/simulate.js';

/** `onWritten` is handed each run once written (both with --compare, the baseline first). */
export async function runCommand(scenarioArg: string, flags: RunFlags, io: Io, onWritten?: (run: WrittenRun) => void): Promise<number> {
  // Before anything is written: a run too large for node's default heap runs again with a larger one, or is refused.
  // (A scenario that does not load falls through, to be reported by the run itself.)
  // The file as written (a resolved setup has its population moved into a lazy timeline), and cheap: no catalogue.
  const loaded = loadScenarioFile(resolveScenarioPath(scenarioArg));
  if (loaded.ok) {
    const heap = heapPlanHere(loaded.scenario);
    if (heap.kind === 'refuse') return badInputLine(`${scenarioArg}: ${heap.reason}`, io);
    if (heap.kind === 'relaunch') return relaunchWithHeap(heap.mib);
  }
  return flags.compare !== undefined ? compareRuns(scenarioArg, flags, io, onWritten) : runScenario(scenarioArg, flags, io, onWritten);
}
