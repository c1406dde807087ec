// The facts settlement reads from a run's log: `ledger` effects (money), `supervisionCompleted` effects (SUP-10)
// and product delistings (STL-5). Pure; checks each fact's shape so a hand-edited log fails with a line and a reason.
import type { LedgerParams, PaymentSources } from '../machines/contracts.js';
import { PAYMENT_SOURCE_NAMES, sumSources } from '../machines/payment.js';
import type { LogEntry } from '../sim/log/entry.js';
import { localMonth } from '../machines/time.js';

/** One money fact and where it sits in the log (its `seq` orders lines deterministically). */
export interface LedgerFact {
  readonly seq: number;
  readonly ledger: LedgerParams;
}

/** SUP-10: when a supervised order's service completed. */
export interface CompletionFact {
  readonly seq: number;
  readonly orderId: string;
  readonly completedAt: number;
}

/** STL-5: a whole product left sale (koogallery 已停售 `discontinued`, tencent 已下架 `delisted`). */
export interface DelistingFact {
  readonly seq: number;
  readonly productId: string;
  readonly at: number;
  readonly state: string;
}

export interface SettlementFacts {
  /**
   * In log order; may be iterated more than once (a large run's facts are read back from a file each time, see
   * LedgerStore). When `usageFoldedAt` is set, the usage facts of one order, product and local month (at that UTC
   * offset, in minutes) are folded into the first: its seq and fields, the month's amount (what settlement makes of
   * them anyway, STL-4), so a long hourly run keeps one fact per order-month instead of one per hour.
   */
  readonly ledger: Iterable<LedgerFact>;
  readonly usageFoldedAt?: number;
  /**
   * What buyers paid each merchant net of refunds (the facts' payment sources, ORD-7), summed as the facts were
   * collected: the STL-7 check reads it instead of a second pass over a large run's facts. Absent: summed from `ledger`.
   */
  readonly paidByMerchant?: ReadonlyMap<string, number>;
  readonly completions: readonly CompletionFact[];
  readonly delistings: readonly DelistingFact[];
}

/** A fact that does not follow sim/contracts.ts: which log entry (0-based index) and why. */
export class FactError extends Error {
  constructor(
    readonly index: number,
    readonly reason: string,
  ) {
    super(`entry ${index}: ${reason}`);
  }
}

const DELISTED_STATES: ReadonlySet<string> = new Set(['discontinued', 'delisted']);

/**
 * Whether an entry carries a fact the collector below reads (a money fact, a supervision completion, a product
 * leaving sale) or is a refusal (report.html counts them): the entries `marketsim run --log money` writes, so a
 * run settled again from that log gets the same facts as from the full one.
 */
export function settleReads(entry: LogEntry): boolean {
  if (!entry.accepted) return true;
  for (const effect of entry.effects ?? []) if (effect.type === 'ledger' || effect.type === 'supervisionCompleted') return true;
  return DELISTED_STATES.has(entry.state) && entry.entity.startsWith('product:');
}

/**
 * Where a FactCollector keeps the money facts it does not fold, in the order they come. In memory by default;
 * `marketsim run` spills them to a file (runs/factSpill.ts), so a million orders' money facts (~0.4 KiB an order)
 * are not held beside the live world while it runs, nor beside the settlement built from them at its end.
 */
export interface LedgerStore {
  add(fact: LedgerFact): void;
  /** Every fact added so far, in the order added; iterable more than once. */
  facts(): Iterable<LedgerFact>;
}

/** The facts in an array: the default store. */
export class MemoryLedger implements LedgerStore {
  private readonly all: LedgerFact[] = [];

  add(fact: LedgerFact): void {
    this.all.push(fact);
  }

  facts(): readonly LedgerFact[] {
    return this.all;
  }
}

/** Collects the facts in log order; throws FactError on an effect whose params break the contract. */
export function settlementFacts(entries: readonly LogEntry[]): SettlementFacts {
  const collector = new FactCollector();
  for (const entry of entries) collector.add(entry);
  return collector.result();
}

/**
 * The facts gathered one entry at a time (a streamed run keeps no log). A broken fact is kept until `result()`
 * so that the first one in the log is thrown there, as `settlementFacts` throws it.
 */
