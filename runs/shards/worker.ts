// Body of one shard's worker thread: resolves the run as the parent did, steps its buyers' orders (and every
// replicated entity), writes its log with each line's rank to its file, and posts back what the merge needs.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Scenario } from '../../scenarios/loader.js';
import type { Engine } from '../../sim/engine/engine.js';
import type { ShardJoin } from '../../sim/runContext.js';
import { REPLICATED_KINDS, type ShardSpec } from '../../sim/shards/partition.js';
import { stateString } from '../../machines/introspect/stateText.js';
import { resolveRun, startSimulation, SUMMARY_KINDS, type RunOptions } from '../run.js';
import { ThreadJoin } from './join.js';
import type { ShardOutcome } from './merge.js';
import { UnitWriter, type Rank } from './units.js';

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

export function runShard(task: ShardTask): ShardOutcome {
  const resolved = resolveRun(task.scenario, task.options);
  if (!resolved.ok) throw new Error(`a shard could not resolve the run the parent resolved: ${resolved.error.toString()}`);
  const writer = new UnitWriter(task.path);
  let engine: Engine | undefined;
  let setupSpawns = 0;
  let lines = 0;
  const start = resolved.setup.scenario.start;
  const started = startSimulation(resolved.setup, {
    ...task.options,
    retainLog: false,
    digest: false,
    shard: { spec: task.spec, join: task.unjoined ? UNJOINED : new ThreadJoin(task.spec.index, task.signal, task.peers) },
    onEntry: (entry) => {
      // The setup's spawns come before any step, alike in every shard.
      const rank: Rank = engine ? engine.stepRank() : { at: start, cls: -1, n: setupSpawns++, key: '' };
      writer.write(rank, JSON.stringify(entry));
      lines++;
    },
  });
  engine = started.engine;
  engine.run();
  writer.close();
  const finalStates: [string, string][] = [];
  for (const kind of SUMMARY_KINDS) {
    // The replicated kinds' states once, from the first shard.
    if (REPLICATED_KINDS.has(kind) && task.spec.index !== 0) continue;
    for (const [id, snapshot] of engine.entities(kind)) finalStates.push([`${kind}:${id}`, stateString(snapshot.value)]);
  }
  return {
    violations: engine.violations,
    lines,
    finalStates,
    queuedOwn: engine.queuedFor((kind) => !REPLICATED_KINDS.has(kind)),
    queuedReplicated: engine.queuedFor((kind) => REPLICATED_KINDS.has(kind)),
    arrivalsLeft: engine.arrivalsLeft,
  };
}

if (parentPort) parentPort.postMessage(runShard(workerData as ShardTask));
