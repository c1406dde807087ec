// One run split by buyer across worker threads (`marketsim run --workers N`): each shard steps its buyers' orders and
// every replicated entity, the shards join STL-5's pending settlements as they go, and their logs are merged into the
// whole run's log, which is digested and settled here as a run on one thread is. Same files for any N.
// The merge parses only the lines the digest reads (shards tag the others: runs/shards/units.ts).
import { accessSync, constants, mkdtempSync, readdirSync, rmSync, statfsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { Scenario } from '../../scenarios/loader.js';
import { INVARIANTS } from '../../sim/kinds/index.js';
import { RunDigest } from '../../reports/runDigest.js';
import { catalogueOf, concludeRun, eventLoopTurns, SUMMARY_KINDS, type FinishedRun, type RunOptions, type RunSetup } from '../run.js';
import { abortJoins, signalBytes } from './join.js';
import { mergeShards, type ShardOutcome } from './merge.js';
import { UnitReader, type CountedLine } from './units.js';
import { register, unregister } from '../output/cleanup.js';
import { processAlive } from '../output/marker.js';
import type { ShardMessage, ShardProgress, ShardTask } from './worker.js';
import { workerEntry } from '../workerEntry.js';

/** The worker entry: the compiled body beside this module, or the tsx entry from the sources. */
export function shardWorkerEntry(): URL {
  return workerEntry(import.meta.url);
}

/**
 * Runs `setup` (resolved from `scenario` with `resolveWith`) in `workers` shards and merges them; `options.onEntry`
 * and `options.onCounted` see the whole run's log, in order. The shards' files live in a folder of the system's temporary directory that
 * this call makes and removes.
 */
export async function simulateSharded(
  scenario: Scenario,
  resolveWith: ShardTask['options'],
  setup: RunSetup,
  workers: number,
  options: ShardedOptions = {},
): Promise<FinishedRun> {
  const folder = mkdtempSync(join(tmpdir(), `${SHARD_FOLDER_PREFIX}${process.pid}-`));
  // Ours: removed if the process is asked to stop while the shards run or merge.
  register(folder);
  try {
    const shards = new Array<ShardProgress | undefined>(workers).fill(undefined);
    const onShard = (index: number, message: ShardProgress): void => {
      shards[index] = message;
      if (shards.every((p) => p !== undefined)) {
        const sum = (of: (p: ShardProgress) => number): number => shards.reduce((total, p) => total + of(p!), 0);
        options.onShardProgress?.(Math.min(...shards.map((p) => p!.at)), sum((p) => p.events), sum((p) => p.orders));
      }
    };
    const outcomes = await runShards(scenario, resolveWith, workers, folder, options.unjoined === true, onShard);
    options.onShardsDone?.(outcomes);
    options.onMerging?.();
    const readers: UnitReader[] = [];
    const digest = new RunDigest(setup.params.settlementUtcOffsetMinutes, options.ledgerStore);
    try {
      for (let i = 0; i < outcomes.length; i++) readers.push(new UnitReader(shardPath(folder, i)));
      const merging = mergeShards(
        readers,
        outcomes,
        {
          onEntry: (entry, line) => {
            digest.add(entry);
            options.onEntry?.(entry, line);
          },
          onCounted: (counted, at, line) => {
            digest.addCounted(counted);
            options.onCounted?.(counted, at, line);
          },
        },
        SUMMARY_KINDS,
        INVARIANTS.map((inv) => inv.id),
      );
      const turn = eventLoopTurns();
      let step = merging.next();
      for (; !step.done; step = merging.next()) await turn();
      const merged = step.value;
      const { merchants } = catalogueOf(setup);
      return { ...concludeRun(setup, digest, merged.violations, merged.steps, merchants), world: merged.world };
    } finally {
      for (const reader of readers) reader.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
    unregister(folder);
  }
}

export interface ShardedOptions extends Pick<RunOptions, 'onEntry' | 'ledgerStore'> {
  /**
   * The merged log's lines that the run's digest only counts (no refusal, money fact, supervision completion or
   * product leaving sale: most lines), unparsed: what the line's tag says, its instant (epoch ms) and its text.
   * `onEntry` sees the others, parsed; together they are the whole log, in order.
   */
  readonly onCounted?: (counted: CountedLine, at: number, line: string) => void;
  /** While the shards run: the least virtual instant they reached, and the lines and orders they logged so far. */
  readonly onShardProgress?: (at: number, events: number, orders: number) => void;
  /** The shards are done; their logs are merged next (onEntry and onCounted see the merged log). */
  readonly onMerging?: () => void;
  /** The shards have run (what each hands the merge: tests read how the orders were split). */
  readonly onShardsDone?: (outcomes: readonly ShardOutcome[]) => void;
  /** Test-only: each shard reads STL-5 from its own buyers alone (ShardTask.unjoined). */
  readonly unjoined?: boolean;
}

/** What a shard resolves the run with: the options that decide the run, nothing that only watches it. */
export function shardResolveOptions(options: RunOptions): ShardTask['options'] {
  return {
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.platform !== undefined ? { platform: options.platform } : {}),
    ...(options.sets !== undefined ? { sets: options.sets } : {}),
    ...(options.lazyArrivals !== undefined ? { lazyArrivals: options.lazyArrivals } : {}),
    ...(options.release !== undefined ? { release: options.release } : {}),
  };
}

/**
 * Bytes the shards' files take per order, with room: the default mix wrote 5,088 MiB of them for a million orders
 * (rank prefixes included, a little more than its 4.94 GB events.jsonl); the merge's tags add about 4% (market-tencent:
 * 98 KB of tags to 2.36 MB of lines), ~5.3 KiB an order.
 */
export const SHARD_FILE_BYTES_PER_ORDER = 6 * 1024;

/** Bytes `events.jsonl` takes per order at `--log full` (4.94 GB for the default mix's million orders), with room. */
export const EVENTS_BYTES_PER_ORDER = 5 * 1024;

export interface ShardRoom {
  readonly dir: string;
  readonly need: number;
  readonly free: number;
  /** Why the folder cannot hold the shards' files at all (it does not exist, say). */
  readonly problem?: string;
}

/**
 * Where a split run's shard files go, what they need for `orders`, and what that file system has free. When the
 * output folder `out` is on the same file system, events.jsonl grows there while the shards' files still exist, so
 * it counts too (`eventsBytesPerOrder`: EVENTS_BYTES_PER_ORDER at `--log full`, less or none at other levels).
 */
export function shardFilesRoom(orders: number, out: string, eventsBytesPerOrder: number, dir: string = tmpdir()): ShardRoom {
  const need = (events: number): number => orders * (SHARD_FILE_BYTES_PER_ORDER + events);
  let free: number;
  let device: number;
  try {
    // Not only there: the shards must be able to make a folder in it.
    accessSync(dir, constants.W_OK | constants.X_OK);
    if (!statSync(dir).isDirectory()) return { dir, need: need(0), free: 0, problem: 'not a folder' };
    const stats = statfsSync(dir);
    free = stats.bavail * stats.bsize;
    device = statSync(dir).dev;
  } catch (error) {
    return { dir, need: need(0), free: 0, problem: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
  // The output is written in a sibling of the output folder (runs/output): its parent's disk.
  return { dir, need: need(deviceOf(dirname(resolve(out))) === device ? eventsBytesPerOrder : 0), free };
}

/** The device of `path`, or of its nearest existing parent (an output folder is often not there yet). */
function deviceOf(path: string): number | undefined {
  for (let at = resolve(path); ; at = dirname(at)) {
    try {
      return statSync(at).dev;
    } catch {
      if (dirname(at) === at) return undefined;
    }
  }
}

/** Shard folders are named for the process that made them: `marketsim-shards-<pid>-XXXXXX`. */
export const SHARD_FOLDER_PREFIX = 'marketsim-shards-';

/**
 * A leftover's files untouched for this long are not a live run's: a run's shards write their files continuously,
 * and its merge (about 90 s at a million orders here) reads them in well under this.
 */
export const STALE_AFTER_MS = 60 * 60 * 1000;

/**
 * Removes shard folders whose process is gone (killed with SIGKILL, or out of memory: no handler ran), so they neither
 * hold the disk nor make later runs look short of room. Only folders named as this module names them, only when no
 * process of that pid runs here and nothing in them changed for STALE_AFTER_MS: a run in another PID namespace
 * sharing this TMPDIR (a container) looks gone by its pid, but it writes its files. A folder that cannot be removed
 * (another user's) is left alone.
 */
export function removeStaleShardFolders(dir: string, now: number = Date.now()): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const match = /^marketsim-shards-(\d+)-[A-Za-z0-9]{6}$/.exec(name);
    if (!match || Number(match[1]) === process.pid || processAlive(Number(match[1]))) continue;
    const folder = join(dir, name);
    try {
      const touched = Math.max(statSync(folder).mtimeMs, ...readdirSync(folder).map((file) => statSync(join(folder, file)).mtimeMs));
      if (now - touched >= STALE_AFTER_MS) rmSync(folder, { recursive: true, force: true });
    } catch {
      // gone meanwhile, or not ours to remove (another user's): left as it is
    }
  }
}

const shardPath = (folder: string, index: number): string => join(folder, `shard-${index}.units`);

async function runShards(
  scenario: Scenario,
  resolveWith: ShardTask['options'],
  count: number,
  folder: string,
  unjoined: boolean,
  progress?: (index: number, message: ShardProgress) => void,
): Promise<ShardOutcome[]> {
  const signal = new SharedArrayBuffer(signalBytes(count));
  const peers: (MessagePort | undefined)[][] = Array.from({ length: count }, () => new Array<MessagePort | undefined>(count).fill(undefined));
  for (let i = 0; i < count; i++) {
    for (let j = i + 1; j < count; j++) {
      const channel = new MessageChannel();
      peers[i]![j] = channel.port1;
      peers[j]![i] = channel.port2;
    }
  }
  const url = shardWorkerEntry();
  const threads = peers.map((ports, index) => {
    const task: ShardTask = { scenario, options: resolveWith, spec: { index, count }, path: shardPath(folder, index), signal, peers: ports, ...(unjoined ? { unjoined } : {}) };
    return new Worker(url, { workerData: task, transferList: ports.filter((p): p is MessagePort => p !== undefined) });
  });
  try {
    return await Promise.all(
      threads.map(
        (thread, index) =>
          new Promise<ShardOutcome>((resolve, reject) => {
            let outcome: ShardOutcome | undefined;
            thread.on('message', (message: ShardMessage) => {
              if (message.type === 'done') outcome = message.outcome;
              else progress?.(index, message);
            });
            thread.on('error', (error) => {
              abortJoins(signal, count);
              reject(error);
            });
            thread.on('exit', (code) => {
              if (outcome && code === 0) resolve(outcome);
              else {
                abortJoins(signal, count);
                reject(new Error(`shard ${index} of ${count} exited with code ${code} before it finished`));
              }
            });
          }),
      ),
    );
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
}
