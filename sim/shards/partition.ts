// A run split by buyer (`marketsim run --workers N`): which shard each timeline item belongs to. Products,
// enterprises and customer demands are replicated: every shard steps them, so every shard sees the catalogue and
// the links the whole run sees. An order, and its supervision, belong to the shard of the buyer who bought it: its
// wallet (ORD-7) and earlier refunds (REF-2) are that buyer's alone. What still reads across buyers is joined
// between shards (RunContext.shards: STL-5's pending settlements).
import type { TimelineEntry } from '../../scenarios/loader.js';
import type { Arrivals } from '../market/arrivals.js';

/** Entity kinds every shard steps. */
export const REPLICATED_KINDS: ReadonlySet<string> = new Set(['product', 'enterprise', 'demand']);

/** The shard of a buyer (or of an order nobody bought, by its id): FNV-1a of the key, modulo the count. */
export function shardOf(key: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % count;
}

export interface ShardSpec {
  readonly index: number;
  readonly count: number;
}

/**
 * Decides which timeline items a shard keeps, in timeline order: a purchase names its buyer, and the order's later
 * items (and its supervision's, `supervision:<orderId>`) follow it to that buyer's shard.
 */
export class Partition {
  private readonly orderShard = new Map<string, number>();

  constructor(readonly spec: ShardSpec) {}

  /**
   * Reads the purchases among `items` first, wherever they stand in time: a file's own supervision item may come
   * before its order's purchase (generated items always put the purchase first).
   */
  learnPurchases(items: readonly TimelineEntry[]): this {
    const sorted = [...items].sort((a, b) => a.at - b.at || a.index - b.index);
    for (const item of sorted) if (item.kind === 'order' && typeof item.payload.buyer === 'string') this.shardOfItem(item);
    return this;
  }

  /** Whether this shard steps the item; must be asked of every item in timeline order. */
  keeps(item: TimelineEntry): boolean {
    if (REPLICATED_KINDS.has(item.kind)) return true;
    return this.shardOfItem(item) === this.spec.index;
  }

  private shardOfItem(item: TimelineEntry): number {
    if (item.kind === 'order' && typeof item.payload.buyer === 'string') {
      const known = this.orderShard.get(item.target);
      if (known !== undefined) return known;
      const shard = shardOf(item.payload.buyer, this.spec.count);
      this.orderShard.set(item.target, shard);
      return shard;
    }
    return this.orderShard.get(item.target) ?? shardOf(item.target, this.spec.count);
  }
}

/**
 * The arrivals of one shard: the whole timeline drawn (each order's header is cheap; its script comes from a stream
 * keyed by its id), the other shards' items dropped. Items after `end` are never drawn, so `remaining` counts the
 * whole run's items left after the end, the same in every shard.
 */
export class ShardArrivals implements Arrivals {
  private head: TimelineEntry | undefined;

  constructor(
    private readonly inner: Arrivals,
    private readonly partition: Partition,
    private readonly end: number,
  ) {}

  get remaining(): number {
    return this.inner.remaining + (this.head ? 1 : 0);
  }

  peekAt(): number | undefined {
    while (this.head === undefined) {
      const at = this.inner.peekAt();
      if (at === undefined || at > this.end) return at;
      const item = this.inner.take();
      if (this.partition.keeps(item)) this.head = item;
    }
    return this.head.at;
  }

  take(): TimelineEntry {
    const item = this.peekAt() === undefined ? undefined : this.head;
    if (item === undefined) throw new Error('no arrival of this shard is due');
    this.head = undefined;
    return item;
  }
}

/** What a shard of a timeline given whole keeps, in order (the purchases are read first, wherever they stand). */
export function shardTimeline(timeline: readonly TimelineEntry[], spec: ShardSpec): TimelineEntry[] {
  const partition = new Partition(spec).learnPurchases(timeline);
  return timeline.filter((item) => partition.keeps(item));
}
