// `marketsim worker --queue redis://…`: a process that runs sweep seeds from the job queue until it is stopped
// (SIGINT or SIGTERM: it takes no new job, finishes and stores the seeds it is running, then exits).
import { connectRedis, parseQueueUrl, shownUrl } from '../runs/sweep/queue.js';
import { startQueueWorker } from '../runs/sweep/queueWorker.js';
import { InputError } from '../scenarios/loader.js';
import { EXIT } from './exitCodes.js';
import { badInput, type Io } from './io.js';

export interface WorkerFlags {
  readonly queue: string;
  readonly concurrency?: string;
  readonly lockMs?: string;
}

function positiveInteger(flag: string, text: string | undefined): { ok: true; value: number | undefined } | { ok: false; error: InputError } {
  if (text === undefined) return { ok: true, value: undefined };
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 ? { ok: true, value: n } : { ok: false, error: new InputError(flag, text, 'expected a positive integer') };
}

export async function workerCommand(flags: WorkerFlags, io: Io, stop: Promise<string> = stopSignal()): Promise<number> {
  const url = parseQueueUrl(flags.queue);
  if (!url.ok) return badInput(new InputError('--queue', flags.queue, url.error), io);
  const concurrency = positiveInteger('--concurrency', flags.concurrency);
  if (!concurrency.ok) return badInput(concurrency.error, io);
  const lockMs = positiveInteger('--lock-ms', flags.lockMs);
  if (!lockMs.ok) return badInput(lockMs.error, io);
  const redis = await connectRedis(url.value);
  if (!redis.ok) return badInput(new InputError('--queue', shownUrl(url.value), redis.error), io);
  // The same error repeats while Redis is away: one line per distinct message.
  const reported = new Set<string>();
  const worker = await startQueueWorker(redis.value, url.value, {
    ...(concurrency.value !== undefined ? { concurrency: concurrency.value } : {}),
    ...(lockMs.value !== undefined ? { lockMs: lockMs.value } : {}),
    onError: (message) => {
      if (!reported.has(message)) io.err(`marketsim worker: ${message}`);
      reported.add(message);
    },
  });
  io.out(`worker ${worker.id} taking sweep jobs from ${shownUrl(url.value)}`);
  const signal = await stop;
  await worker.close();
  redis.value.disconnect();
  io.out(`worker ${worker.id} stopped (${signal})`);
  return EXIT.ok;
}

function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve(signal));
  });
}
