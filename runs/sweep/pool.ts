// Runs a sweep's seeds across worker threads: each worker is handed the next seed as soon as it is free, and
// outcomes are put back in seed-list order, so the result is the same for any number of workers.
//
// Workers load the worker body (sweepWorker.ts and everything it imports) as one ES module that esbuild bundles
// once per process, with the same transform options tsx uses: a worker does not inherit the tsx loader the CLI
// registered, and registering it in each worker (sweepWorker.mjs) costs about a second of CPU per worker on
// its own loader thread, paid again by every worker of the sweep. Packages stay outside the bundle, imported by
// absolute file URL, so they are the same files Node would load. If the bundle cannot be made, workers fall
// back to sweepWorker.mjs (tsx registered in each); the code they run is the same.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SeedOutcome, SweepJob } from './sweep.js';
import type { SeedTask } from './worker.js';

/** Worker entry that registers tsx in the worker, then imports sweepWorker.ts. */
export const TSX_WORKER = new URL('./worker.mjs', import.meta.url);
const WORKER_BODY = new URL('./worker.ts', import.meta.url);

/** The part of esbuild's API used here (a dependency of ours, pinned to the minor tsx itself uses). */
interface Esbuild {
  build(options: object): Promise<{ readonly outputFiles: readonly { readonly text: string }[] }>;
}
interface ResolveArgs {
  readonly path: string;
  readonly kind: string;
  readonly resolveDir: string;
  readonly pluginData?: unknown;
}
interface PluginBuild {
  onResolve(options: { filter: RegExp }, callback: (args: ResolveArgs) => Promise<{ path: string; external: true } | undefined>): void;
  resolve(path: string, options: { kind: string; resolveDir: string; pluginData: unknown }): Promise<{ readonly path: string; readonly external: boolean; readonly errors: readonly unknown[] }>;
}

let bundled: Promise<URL> | undefined;

/** The worker entry runSweep uses: the bundled worker body as a data: URL, or TSX_WORKER if it cannot be bundled. */
export function sweepWorkerEntry(): Promise<URL> {
  bundled ??= bundleWorkerBody().catch(() => TSX_WORKER);
  return bundled;
}

async function bundleWorkerBody(): Promise<URL> {
  const esbuild = (await import('esbuild')) as unknown as Esbuild;
  const again = Symbol('resolving a package');
  const packagesByFileUrl = {
    name: 'packages-by-file-url',
    setup(build: PluginBuild) {
      // A data: module can import absolute URLs only, so each package import is resolved here (Node's
      // conditions: import, node, default) and left external as the file's URL.
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === again || args.path.startsWith('node:')) return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: again });
        if (resolved.errors.length > 0 || resolved.path === '') throw new Error(`cannot resolve ${args.path}`);
        if (resolved.external) return { path: args.path, external: true }; // a built-in module named without node:
        return { path: pathToFileURL(resolved.path).href, external: true };
      });
    },
  };
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(WORKER_BODY)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    conditions: ['node'],
    // tsx's own transform options: same language level, function and class names kept.
    target: `node${process.versions.node}`,
    keepNames: true,
    logLevel: 'silent',
    plugins: [packagesByFileUrl],
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error('esbuild wrote no bundle');
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/**
 * Outcomes of `seeds` in seed-list order, run on `workerCount` worker threads. `entry` is the worker entry
 * (default: sweepWorkerEntry(); tests pass TSX_WORKER to compare both).
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
  const url = entry ?? (await sweepWorkerEntry());
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
