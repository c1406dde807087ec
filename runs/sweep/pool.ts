// Runs a sweep's seeds across worker threads: each worker is handed the next seed as soon as it is free, and
// outcomes are put back in seed-list order, so the result is the same for any number of workers.
//
// From the build (dist/, how the CLI runs) a worker loads the compiled worker body directly. From the TypeScript
// sources (tests, benches under tsx) a worker does not inherit the parent's tsx loader, so it starts from
// worker.mjs, which registers tsx first; the code it runs is the same.
import { Worker } from 'node:worker_threads';
import type { SeedOutcome, SweepJob } from './sweep.js';
import type { SeedTask } from './worker.js';
import { workerEntry } from '../workerEntry.js';

/** Worker entry that registers tsx in the worker, then imports worker.ts. */
export const TSX_WORKER = new URL('./worker.mjs', import.meta.url);

/** The worker entry runSweep uses: the compiled body beside this module, or TSX_WORKER from the sources. */
export function sweepWorkerEntry(): URL {
  return workerEntry(import.meta.url, TSX_WORKER);
}

/**
 * Outcomes of `seeds` in seed-list order, run on `workerCount` worker threads. `entry` is the worker entry
 * (default: sweepWorkerEntry()).
 */
export async function runSweep(
  job: SweepJob,
  seeds: readonly string[],
  workerCount: number,
  onOutcome?: (done: number, outcome: SeedOutcome) => void,
  entry?: URL,
): Promise<SeedOutcome[]> {
  const outcomes = new Array<SeedOutcome | undefined>(seeds.length);
  const count = Math.max(1, Math.min(workerCount, seeds.length));
  const url = entry ?? sweepWorkerEntry();
  const workers = Array.from({ length: count }, () => new Worker(url, { workerData: job }));
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (worker: Worker) => {
        if (next >= seeds.length) return;
        const task: SeedTask = { index: next, seed: seeds[next]! };
        next++;
        worker.postMessage(task);
      };
      for (const worker of workers) {
        worker.on('message', (message: { index: number; outcome: SeedOutcome }) => {
          outcomes[message.index] = message.outcome;
          done++;
          onOutcome?.(done, message.outcome);
          if (done === seeds.length) resolve();
          else feed(worker);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (done < seeds.length) reject(new Error(`sweep worker exited with code ${code} before the sweep finished`));
        });
        feed(worker);
      }
      if (seeds.length === 0) resolve();
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return outcomes.map((outcome, i) => {
    if (!outcome) throw new Error(`no outcome for seed ${seeds[i]}`);
    return outcome;
  });
}
