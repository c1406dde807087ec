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
 * change anything: what the run computes never depends on it.
 */
export function collectGarbage(): void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed();
  // Not fetched (other threads kept unsetting the flag): no collection this time; the next call tries again.
  (fetched ??= fetchGc())?.();
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
  if (getHeapStatistics().used_heap_size > aboveMib * 2 ** 20) collectGarbage();
}