export class FactCollector {
  /** Usage facts folded by order-month (in memory, one per order-month), in the order of their first fact. */
  private readonly folded: Folded[] = [];
  /** Usage key (merchant|order|product|local month) → its entry in `folded`. */
  private readonly usage = new Map<string, Folded>();
  /** Facts added to the store so far: where each folded fact sits among them. */
  private stored = 0;
  private readonly paid = new Map<string, number>();
  private readonly completions: CompletionFact[] = [];
  private readonly delistings: DelistingFact[] = [];
  private readonly delisted = new Set<string>();
  private index = 0;
  private error: FactError | undefined;

  /**
   * `foldUsageAt`: fold usage facts by local month at this UTC offset in minutes (SettlementFacts.usageFoldedAt).
   * `store`: where the other facts go (in memory unless given).
   */
  constructor(
    private readonly foldUsageAt?: number,
    private readonly store: LedgerStore = new MemoryLedger(),
  ) {}

  add(entry: LogEntry): void {
    const index = this.index++;
    if (this.error) return;
    try {
      this.collect(entry, index);
    } catch (error) {
      if (!(error instanceof FactError)) throw error;
      this.error = error;
    }
  }

  /** An entry that carries no fact (`settleReads` false), counted without being read: `add` of it does no more. */
  skip(): void {
    this.index++;
  }

  /** The first broken fact so far (`result()` throws it), so a reader streaming the log can stop at its line. */
  get firstError(): FactError | undefined {
    return this.error;
  }

  /** The store's facts, in log order: every money fact but the folded usage (RunDigest's orders come from here). */
  storedFacts(): Iterable<LedgerFact> {
    return this.store.facts();
  }

  result(): SettlementFacts {
    if (this.error) throw this.error;
    const { store, folded } = this;
    const ledger: Iterable<LedgerFact> = folded.length === 0 ? store.facts() : { [Symbol.iterator]: () => interleave(store.facts(), folded) };
    return {
      ledger,
      paidByMerchant: this.paid,
      completions: this.completions,
      delistings: this.delistings,
      ...(this.foldUsageAt !== undefined ? { usageFoldedAt: this.foldUsageAt } : {}),
    };
  }

  private collect(entry: LogEntry, index: number): void {
    // Most entries have no effects: no empty list made for them (this runs at every step of a run).
    const effects = entry.effects;
    if (effects !== undefined) {
      for (const effect of effects) {
        if (effect.type === 'ledger') this.addLedger(entry.seq, checkLedger(effect.params, index));
        if (effect.type === 'supervisionCompleted') this.completions.push(checkCompletion(effect.params, entry.seq, index));
      }
    }
    const productId = entry.entity.startsWith('product:') ? entry.entity.slice('product:'.length) : undefined;
    if (productId !== undefined && entry.accepted && DELISTED_STATES.has(entry.state) && !this.delisted.has(productId)) {
      this.delisted.add(productId);
      this.delistings.push({ seq: entry.seq, productId, at: instantOf(entry.at, index), state: entry.state });
    }
  }

  private addLedger(seq: number, l: LedgerParams): void {
    // A fact without sources is a broken log that the log's contracts report with its line (reports/logContracts.ts),
    // after the collector: summed as nothing here rather than thrown as a bug.
    const sources: PaymentSources | null | undefined = l.paymentSources;
    if (typeof sources === 'object' && sources !== null) this.paid.set(l.merchantId, (this.paid.get(l.merchantId) ?? 0) + sumSources(sources));
    if (this.foldUsageAt === undefined || l.entry !== 'usage') {
      this.store.add({ seq, ledger: l });
      this.stored++;
      return;
    }
    const key = `${l.merchantId}|${l.orderId}|${l.productId}|${localMonth(l.at, this.foldUsageAt)}`;
    const folded = this.usage.get(key);
    if (folded === undefined) {
      const first: Folded = { before: this.stored, fact: { seq, ledger: l }, sum: undefined };
      this.usage.set(key, first);
      this.folded.push(first);
    } else if (folded.sum === undefined) {
      // Copied once: the first fact's params are still the log entry's own effect params.
      const first = folded.fact;
      folded.sum = {
        ...first.ledger,
        amountFen: first.ledger.amountFen + l.amountFen,
        paymentSources: addSources(first.ledger.paymentSources, l.paymentSources),
      };
      folded.fact = { seq: first.seq, ledger: folded.sum };
    } else {
      folded.sum.amountFen += l.amountFen;
      // The sum's sources are its own (addSources made them when it was copied): added to in place.
      const sources = folded.sum.paymentSources as Record<keyof PaymentSources, number>;
      for (const name of PAYMENT_SOURCE_NAMES) sources[name] += l.paymentSources[name];
    }
  }
}

