// Body of a sweep worker thread: receives the job once (workerData), then runs the seeds it is handed one at
// a time and posts each outcome back with its position in the seed list.
import { parentPort, workerData } from 'node:worker_threads';
import { sweepSeed, type SweepJob } from './sweep.js';

export interface SeedTask {
  readonly index: number;
  readonly seed: string;
}

const job = workerData as SweepJob;
const port = parentPort;
if (!port) throw new Error('sweepWorker.ts must run in a worker thread');
port.on('message', (task: SeedTask) => {
  port.postMessage({ index: task.index, outcome: sweepSeed(job, task.seed) });
});
