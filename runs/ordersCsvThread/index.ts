// orders.csv built on a thread of its own (runs/ordersCsvThread/worker.ts) while the end of the run settles and writes
// the other files on this one: it reads only the run's spilled money facts, which are complete once the run is over,
// and the machine's second core is otherwise idle then. Same bytes as the end of the run's own orders.csv step.
import { Worker } from 'node:worker_threads';
import type { Platform } from '../../machines/domain.js';
import type { CsvOptions } from '../../reports/csv.js';
import type { CatalogNames } from '../../reports/runInfo.js';
import type { SpilledFile, SpilledLedger } from '../factSpill.js';
import { productNamesOf, type RunFileOptions } from '../files.js';
import type { OutputDirWriter } from '../output/folder.js';
import type { RunSetup } from '../run.js';
import { workerEntry } from '../workerEntry.js';

/** What the thread needs: all of it plain data. */
export interface OrdersCsvJob {
  /** The spilled facts, flushed (SpilledLedger.flush). */
  readonly facts: SpilledFile;
  /** orders.csv, created and empty (OutputDirWriter.external). */
  readonly fd: number;
  readonly productNames: readonly (readonly [string, string])[];
  readonly platform: Platform;
  readonly options: CsvOptions;
  readonly names: CatalogNames;
}

export interface OrdersCsvThread {
  /** orders.csv's sha256 (hex) once every byte is written; rejects with what stopped the thread. */
  readonly done: Promise<string>;
  /** What stopped the thread, once it has (undefined while it runs, and once it succeeded). */
  failure(): Error | undefined;
  /** Stops the thread, done or not (the run failed or is being stopped). */
  stop(): Promise<void>;
}

const YOUNG_GENERATION_MB = 16;

export function ordersCsvWorkerEntry(): URL {
  return workerEntry(import.meta.url);
}

export function startOrdersCsvThread(job: OrdersCsvJob): OrdersCsvThread {
  // A small young generation: the run's own (--max-semi-space-size=64 for a large run) would be the thread's too, and
  // its garbage is short-lived text pieces. At 100,000 orders the thread with the run's flags added ~70–120 MiB to
  // the peak.
  const worker = new Worker(ordersCsvWorkerEntry(), { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  const done = new Promise<string>((resolve, reject) => {
    let sha256: string | undefined;
    worker.on('message', (digest: string) => {
      sha256 = digest;
    });
    // What the thread threw, as node hands it over: message, stack and own properties (a system error's code, path).
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (sha256 !== undefined) resolve(sha256);
      else reject(new Error(`the orders.csv thread exited with code ${code} before it finished`));
    });
  });
  // Awaited only once the other files are written: a failure before then is kept, not an unhandled rejection.
  let failed: Error | undefined;
  done.catch((error: unknown) => {
    failed = error instanceof Error ? error : new Error(String(error));
  });
  return {
    done,
    failure: () => failed,
    stop: async () => {
      await worker.terminate();
    },
  };
}

/**
 * Spilled facts from which `marketsim run` builds orders.csv on its own thread. Below it the thread's start (loading
 * its modules, ~50 ms) costs about what it saves: orders.csv takes ~7 µs a fact (100,000 orders: ~150,000 facts,
 * ~1.05 s of the end of the run).
 */
export const ORDERS_THREAD_FROM_FACTS = 20_000;

/**
 * Whether orders.csv gets its own thread: by size, unless MARKETSIM_ORDERS_THREAD is `on` or `off` (tests,
 * measurements; any other value leaves it to size, as MARKETSIM_RELEASE and MARKETSIM_FAST_PATH take only `off`).
 */
export function ordersCsvOnOwnThread(facts: number, setting: string | undefined = process.env.MARKETSIM_ORDERS_THREAD): boolean {
  if (setting === 'on') return true;
  if (setting === 'off') return false;
  return facts >= ORDERS_THREAD_FROM_FACTS;
}

/**
 * Starts writing orders.csv of `output` from `facts` on its own thread; `finished()` waits for it and gives the
 * folder its digest. The caller leaves the orders.csv step out of the end of the run (writeReportFilesYielding's
 * `elsewhere`), and calls `stop()` if the run fails first.
 */
export function writeOrdersCsvElsewhere(
  output: OutputDirWriter,
  facts: SpilledLedger,
  setup: RunSetup,
  options: RunFileOptions,
  names: CatalogNames,
): OrdersCsvElsewhere {
  facts.flush();
  const file = output.external('orders.csv');
  const thread = startOrdersCsvThread({
    facts: facts.readable,
    fd: file.fd,
    productNames: [...productNamesOf(setup)],
    platform: setup.platform,
    options: { lang: options.lang, excel: options.excel },
    names,
  });
  return {
    finished: async () => file.done(await thread.done),
    check: () => {
      const failure = thread.failure();
      if (failure) throw failure;
    },
    stop: () => thread.stop(),
  };
}

/** orders.csv being written elsewhere, as the end of the run sees it. */
export interface OrdersCsvElsewhere {
  /** Waits for the thread and gives the folder the file's digest; throws what stopped the thread. */
  finished(): Promise<void>;
  /** Throws what stopped the thread if it has failed already: the end of the run stops then, not after every file. */
  check(): void;
  stop(): Promise<void>;
}
