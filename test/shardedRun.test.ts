// A run split by buyer (runs/shards) gives the whole run's log, violations, world and settlement, line for line, for
// 2 and 3 shards: the engine's same-instant order lets each shard step its buyers as the whole run does, STL-5's
// pending settlements are joined between the shards' threads, and the merge puts the lines back by rank.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setupFromFlags } from '../cli/flags.js';
import { simulateYielding, type FinishedRun } from '../runs/run.js';
import type { LogEntry } from '../sim/log/entry.js';
import { formatTime } from '../machines/time.js';
import type { TimelineEntry } from '../scenarios/loader.js';
import { Partition, shardOf, shardTimeline } from '../sim/shards/partition.js';
import { MessageChannel } from 'node:worker_threads';
import { abortJoins, signalBytes, ThreadJoin } from '../runs/shards/join.js';
import { ShardsDisagree, type ShardOutcome } from '../runs/shards/merge.js';
import { shardResolveOptions, simulateSharded } from '../runs/shards/sharded.js';
import type { CountedLine } from '../runs/shards/units.js';
import { settleReads } from '../reports/settlementFacts.js';

async function both(scenario: string, workers: number, seed?: string) {
  const flags = seed === undefined ? {} : { seed };
  const loaded = setupFromFlags(scenario, flags, { lazyArrivals: true });
  if (!loaded.ok) throw new Error(String(loaded.error));
  const whole: string[] = [];
  const single = await simulateYielding(loaded.setup, { ...loaded.options, onEntry: (e) => whole.push(JSON.stringify(e)) });
  const parts: string[] = [];
  const texts: string[] = [];
  // What each unparsed line's tag said, beside the line itself parsed here.
  const counted: { counted: CountedLine; at: number; entry: LogEntry }[] = [];
  const onEntry = (e: LogEntry, line?: string): void => {
    parts.push(JSON.stringify(e));
    texts.push(line ?? '(none)');
  };
  const onCounted = (c: CountedLine, at: number, line: string): void => {
    const entry = JSON.parse(line) as LogEntry;
    counted.push({ counted: c, at, entry });
    parts.push(JSON.stringify(entry));
    texts.push(line);
  };
  let shardOrders: number[] = [];
  const onShardsDone = (outcomes: readonly ShardOutcome[]): void => {
    shardOrders = outcomes.map((o) => o.orders);
  };
  const sharded = await simulateSharded(loaded.loaded, shardResolveOptions(loaded.options), loaded.setup, workers, { onEntry, onCounted, onShardsDone });
  return { whole, parts, texts, single, sharded, shardOrders, counted };
}

const outcome = (run: FinishedRun) => ({ violations: run.violations, world: run.world, settlement: run.settled?.settlement });
/** What summary.json and report.html count from the log: the merge counts most lines from their tags alone. */
const counts = ({ digest: d }: FinishedRun) => ({
  events: d.events,
  accepted: d.accepted,
  refused: d.refused,
  timers: d.timers,
  exercised: [...d.exercised].sort(),
  refusing: [...d.refusing].sort(),
  refusals: d.refusals.result(),
});

describe('a run split by buyer', () => {
  // A generated market splits its buyers' orders among all the shards; delisting-tencent has products alone (all
  // replicated, STL-5 joined with nothing); supervision-orders is a file's own timeline of one buyer's orders;
  // enterprise-koogallery's merchant calls are replicated; refunds-five-day-tencent's b1 and b2 land in shards 0 and 1
  // (its REF-2 re-order stays with b1).
  it.each([
    ['default', 2, true],
    ['market-tiny', 2, true],
    ['market-tiny', 3, true],
    ['delisting-tencent', 2, false],
    ['supervision-orders', 3, false],
    ['enterprise-koogallery', 2, false],
    ['refunds-five-day-tencent', 2, true],
  ])('%s in %i shards: the same log, violations, world and settlement as on one thread', async (name, workers, split) => {
    const { whole, parts, texts, single, sharded, shardOrders, counted } = await both(`scenarios/${name}.yaml`, workers);
    expect(parts.length).toBe(whole.length);
    expect(parts).toEqual(whole);
    // The encoded line handed with each entry is the one events.jsonl gets from a run on one thread.
    expect(texts).toEqual(whole.map((line) => `${line}\n`));
    expect(outcome(sharded)).toEqual(outcome(single));
    expect(counts(sharded)).toEqual(counts(single));
    // The lines handed unparsed are those the settlement does not read, and their tags say what the lines say.
    for (const { counted: c, at, entry } of counted) {
      expect(settleReads(entry)).toBe(false);
      expect(c).toEqual({ kind: entry.entity.slice(0, entry.entity.indexOf(':')), source: entry.source, rules: entry.rules });
      expect(formatTime(at)).toBe(entry.at);
    }
    if (name !== 'delisting-tencent') expect(counted.length).toBeGreaterThan(whole.length / 2);
    // Each order made by exactly one shard, and (for a market) not one shard doing everything.
    expect(shardOrders.reduce((a, b) => a + b, 0)).toBe(single.world.entities.order);
    if (split) expect(shardOrders.every((n) => n > 0)).toBe(true);
  }, 60_000);

  it("control: shards that read STL-5's pending settlements from their own buyers alone step a product apart, and the merge refuses them", async () => {
    const loaded = setupFromFlags('scenarios/market-tiny.yaml', {}, { lazyArrivals: true });
    if (!loaded.ok) throw new Error(String(loaded.error));
    const run = simulateSharded(loaded.loaded, shardResolveOptions(loaded.options), loaded.setup, 2, { unjoined: true });
    await expect(run).rejects.toThrow(ShardsDisagree);
    await expect(run).rejects.toThrow(/stepped product:\S+ differently/);
  }, 60_000);
});

