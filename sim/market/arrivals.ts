// A generated timeline fed to the engine in time order instead of expanded up front (memory). The
// items, their order and their `index` are exactly those of sim/expand.ts's explicit form: the orders are planned
// once to learn when each starts (its purchase), then each order's script is drawn (from its own streams, forked by
// its number: sim/market/generator.ts) when its purchase comes due, and merged by (time, generation order).
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
  /**
   * The draft's place in generation order, as (source, position): 0 and its index for a publishing draft, order i and
   * its draft's index for an order's. Comparing these pairs is comparing generation order (sim/generator.ts sorts
   * ties by it) without knowing how many drafts the orders before held.
   */
  readonly source: number;
  readonly position: number;
  readonly draft: Draft;
}

/** Orders planned by `GeneratedArrivals.opening` between two of its yields. */
const ORDERS_PER_SLICE = 5_000;

/** The generated items of a market, `index` from `offset` on, as generateMarket + expandPopulation number them. */
export class GeneratedArrivals implements Arrivals {
  private nextDue = 0;
  private taken = 0;
  /** In-frame drafts of the publishing and of the orders drawn so far. */
  private drawn: number;

  private constructor(
    private readonly catalog: MarketCatalog,
    private readonly frame: MarketFrame,
    private readonly offset: number,
    private readonly heap: Pending[],
    private readonly firstAt: Float64Array,
    /** Orders with drafts, by (first time, order number): the order in which they become due. */
    private readonly due: Int32Array,
  ) {
    this.drawn = heap.length;
  }

  /** Opens the arrivals at once (`opening` run to its end). */
  static open(catalog: MarketCatalog, frame: MarketFrame, offset: number): GeneratedArrivals {
    const opening = GeneratedArrivals.opening(catalog, frame, offset);
    for (let step = opening.next(); ; step = opening.next()) if (step.done) return step.value;
  }

  /**
   * Plans every order once to learn when it starts (its purchase: the plan's draws alone, its script is drawn when
   * it comes due), yielding after every ORDERS_PER_SLICE orders so that a caller can let the event loop in: a run
   * asked to stop while it opens stops.
   */
  static *opening(catalog: MarketCatalog, frame: MarketFrame, offset: number): Generator<void, GeneratedArrivals> {
    const { orders, publishing } = catalog;
    const n = orders.total;
    const firstAt = new Float64Array(n + 1);
    const heap: Pending[] = [];
    publishing.forEach((draft, i) => {
      if (inFrame(frame, draft)) pushPending(heap, { at: draft.at, source: 0, position: i, draft });
    });
    const withDrafts: number[] = [];
    for (let i = 1; i <= n; i++) {
      if (i % ORDERS_PER_SLICE === 0) yield;
      const plan = orders.plan(i);
      if (plan === undefined) continue;
      // Products list inside the frame and a purchase comes an hour after at the earliest: a bug otherwise.
      if (plan.at < frame.start || plan.at > frame.end) throw new Error(`order ${i} is planned outside the market's period`);
      firstAt[i] = plan.at;
      withDrafts.push(i);
    }
    const due = Int32Array.from(withDrafts).sort((a, b) => firstAt[a]! - firstAt[b]! || a - b);
    return new GeneratedArrivals(catalog, frame, offset, heap, firstAt, due);
  }

  /** Items not taken yet: the orders not yet due are drawn here to count theirs (at the end of a run, none are left). */
  get remaining(): number {
    let undrawn = 0;
    for (let k = this.nextDue; k < this.due.length; k++) undrawn += this.catalog.orders.next(this.due[k]!).filter((d) => inFrame(this.frame, d)).length;
    return this.drawn + undrawn - this.taken;
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
      if (top !== undefined && !before(this.firstAt[i]!, i, 0, top)) return;
      this.nextDue++;
      const drafts = orders.next(i);
      // The plan's purchase, first of the script: where `opening` placed the order.
      if (drafts[0]?.at !== this.firstAt[i]) throw new Error(`order ${i}'s script does not start at its planned purchase`);
      drafts.forEach((draft, j) => {
        if (draft.at < drafts[0]!.at) throw new Error(`order ${i}'s script has a draft before its purchase`);
        if (!inFrame(this.frame, draft)) return;
        this.drawn++;
        this.push({ at: draft.at, source: i, position: j, draft });
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
      if (l < heap.length && sortsBefore(heap[l]!, heap[best]!)) best = l;
      if (r < heap.length && sortsBefore(heap[r]!, heap[best]!)) best = r;
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
    if (!sortsBefore(heap[i]!, heap[parent]!)) return;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

function before(at: number, source: number, position: number, other: Pending): boolean {
  return at < other.at || (at === other.at && (source < other.source || (source === other.source && position < other.position)));
}

const sortsBefore = (a: Pending, b: Pending): boolean => before(a.at, a.source, a.position, b);

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
