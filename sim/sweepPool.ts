// Runs a sweep's seeds across worker threads: each worker is handed the next seed as soon as it is free, and
// outcomes are put back in seed-list order, so the result is the same for any number of workers.
import { Worker } from 'node:worker_threads';
import type { SeedOutcome, SweepJob } from './sweep.js';
import type { SeedTask } from './sweepWorker.js';

const WORKER_URL = new URL('./sweepWorker.mjs', import.meta.url);

export async function runSweep(job: SweepJob, seeds: readonly string[], workerCount: number, onOutcome?: (done: number) => void): Promise<SeedOutcome[]> {
  const outcomes = new Array<SeedOutcome | undefined>(seeds.length);
  const count = Math.max(1, Math.min(workerCount, seeds.length));
  const workers = Array.from({ length: count }, () => new Worker(WORKER_URL, { workerData: job }));
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
          onOutcome?.(done);
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