/** Buyers b1 and b3 land in shard 0 of 2, b2 in shard 1 (FNV-1a); the demand and the products are replicated. */
const CROSSING = `name: shard-crossing
description: what a run split by buyer must keep apart and join
profile: tencent
seed: 3
start: 2024-03-01T00:00:00+08:00
end: 2024-04-30T00:00:00+08:00
rules: { supervisedDeliveryTypes: [] }
merchants: [{ id: m1 }]
products:
  - { id: img, merchant: m1, name: Img, deliveryType: image, chargingMode: period, specs: [{ id: month, priceFen: 9900, period: month }] }
  - { id: cheap, merchant: m1, name: Cheap, deliveryType: image, chargingMode: period, specs: [{ id: month, priceFen: 100, period: month }] }
buyers: [{ id: b1, balanceCashFen: 90000 }, { id: b2, balanceCashFen: 90000 }, { id: b3, balanceCashFen: 90000 }]
timeline:
  - { at: 2024-03-01T08:00, event: submit, product: cheap }
  - { at: 2024-03-01T08:10, event: approve, product: cheap }
  - { at: 2024-03-01T08:20, event: list, product: cheap, by: operator }
  - { at: 2024-03-01T09:00, event: submit, product: img }
  - { at: 2024-03-01T09:30, event: purchase, order: o5, buyer: b2, product: img, expect: { accepted: false, rule: PUB-2 } }
  - { at: 2024-03-01T09:40, event: purchase, order: o6, buyer: b1, product: img, expect: { accepted: false, rule: PUB-2 } }
  - { at: 2024-03-01T10:00, event: approve, product: img }
  - { at: 2024-03-01T11:00, event: list, product: img, by: operator }
  - { at: 2024-03-01T12:00, event: purchase, order: o5, buyer: b2, product: img, expect: { accepted: true }, note: "the same buyer again, once listed" }
  - { at: 2024-03-01T12:30, event: purchase, order: o6, buyer: b3, product: img, expect: { accepted: false, rule: ORD-1 }, note: "another buyer, the order still new" }
  - { at: 2024-03-01T12:40, event: purchase, order: o6, buyer: b1, product: cheap, expect: { accepted: false, rule: ORD-1 }, note: "its buyer, another product's price" }
  - { at: 2024-03-02T10:00, event: purchase, order: o1, buyer: b1, product: img }
  - { at: 2024-03-04T10:00, event: refund, order: o1 }
  - { at: 2024-03-05T10:00, event: purchase, order: o1, buyer: b2, product: img, note: "another buyer names b1's order" }
  - { at: 2024-03-05T11:00, event: purchase, order: o2, buyer: b2, product: img, note: "no re-order of b1's o1" }
  - { at: 2024-03-06T10:00, event: purchase, order: o3, buyer: b1, product: img, note: "REF-2 re-order of o1" }
  - { at: 2024-03-06T10:00, event: purchase, order: o4, buyer: b3, product: img, expect: { accepted: false }, note: "a wrong expectation, a violation of the step" }
  - { at: 2024-03-07T10:00, event: requestDelisting, product: img, reason: bye, note: "STL-5 joins b1's, b2's and b3's orders" }
`;

