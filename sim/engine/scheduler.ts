// Discrete-event queue ordered by (virtual time, rank, sequence number). Items due at the same instant run in the
// order of the rank their scheduler gave them (the engine's canonical same-instant order, docs/design.md), then in
// the order they were scheduled; XState's SimulatedClock leaves that order undefined.

/**
 * Where an item stands among those due at the same instant: by `cls`, then `key`, then `n`, then scheduling order.
 * Unranked items (all zero) keep plain scheduling order.
 */
export interface Rank {
  readonly cls: number;
  readonly key: string;
  readonly n: number;
}

export interface Scheduled<T> extends Rank {
  readonly at: number;
  readonly seq: number;
  readonly item: T;
}

/** A queued entry; a cancelled one stays in the heap, marked, until it surfaces or a compaction drops it. */
interface Entry<T> extends Scheduled<T> {
  cancelled: boolean;
}

/** What `schedule` hands back to cancel the entry with (the entry itself: no lookup table per timer). */
export type Handle = object & { readonly seq: number };

export class Scheduler<T> {
  private heap: Entry<T>[] = [];
  private nextSequence = 0;
  private live = 0;
  private cancelledInHeap = 0;

  get size(): number {
    return this.live;
  }

  /** Schedules an item, ranked among those due at the same instant (Rank; flat, no object per item). */
  schedule(at: number, item: T, cls = 0, key = '', n = 0): Handle {
    if (!Number.isFinite(at)) throw new Error(`cannot schedule at ${at}`);
    const entry: Entry<T> = { at, cls, key, n, seq: this.nextSequence++, item, cancelled: false };
    this.heap.push(entry);
    this.live++;
    this.up(this.heap.length - 1);
    return entry;
  }

  cancel(handle: Handle): void {
    const entry = handle as Entry<T>;
    if (entry.cancelled) return;
    entry.cancelled = true;
    this.live--;
    this.cancelledInHeap++;
    // Cancelled long-dated timers (expiry, renewal) would otherwise hold their commands until they surface:
    // compact once they are most of the heap. The order is (at, rank, seq), total, so rebuilding changes nothing.
    if (this.cancelledInHeap > 1024 && this.cancelledInHeap * 2 > this.heap.length) this.compact();
  }

  private compact(): void {
    this.heap = this.heap.filter((entry) => !entry.cancelled);
    this.cancelledInHeap = 0;
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  /** Live entries whose item passes `test` (a scan of the heap: for the end of a run, not per step). */
  count(test: (item: T) => boolean): number {
    let n = 0;
    for (const entry of this.heap) if (!entry.cancelled && test(entry.item)) n++;
    return n;
  }

  /** The next live entry without removing it. */
  peek(): Scheduled<T> | undefined {
    this.dropCancelled();
    return this.heap[0];
  }

  pop(): Scheduled<T> | undefined {
    this.dropCancelled();
    const top = this.take();
    if (top) {
      this.live--;
      top.cancelled = true; // out of the queue: a late cancel of its handle changes nothing
    }
    return top;
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) {
      this.cancelledInHeap--;
      this.take();
    }
  }

  private take(): Entry<T> | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined) return undefined;
    if (heap.length > 0) {
      heap[0] = last;
      this.down(0);
    }
    return top;
  }

  private up(i: number): void {
    const heap = this.heap;
    const entry = heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!before(entry, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = entry;
  }

  private down(i: number): void {
    const heap = this.heap;
    const n = heap.length;
    const entry = heap[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let child = heap[l]!;
      let c = l;
      if (r < n) {
        const rc = heap[r]!;
        if (before(rc, child)) {
          child = rc;
          c = r;
        }
      }
      if (!before(child, entry)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = entry;
  }
}

/** The queue's order: by time, then rank, then the order of scheduling. */
function before(a: Scheduled<unknown>, b: Scheduled<unknown>): boolean {
  if (a.at !== b.at) return a.at < b.at;
  if (a.cls !== b.cls) return a.cls < b.cls;
  if (a.key !== b.key) return a.key < b.key;
  if (a.n !== b.n) return a.n < b.n;
  return a.seq < b.seq;
}
