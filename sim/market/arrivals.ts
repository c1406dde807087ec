// A generated timeline fed to the engine in time order instead of expanded up front (memory). The
// items, their order and their `index` are exactly those of sim/expand.ts's explicit form: the orders are drawn
// once to learn when each starts, then each order's script is drawn again (from its own streams, forked by its
// number: sim/market/generator.ts) when its purchase comes due, and merged by (time, generation order).
import type { TimelineEntry } from '../../scenarios/loader.js';
import type { Draft, MarketFrame } from './types.js';
import type { MarketCatalog } from './generator.js';

/** Timeline items in the order the engine schedules them; `take` only after `peekAt` said one is left. */
export interface Arrivals {
  /** The time of the next item, or undefined when none is left. */
  peekAt(): number | undefined;
  take(): TimelineEntry;
  /** Items not taken yet. */
  readonly remaining: number;
}

interface Pending {
  readonly at: number;
  /** The draft's position in generation order (sim/generator.ts sorts ties by it). */
  readonly gen: number;
  readonly draft: Draft;
}

/** Orders drawn by `GeneratedArrivals.opening` between two of its yields (~0.1 s of drawing here at 1M orders). */
const ORDERS_PER_SLICE = 5_000;

/** The generated items of a market, `index` from `offset` on, as generateMarket + expandPopulation number them. */
export class GeneratedArrivals implements Arrivals {
  private nextDue = 0;
  private taken = 0;

  private constructor(
    private readonly catalog: MarketCatalog,
    private readonly frame: MarketFrame,
    private readonly offset: number,
    private readonly heap: Pending[],
    private readonly firstAt: Float64Array,
    private readonly genBase: Float64Array,
    /** Orders with drafts, by (first time, order number): the order in which they become due. */
    private readonly due: Int32Array,
    private readonly total: number,
  ) {}

  /** Opens the arrivals at once (`opening` run to its end). */
  static open(catalog: MarketCatalog, frame: MarketFrame, offset: number): GeneratedArrivals {
    const opening = GeneratedArrivals.opening(catalog, frame, offset);
    for (let step = opening.next(); ; step = opening.next()) if (step.done) return step.value;
  }

  /**
   * Draws every order once to learn when it starts (a million orders take seconds), yielding after every
   * ORDERS_PER_SLICE orders so that a caller can let the event loop in: a run asked to stop while it opens stops.
   */
  static *opening(catalog: MarketCatalog, frame: MarketFrame, offset: number): Generator<void, GeneratedArrivals> {
    const { orders, publishing } = catalog;
    const n = orders.total;
    const firstAt = new Float64Array(n + 1);
    const genBase = new Float64Array(n + 1);
    const heap: Pending[] = [];
    let gen = publishing.length;
    let total = 0;
    publishing.forEach((draft, i) => {
      if (inFrame(frame, draft)) {
        pushPending(heap, { at: draft.at, gen: i, draft });
        total++;
      }
    });
    const withDrafts: number[] = [];
    for (let i = 1; i <= n; i++) {
      if (i % ORDERS_PER_SLICE === 0) yield;
      const drafts = orders.next(i);
      genBase[i] = gen;
      gen += drafts.length;
      let first = Number.POSITIVE_INFINITY;
      for (const draft of drafts) {
        if (!inFrame(frame, draft)) continue;
        total++;
        first = Math.min(first, draft.at);
      }
      if (first !== Number.POSITIVE_INFINITY) {
        firstAt[i] = first;
        withDrafts.push(i);
      }
    }
    const due = Int32Array.from(withDrafts).sort((a, b) => firstAt[a]! - firstAt[b]! || a - b);
    return new GeneratedArrivals(catalog, frame, offset, heap, firstAt, genBase, due, total);
  }

  get remaining(): number {
    return this.total - this.taken;
  }

  peekAt(): number | undefined {
    this.drawDueOrders();
    return this.heap[0]?.at;
  }

  take(): TimelineEntry {
    this.drawDueOrders();
    const next = this.pop();
    if (next === undefined) throw new Error('take() past the end of the generated timeline');
    return { ...next.draft, index: this.offset + this.taken++ };
  }

  /** Draws every order whose first item would sort before the earliest pending one. */
  private drawDueOrders(): void {
    const { orders } = this.catalog;
    while (this.nextDue < this.due.length) {
      const i = this.due[this.nextDue]!;
      const top = this.heap[0];
      if (top !== undefined && !before(this.firstAt[i]!, this.genBase[i]!, top)) return;
      this.nextDue++;
      orders.next(i).forEach((draft, j) => {
        if (inFrame(this.frame, draft)) this.push({ at: draft.at, gen: this.genBase[i]! + j, draft });
      });
    }
  }

  private push(item: Pending): void {
    pushPending(this.heap, item);
  }

  private pop(): Pending | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    heap[0] = last;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < heap.length && before(heap[l]!.at, heap[l]!.gen, heap[best]!)) best = l;
      if (r < heap.length && before(heap[r]!.at, heap[r]!.gen, heap[best]!)) best = r;
      if (best === i) return top;
      [heap[i], heap[best]] = [heap[best]!, heap[i]!];
      i = best;
    }
  }
}

function inFrame(frame: MarketFrame, draft: Draft): boolean {
  return draft.at >= frame.start && draft.at <= frame.end;
}

function pushPending(heap: Pending[], item: Pending): void {
  heap.push(item);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i]!.at, heap[i]!.gen, heap[parent]!)) return;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

function before(at: number, gen: number, other: Pending): boolean {
  return at < other.at || (at === other.at && gen < other.gen);
}

/** The explicit items (sorted by time, then index) merged with the generated ones; at equal times explicit first. */
export class MergedArrivals implements Arrivals {
  private readonly explicit: readonly TimelineEntry[];
  private i = 0;

  constructor(
    explicit: readonly TimelineEntry[],
    private readonly generated: Arrivals,
  ) {
    this.explicit = [...explicit].sort((a, b) => a.at - b.at || a.index - b.index);
  }

  get remaining(): number {
    return this.explicit.length - this.i + this.generated.remaining;
  }

  peekAt(): number | undefined {
    const a = this.explicit[this.i]?.at;
    const b = this.generated.peekAt();
    return a === undefined ? b : b === undefined ? a : Math.min(a, b);
  }

  take(): TimelineEntry {
    const a = this.explicit[this.i];
    const b = this.generated.peekAt();
    if (a !== undefined && (b === undefined || a.at <= b)) {
      this.i++;
      return a;
    }
    return this.generated.take();
  }
}
