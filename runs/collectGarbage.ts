// A full garbage collection on demand, for the one moment a run knows most of its heap just became garbage: its
// engine (every entity, timer, wallet and merchant's state) let go before the settlement and the files are built.
// Without it V8 sizes its next collection from the world it last saw alive and grows the heap past it; with it the
// end of the run reuses the world's memory (docs/performance.md, "the end of a run").
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Runs V8's full collection. Node offers `gc` only under `--expose-gc`; without it, the flag is set for the moment
 * it takes to fetch `gc` into a fresh context and unset again: jest's leak detector does the same
 * (jest-leak-detector `_runGarbageCollector`). Fetched once per thread. Only when the memory is measured does this
 * change anything: what the run computes never depends on it. Says whether it collected.
 */
export function collectGarbage(): boolean {
  // Not fetched (other threads kept unsetting the flag): no collection this time; the next call tries again.
  const gc = (globalThis as { gc?: () => void }).gc ?? (fetched ??= fetchGc());
  gc?.();
  return gc !== undefined;
}

let fetched: (() => void) | undefined;

/** Flags are the process's: another thread fetching at the same time may unset it between our set and our fetch. */
const FETCH_ATTEMPTS = 100;

/** `gc`, or undefined if other threads kept unsetting the flag: a collection saves memory, never decides anything. */
function fetchGc(): (() => void) | undefined {
  for (let attempt = 1; attempt <= FETCH_ATTEMPTS; attempt++) {
    setFlagsFromString('--expose-gc');
    try {
      return runInNewContext('gc') as () => void;
    } catch {
      // unset by another thread between our set and our fetch: again
    } finally {
      setFlagsFromString('--no-expose-gc');
    }
  }
  return undefined;
}

/**
 * Heap in use (MiB) above which a run collects at every virtual month; below it a run is small enough that V8's own
 * schedule is cheaper than a full collection a month. market-large (108k orders): in process, peak RSS 718 MiB
 * against 1,131 MiB in the same wall time; through `marketsim run`, 849–856 MiB against 1,079–1,097 MiB for 4–8% more
 * wall time and 10–15% more CPU. A million orders ran faster with it (docs/performance.md, "the end of a run").
 */
export const COLLECT_ABOVE_MIB = 256;

/** collectGarbage() when the heap in use is above `aboveMib`. */
export function collectIfLarge(aboveMib: number = COLLECT_ABOVE_MIB): void {
  if (usedBytes() > aboveMib * 2 ** 20) collectGarbage();
}

/**
 * How much the heap in use must have grown since a run's last collection left it for another one to be worth its
 * pause. A collection marks everything alive, ~1.8 s at the end of a million-order run, whether it frees anything or
 * not: two steps of that end (a small file after a large one) were each followed by a collection that freed nothing
 * (977.6 → 977.4 MB and 979.4 → 979.1 MB, `--trace-gc`). Every collection that freed something had seen the heap grow
 * by at least 35% (a virtual month of a million orders: 2,211 → 3,305 MB; the end's steps: 977 → 1,527 MB).
 */
export const GROWTH_TO_COLLECT = 0.25;

/** The collections of one run (`marketsim run`): when its engine is let go, and at each virtual month and end step. */
export interface RunCollector {
  /** collectGarbage(), remembered as this run's last. */
  now(): void;
  /** now() when the heap in use is above `aboveMib` and has grown by GROWTH_TO_COLLECT since this run's last one. */
  ifLarge(): void;
}

/**
 * Collections for one run. The baseline is the run's own, not the thread's: one left by an earlier, larger run of the
 * same process (`run --compare` runs two) would hold off a smaller run's collections.
 */
export function runCollector(aboveMib: number = COLLECT_ABOVE_MIB): RunCollector {
  let left = 0;
  const now = (): void => {
    // A baseline only from a collection that happened: one measured over garbage would hold the next one off.
    if (collectGarbage()) left = usedBytes();
  };
  return {
    now,
    ifLarge: () => {
      const used = usedBytes();
      if (used > aboveMib * 2 ** 20 && used >= left * (1 + GROWTH_TO_COLLECT)) now();
    },
  };
}

const usedBytes = (): number => getHeapStatistics().used_heap_size;
