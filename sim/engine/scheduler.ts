// Discrete-event queue ordered by (virtual time, sequence number): events due at the same instant run in the
// order they were scheduled, which XState's SimulatedClock leaves undefined.
//
// Items due at the instant being run (merchant replies, follow-ups) go to a FIFO beside the heap instead of
// sifting up to its root: at a million orders the heap holds millions of timers and that sift-up, a cache miss per
// level, was half of the run's CPU. Order is unchanged: the FIFO's items share one instant and arrive in sequence,
// every heap item at that instant was scheduled before them, and `pop` takes the earlier of the two heads.

export interface Scheduled<T> {
  readonly at: number;
  readonly seq: number;
  readonly item: T;
}

/** A queued entry; a cancelled one stays in the heap, marked, until it surfaces or a compaction drops it. */
interface Entry<T> extends Scheduled<T> {
  cancelled: boolean;
  /** In the same-instant FIFO rather than the heap. */
  inFifo: boolean;
}

/** What `schedule` hands back to cancel the entry with (the entry itself: no lookup table per timer). */
export type Handle = object & { readonly seq: number };

export class Scheduler<T> {
  private heap: Entry<T>[] = [];
  /** Items scheduled at `current` (the instant of the last pop), in sequence order; `head` is the next to read. */
  private now: Entry<T>[] = [];
  private head = 0;
  /** The instant of the last item popped (nothing is scheduled before it). */
  private current = -Infinity;
  private nextSequence = 0;
  private live = 0;
  private cancelledInHeap = 0;

  /** The sequence number the next scheduled item will get. */
  get nextSeq(): number {
    return this.nextSequence;
  }

  get size(): number {
    return this.live;
  }

  /** Schedules an item; returns the handle to cancel it. */
  schedule(at: number, item: T): Handle {
    if (!Number.isFinite(at)) throw new Error(`cannot schedule at ${at}`);
    const entry: Entry<T> = { at, seq: this.nextSequence++, item, cancelled: false, inFifo: at === this.current };
    this.live++;
    if (entry.inFifo) {
      this.now.push(entry);
      return entry;
    }
    this.heap.push(entry);
    this.up(this.heap.length - 1);
    return entry;
  }

  cancel(handle: Handle): void {
    const entry = handle as Entry<T>;
    if (entry.cancelled) return;
    entry.cancelled = true;
    this.live--;
    // An item of the FIFO is skipped when reached; only the heap needs compacting.
    if (entry.inFifo) return;
    this.cancelledInHeap++;
    // Cancelled long-dated timers (expiry, renewal) would otherwise hold their commands until they surface:
    // compact once they are most of the heap. The order is (at, seq), total, so rebuilding changes nothing.
    if (this.cancelledInHeap > 1024 && this.cancelledInHeap * 2 > this.heap.length) this.compact();
  }

  private requeue(entry: Entry<T>): void {
    entry.inFifo = false;
    if (entry.cancelled) return;
    this.heap.push(entry);
    this.up(this.heap.length - 1);
  }

  private compact(): void {
    this.heap = this.heap.filter((entry) => !entry.cancelled);
    this.cancelledInHeap = 0;
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  /** The next live entry without removing it. */
  peek(): Scheduled<T> | undefined {
    this.dropCancelled();
    const fifo = this.now[this.head];
    const top = this.heap[0];
    return fifo !== undefined && (top === undefined || before(fifo, top)) ? fifo : top;
  }

  pop(): Scheduled<T> | undefined {
    this.dropCancelled();
    const fifo = this.now[this.head];
    const top = this.heap[0];
    let next: Entry<T> | undefined;
    if (fifo !== undefined && (top === undefined || before(fifo, top))) {
      next = fifo;
      this.head++;
      if (this.head === this.now.length) {
        this.now = [];
        this.head = 0;
      }
    } else next = this.take();
    if (next) {
      this.live--;
      next.cancelled = true; // out of the queue: a late cancel of its handle changes nothing
      if (next.at !== this.current) {
        // A new instant. The FIFO is empty here unless an item was scheduled before the current instant (it
        // surfaces first); what the FIFO still holds goes back to the heap so the FIFO only ever holds one instant.
        for (let i = this.head; i < this.now.length; i++) this.requeue(this.now[i]!);
        this.now = [];
        this.head = 0;
        this.current = next.at;
      }
    }
    return next;
  }

  private dropCancelled(): void {
    while (this.head < this.now.length && this.now[this.head]!.cancelled) this.head++;
    if (this.head > 0 && this.head === this.now.length) {
      this.now = [];
      this.head = 0;
    }
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

/** The queue's order: by time, then by the order of scheduling. */
function before(a: Scheduled<unknown>, b: Scheduled<unknown>): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
