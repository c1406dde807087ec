// Body of one shard's worker thread: resolves the run as the parent did, steps its buyers' orders (and every
// replicated entity), writes its log with each line's rank to its file, and posts back what the merge needs.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Scenario } from '../../scenarios/loader.js';
import type { Engine } from '../../sim/engine/engine.js';
import type { ShardJoin } from '../../sim/runContext.js';
import { REPLICATED_KINDS, type ShardSpec } from '../../sim/shards/partition.js';
import { resolveRun, startSimulation, SUMMARY_KINDS, type RunOptions, type RunSetup } from '../run.js';
import { collectIfLarge } from '../collectGarbage.js';
import { finalStatesOf } from '../world.js';
import { ThreadJoin } from './join.js';
import type { ShardOutcome } from './merge.js';
import { tagOf, UnitWriter, type Rank } from './units.js';

export interface ShardTask {
  readonly scenario: Scenario;
  readonly options: Pick<RunOptions, 'seed' | 'platform' | 'sets' | 'lazyArrivals' | 'release'>;
  readonly spec: ShardSpec;
  readonly path: string;
  readonly signal: SharedArrayBuffer;
  readonly peers: readonly (MessagePort | undefined)[];
  /** Test-only: each shard reads STL-5 from its own buyers alone (the control that shows the join is needed). */
  readonly unjoined?: boolean;
}

const UNJOINED: ShardJoin = { pendingSettlements: (_productId, local) => [...local] };

/** How far a shard is: its virtual instant, the lines it logged and the orders it made. */
export interface ShardProgress {
  readonly type: 'progress';
  readonly at: number;
  readonly events: number;
  readonly orders: number;
}

export type ShardMessage = ShardProgress | { readonly type: 'done'; readonly outcome: ShardOutcome };

const DAY_MS = 86_400_000;
const PROGRESS_EVERY_MS = 250;

export function runShard(task: ShardTask, onProgress?: (progress: ShardProgress) => void): ShardOutcome {
  const resolved = resolveRun(task.scenario, task.options);
  if (!resolved.ok) throw new Error(`a shard could not resolve the run the parent resolved: ${resolved.error.toString()}`);
  const writer = new UnitWriter(task.path);
  try {
    return runWith(task, resolved.setup, writer, onProgress);
  } finally {
    writer.close();
  }
}

function runWith(task: ShardTask, setup: RunSetup, writer: UnitWriter, onProgress?: (progress: ShardProgress) => void): ShardOutcome {
  const threads = new ThreadJoin(task.spec.index, task.signal, task.peers);
  const join: ShardJoin = task.unjoined ? UNJOINED : threads;
  let engine: Engine | undefined;
  let setupSpawns = 0;
  let lines = 0;
  let orders = 0;
  const start = setup.scenario.start;
  const started = startSimulation(setup, {
    ...task.options,
    retainLog: false,
    digest: false,
    shard: { spec: task.spec, join },
    onEntry: (entry) => {
      // The setup's spawns come before any step, alike in every shard.
      const rank: Rank = engine ? engine.stepRank() : { at: start, cls: -1, n: setupSpawns++, key: '' };
      writer.write(rank, tagOf(entry), JSON.stringify(entry));
      lines++;
      if (entry.source === 'spawn' && entry.entity.startsWith('order:')) orders++;
    },
  });
  engine = started.engine;
  // A day of virtual time at a time, so the parent hears how far the shard is (the wall clock only paces the messages).
  let lastPost = performance.now();
  let days = 0;
  for (let until = start + DAY_MS; engine.runUntil(until); until += DAY_MS) {
    // As a run on one thread does (runs/run.ts simulateYielding): V8 alone lets a large heap grow to about three times
    // what is alive, and every shard's heap is in the same process.
    if (++days % 30 === 0) collectIfLarge();
    if (onProgress && performance.now() - lastPost >= PROGRESS_EVERY_MS) {
      lastPost = performance.now();
      onProgress({ type: 'progress', at: engine.now, events: lines, orders });
    }
  }
  engine.run();
  threads.finished();
  // The replicated kinds' states once, from the first shard.
  const finalStates = finalStatesOf(engine, task.spec.index === 0 ? SUMMARY_KINDS : SUMMARY_KINDS.filter((kind) => !REPLICATED_KINDS.has(kind)));
  return {
    violations: engine.violations,
    lines,
    orders,
    finalStates,
    queuedOwn: engine.queuedFor((kind) => !REPLICATED_KINDS.has(kind)),
    queuedReplicated: engine.queuedFor((kind) => REPLICATED_KINDS.has(kind)),
    arrivalsLeft: engine.arrivalsLeft,
  };
}

const port = parentPort;
if (port) {
  const post = (message: ShardMessage): void => port.postMessage(message);
  post({ type: 'done', outcome: runShard(workerData as ShardTask, post) });
}
