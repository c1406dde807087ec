// Discrete-event queue ordered by (virtual time, sequence number): events due at the same instant run in the
// order they were scheduled, which XState's SimulatedClock leaves undefined.

export interface Scheduled<T> {
  readonly at: number;
  readonly seq: number;
  readonly item: T;
}

export class Scheduler<T> {
  private heap: Scheduled<T>[] = [];
  private nextSequence = 0;
  private readonly cancelled = new Set<number>();
  private readonly pending = new Set<number>();

  /** The sequence number the next scheduled item will get. */
  get nextSeq(): number {
    return this.nextSequence;
  }

  get size(): number {
    return this.pending.size;
  }

  /** Schedules an item; returns its sequence number (the handle to cancel it). */
  schedule(at: number, item: T): number {
    if (!Number.isFinite(at)) throw new Error(`cannot schedule at ${at}`);
    const entry = { at, seq: this.nextSequence++, item };
    this.heap.push(entry);
    this.pending.add(entry.seq);
    this.up(this.heap.length - 1);
    return entry.seq;
  }

  cancel(seq: number): void {
    if (this.pending.delete(seq)) this.cancelled.add(seq);
    // Cancelled long-dated timers (expiry, renewal) would otherwise hold their commands until they surface:
    // compact once they are most of the heap. The order is (at, seq), total, so rebuilding changes nothing.
    if (this.cancelled.size > 1024 && this.cancelled.size * 2 > this.heap.length) this.compact();
  }

  private compact(): void {
    this.heap = this.heap.filter((entry) => !this.cancelled.has(entry.seq));
    this.cancelled.clear();
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  /** The next live entry without removing it. */
  peek(): Scheduled<T> | undefined {
    this.dropCancelled();
    return this.heap[0];
  }

  pop(): Scheduled<T> | undefined {
    this.dropCancelled();
    return this.take();
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.cancelled.has(this.heap[0]!.seq)) {
      this.cancelled.delete(this.heap[0]!.seq);
      this.take();
    }
  }

  private take(): Scheduled<T> | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (top === undefined || last === undefined) return undefined;
    this.pending.delete(top.seq);
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    return top;
  }

  private less(a: Scheduled<T>, b: Scheduled<T>): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private up(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(heap[i]!, heap[parent]!)) return;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private down(i: number): void {
    const heap = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < heap.length && this.less(heap[l]!, heap[best]!)) best = l;
      if (r < heap.length && this.less(heap[r]!, heap[best]!)) best = r;
      if (best === i) return;
      [heap[i], heap[best]] = [heap[best]!, heap[i]!];
      i = best;
    }
  }
}