/** A month of one order's usage, folded: it sits after the first `before` stored facts (its first fact's place). */
interface Folded {
  readonly before: number;
  fact: LedgerFact;
  sum: { -readonly [K in keyof LedgerParams]: LedgerParams[K] } | undefined;
}

/** The stored facts with the folded usage facts put back where their first fact was: log order. */
function* interleave(stored: Iterable<LedgerFact>, folded: readonly Folded[]): Generator<LedgerFact> {
  let next = 0;
  let count = 0;
  for (const fact of stored) {
    while (next < folded.length && folded[next]!.before <= count) yield folded[next++]!.fact;
    yield fact;
    count++;
  }
  while (next < folded.length) yield folded[next++]!.fact;
}

/** Two facts' payment sources added source by source (a folded month of usage was paid by all its hours). */
function addSources(a: PaymentSources, b: PaymentSources): PaymentSources {
  const sum: Record<keyof PaymentSources, number> = { ...a };
  for (const name of PAYMENT_SOURCE_NAMES) sum[name] = a[name] + b[name];
  return sum;
}

function instantOf(iso: string, index: number): number {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) throw new FactError(index, `"at" is not a time: ${JSON.stringify(iso)}`);
  return at;
}

type Params = Readonly<Record<string, unknown>>;

function text(params: Params, key: string, index: number, what: string): string {
  const value = params[key];
  if (typeof value !== 'string' || value === '') throw new FactError(index, `${what}.${key} must be a non-empty string`);
  return value;
}

function integer(params: Params, key: string, index: number, what: string): number {
  const value = params[key];
  // STL-7: money and instants are integers; a fractional amount in the log is a broken contract, not a rounding job.
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new FactError(index, `${what}.${key} must be an integer`);
  return value;
}

const ENTRY_KINDS = ['order', 'refund', 'usage'] as const;
const ORDER_TYPES = ['purchase', 'renewal', 'refund'] as const;

function checkLedger(params: Params, index: number): LedgerParams {
  const what = 'ledger';
  for (const key of ['orderId', 'merchantId', 'productId', 'deliveryType', 'chargingMode']) text(params, key, index, what);
  integer(params, 'amountFen', index, what);
  integer(params, 'at', index, what);
  if (!(ENTRY_KINDS as readonly unknown[]).includes(params.entry)) throw new FactError(index, `ledger.entry must be one of ${ENTRY_KINDS.join(', ')}`);
  if (!(ORDER_TYPES as readonly unknown[]).includes(params.orderType)) throw new FactError(index, `ledger.orderType must be one of ${ORDER_TYPES.join(', ')}`);
  if (params.relatesTo !== undefined) text(params, 'relatesTo', index, what);
  if (typeof params.tags !== 'object' || params.tags === null) throw new FactError(index, 'ledger.tags must be an object');
  if (params.entry === 'refund' && (params.amountFen as number) > 0) throw new FactError(index, 'ledger.amountFen of a refund must not be positive');
  if (params.entry !== 'refund' && (params.amountFen as number) < 0) throw new FactError(index, `ledger.amountFen of an ${String(params.entry)} must not be negative`);
  return params as unknown as LedgerParams;
}

function checkCompletion(params: Params, seq: number, index: number): CompletionFact {
  const what = 'supervisionCompleted';
  return { seq, orderId: text(params, 'orderId', index, what), completedAt: integer(params, 'completedAt', index, what) };
}
