// Where a worker thread starts, for the module that starts it: one rule for every thread marketsim runs (a sweep's
// seeds, a split run's shards, orders.csv at the end of a large run).

/**
 * The worker entry beside the module at `moduleUrl`: from the build (dist/, how the CLI runs) the compiled
 * `worker.js`; from the TypeScript sources (tests, benches under tsx) `fromSources`, by default the `worker.mjs` that
 * registers tsx before it loads `worker.ts` (a worker does not inherit the parent's tsx loader).
 */
export function workerEntry(moduleUrl: string, fromSources: URL = new URL('./worker.mjs', moduleUrl)): URL {
  return moduleUrl.endsWith('.js') ? new URL('./worker.js', moduleUrl) : fromSources;
}
