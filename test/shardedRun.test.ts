// A run split by buyer (runs/shards) gives the whole run's log, violations, world and settlement, line for line, for
// 2 and 3 shards: the engine's same-instant order lets each shard step its buyers as the whole run does, STL-5's
// pending settlements are joined between the shards' threads, and the merge puts the lines back by rank.
import { describe, expect, it } from 'vitest';
import { setupFromFlags } from '../cli/flags.js';
import { simulateYielding, type FinishedRun } from '../runs/run.js';
import type { LogEntry } from '../sim/log/entry.js';
import { shardOf } from '../sim/shards/partition.js';
import { ShardsDisagree } from '../runs/shards/merge.js';
import { shardResolveOptions, simulateSharded } from '../runs/shards/sharded.js';

async function both(scenario: string, workers: number, seed?: string) {
  const flags = seed === undefined ? {} : { seed };
  const loaded = setupFromFlags(scenario, flags, { lazyArrivals: true });
  if (!loaded.ok) throw new Error(String(loaded.error));
  const whole: string[] = [];
  const single = await simulateYielding(loaded.setup, { ...loaded.options, onEntry: (e) => whole.push(JSON.stringify(e)) });
  const parts: string[] = [];
  const texts: string[] = [];
  const onEntry = (e: LogEntry, line?: string): void => {
    parts.push(JSON.stringify(e));
    texts.push(line ?? '(none)');
  };
  const sharded = await simulateSharded(loaded.loaded, shardResolveOptions(loaded.options), loaded.setup, workers, { onEntry });
  return { whole, parts, texts, single, sharded };
}

const outcome = (run: FinishedRun) => ({ violations: run.violations, world: run.world, settlement: run.settled?.settlement });

describe('a run split by buyer', () => {
  // A generated market splits its buyers' orders among all the shards; delisting-tencent has products alone (all
  // replicated, STL-5 joined with nothing); supervision-orders is a file's own timeline of one buyer's orders.
  it.each([
    ['default', 2, true],
    ['market-tiny', 2, true],
    ['market-tiny', 3, true],
    ['delisting-tencent', 2, false],
    ['supervision-orders', 3, false],
  ])('%s in %i shards: the same log, violations, world and settlement as on one thread', async (name, workers, split) => {
    const { whole, parts, texts, single, sharded } = await both(`scenarios/${name}.yaml`, workers);
    expect(parts.length).toBe(whole.length);
    expect(parts).toEqual(whole);
    // The encoded line handed with each entry is the one events.jsonl gets from a run on one thread.
    expect(texts).toEqual(whole.map((line) => `${line}\n`));
    expect(outcome(sharded)).toEqual(outcome(single));
    // Not one shard doing everything: every shard stepped orders of its own.
    const orders = Object.keys(single.world.finalStates).filter((key) => key.startsWith('order:'));
    if (split) expect(new Set(orders.map((key) => shardOfOrder(whole, key, workers))).size).toBe(workers);
  }, 60_000);

  it("control: shards that read STL-5's pending settlements from their own buyers alone step a product apart, and the merge refuses them", async () => {
    const loaded = setupFromFlags('scenarios/market-tiny.yaml', {}, { lazyArrivals: true });
    if (!loaded.ok) throw new Error(String(loaded.error));
    const run = simulateSharded(loaded.loaded, shardResolveOptions(loaded.options), loaded.setup, 2, { unjoined: true });
    await expect(run).rejects.toThrow(ShardsDisagree);
    await expect(run).rejects.toThrow(/stepped product:\S+ differently/);
  }, 60_000);
});

/** The shard an order went to: its buyer's, from its purchase line. */
function shardOfOrder(log: readonly string[], order: string, count: number): number {
  const purchase = log.find((line) => line.includes(`"entity":"${order}","event":"purchase"`));
  const buyer = purchase === undefined ? order : (JSON.parse(purchase) as { payload: { buyer: string } }).payload.buyer;
  return shardOf(buyer, count);
}