describe('a run split by buyer, where buyers cross', () => {
  it("another buyer naming b1's order is refused and reads nothing of theirs; a buyer's retry of a new order is accepted; the REF-2 re-order, the step violation and STL-5's join come out as on one thread", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'marketsim-crossing-'));
    try {
      const file = join(dir, 'crossing.yaml');
      writeFileSync(file, CROSSING);
      const { whole, parts, single, sharded, shardOrders } = await both(file, 2);
      expect(parts).toEqual(whole);
      expect(outcome(sharded)).toEqual(outcome(single));
      expect(shardOrders).toEqual([4, 2]); // o1, o3, o4, o6 with b1 and b3; o2, o5 with b2
      const lines = whole.map((l) => JSON.parse(l) as LogEntry);
      const again = lines.find((l) => l.entity === 'order:o1' && l.event === 'purchase' && l.payload?.buyer === 'b2');
      expect(again?.accepted).toBe(false);
      // b2's wallet was not read for b1's order: refused before payment, with nothing paid.
      expect(again?.payload?.availability).toMatchObject({ ok: false, rule: 'ORD-1' });
      expect(again?.payload?.payment).toMatchObject({ ok: true, discountFen: 0, sources: { balanceCash: 0, coupon: 0 } });
      const retried = lines.filter((l) => l.entity === 'order:o5' && l.event === 'purchase').map((l) => l.accepted);
      expect(retried).toEqual([false, true]);
      expect(lines.find((l) => l.entity === 'order:o2' && l.event === 'purchase')?.payload?.reorderOf).toBeUndefined();
      expect(lines.find((l) => l.entity === 'order:o3' && l.event === 'purchase')?.payload?.reorderOf).toBe('o1');
      expect(single.violations.map((v) => [v.check, v.entity])).toContainEqual(['EXPECT', 'order:o4']);
      const delisting = lines.find((l) => l.entity === 'product:img' && l.event === 'requestDelisting');
      // o1 too: its refund moved money in March, whose statement is still open; o2 and o5 are shard 1's, the rest
      // shard 0's; o6 was never paid.
      expect(delisting?.payload?.pendingSettlements).toEqual(['o1', 'o2', 'o3', 'o4', 'o5']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the partition', () => {
  it("a file's supervision item before its order's purchase goes to the purchasing buyer's shard once purchases are learnt", () => {
    const item = (index: number, at: number, kind: string, target: string, payload: Record<string, unknown> = {}): TimelineEntry =>
      ({ index, at, kind, target, event: kind === 'order' ? 'purchase' : 'submitRequirement', by: 'buyer', payload }) as TimelineEntry;
    const supervision = item(0, 1, 'supervision', 'x1');
    const purchase = item(1, 2, 'order', 'x1', { buyer: 'b2' });
    const owner = shardOf('b2', 2);
    expect(shardOf('x1', 2)).not.toBe(owner); // without the purchase, the item would go by its own id, elsewhere
    expect(new Partition({ index: owner, count: 2 }).keeps(supervision)).toBe(false);
    expect(new Partition({ index: owner, count: 2 }).learnPurchases([supervision, purchase]).keeps(supervision)).toBe(true);
    expect(shardTimeline([supervision, purchase], { index: owner, count: 2 })).toEqual([supervision, purchase]);
    expect(shardTimeline([supervision, purchase], { index: 1 - owner, count: 2 })).toEqual([]);
  });
});

describe("STL-5's join between threads", () => {
  const pair = () => {
    const signal = new SharedArrayBuffer(signalBytes(2));
    const channel = new MessageChannel();
    const a = new ThreadJoin(0, signal, [undefined, channel.port1]);
    const b = new ThreadJoin(1, signal, [channel.port2, undefined]);
    return { signal, a, b, close: () => (channel.port1.close(), channel.port2.close()) };
  };

  it('a shard waiting for one that ran to the end without joining fails at once, naming it (it would wait forever)', () => {
    const { a, b, close } = pair();
    b.finished();
    expect(() => a.pendingSettlements('p1', ['o1'])).toThrow(/shard 1 ran to the end without reaching this STL-5 join/);
    close();
  });

  it("a peer's list posted before it finished completes the join (the union, sorted); a further join then fails", () => {
    const signal = new SharedArrayBuffer(signalBytes(2));
    const channel = new MessageChannel();
    const a = new ThreadJoin(0, signal, [undefined, channel.port1]);
    const b = new ThreadJoin(1, signal, [channel.port2, undefined]);
    // As shard 1 does at its last join: post its list, then (run to the end) say it finished.
    channel.port2.postMessage({ productId: 'p1', pending: ['o2', 'o0'] });
    b.finished();
    expect(a.pendingSettlements('p1', ['o1'])).toEqual(['o0', 'o1', 'o2']);
    expect(() => a.pendingSettlements('p1', [])).toThrow(/shard 1 ran to the end/);
    channel.port1.close();
    channel.port2.close();
  });

  it('a shard waiting when the parent aborts (another shard failed) gives up', () => {
    const { signal, a, close } = pair();
    abortJoins(signal, 2);
    expect(() => a.pendingSettlements('p1', ['o1'])).toThrow(/another shard of the run failed/);
    close();
  });
});
