// Feeds fuzz cases to one worker thread and times each out: a case that does not answer within the limit is a
// hang; the worker is terminated (the only way to stop synchronous code) and a fresh one takes the next case.
import { Worker } from 'node:worker_threads';
import type { FuzzCase } from './cases.js';
import type { Verdict } from './verdict.js';

const ENTRY = new URL('./worker.mjs', import.meta.url);

export class FuzzPool {
  private worker: Worker | undefined;

  constructor(private readonly limitMs: number) {}

  private started(): Worker {
    this.worker ??= new Worker(ENTRY, { stdout: true, stderr: true });
    return this.worker;
  }

  run(c: FuzzCase): Promise<Verdict> {
    const worker = this.started();
    const began = performance.now();
    return new Promise((resolve) => {
      const finish = (verdict: Verdict): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve({ ...verdict, seconds: (performance.now() - began) / 1000 });
      };
      const onMessage = (verdict: Verdict): void => finish(verdict);
      const onError = (error: Error): void => {
        this.worker = undefined;
        finish({ id: c.id, code: -1, err: [], problem: `uncaught in the worker: ${error.stack ?? error.message}` });
      };
      const onExit = (code: number): void => {
        this.worker = undefined;
        finish({ id: c.id, code: -1, err: [], problem: `the worker exited (${code}) during the case` });
      };
      const timer = setTimeout(() => {
        this.worker = undefined;
        void worker.terminate();
        finish({ id: c.id, code: -1, err: [], problem: `no answer within ${this.limitMs / 1000} s (a hang)` });
      }, this.limitMs);
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.postMessage(c);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('stop');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    await worker.terminate();
  }
}
