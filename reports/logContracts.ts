// The contracts a run's own log keeps, checked line by line before any money is settled from it: entries numbered
// 0, 1, 2… with no gap or repeat, no effects on a refused event, every time inside the run period, each ledger
// fact's payment sources adding up to its amount (ORD-7), a product always sold by the same merchant, no order
// refunded more than was paid (REF-2, REF-4), and at the end the counts summary.json recorded. A log written with
// `--log money` keeps only some entries, each with its own seq: its seqs must rise, each line must be one that
// level writes, and at the end its lines and refusals (it keeps every one) must be what summary.json recorded. A
// deleted line shows there only in that line count, which summary.json's digest protects: under --trust-modified a
// money log is checked less than a full one (docs/scenarios.md). A log that fails any of them is not settled. Pure.
import type { LedgerParams } from '../machines/contracts.js';
import { PAYMENT_SOURCE_NAMES } from '../machines/payment.js';
import type { LogEntry } from '../sim/log/entry.js';
import type { PartialLog } from './eventLog.js';
import { settleReads } from './settlementFacts.js';

export interface LogCounts {
  readonly events: number;
  readonly accepted: number;
  readonly refused: number;
  readonly timers: number;
}

// The sources a buyer pays with; a discount is none of them (ORD-3: it lowers the price and is paid by no one).
const SOURCE_KEYS = PAYMENT_SOURCE_NAMES;

export class LogContracts {
  private nextSeq = 0;
  private lines = 0;
  private readonly counts = { events: 0, accepted: 0, refused: 0, timers: 0 };
  private readonly merchantOf = new Map<string, string>();
  /** Order id → fen paid for it (the order and its usage) and fen refunded against it so far. */
  private readonly paid = new Map<string, number>();
  private readonly refunded = new Map<string, number>();

  /** `start`, `end`: the run period (epoch ms) summary.json records; `partial`: its `log`, when not written in full. */
  constructor(
    private readonly start: number,
    private readonly end: number,
    private readonly partial?: PartialLog,
  ) {}

  /** Checks one entry (after its shape was checked); returns why it breaks a contract, if it does. */
  add(entry: LogEntry): string | undefined {
    this.lines++;
    if (!Number.isSafeInteger(entry.seq) || entry.seq < 0) return `seq ${entry.seq} is not a whole number`;
    // A refused event changes nothing (sim/engine/engine.ts logs no effects for it): a money fact there is forged.
    if (!entry.accepted && entry.effects !== undefined) return `seq ${entry.seq} is a refused event with effects (a refusal changes nothing)`;
    if (this.partial === undefined) {
      if (entry.seq !== this.nextSeq) return `seq ${entry.seq} where ${this.nextSeq} was due (a line deleted, repeated or moved)`;
    } else {
      if (entry.seq < this.nextSeq) return `seq ${entry.seq} after seq ${this.nextSeq - 1} (a line repeated or moved)`;
      if (!settleReads(entry)) return `seq ${entry.seq} is not a line --log ${this.partial.level} writes (no money fact, completion, delisting or refusal)`;
    }
    this.nextSeq = entry.seq + 1;
    const at = Date.parse(entry.at);
    if (!this.inPeriod(at)) return `"at" ${JSON.stringify(entry.at)} is outside the run period`;
    if (entry.source !== 'spawn') {
      this.counts.events++;
      if (entry.accepted) this.counts.accepted++;
      else this.counts.refused++;
      if (entry.source === 'timer') this.counts.timers++;
    }
    for (const effect of entry.effects ?? []) {
      if (effect.type !== 'ledger') continue;
      const problem = this.ledger(effect.params as unknown as LedgerParams);
      if (problem) return problem;
    }
    return undefined;
  }

  /** After the last entry: the counts summary.json recorded must be the log's. */
  finish(recorded: LogCounts): string | undefined {
    if (this.partial !== undefined) {
      // Only refusals are all there; the other counts are of entries this level leaves out.
      if (this.lines !== this.partial.lines) return `the log has ${this.lines} lines, summary.json records ${this.partial.lines} (log.lines)`;
      if (recorded.refused !== this.counts.refused) return `the log has ${this.counts.refused} refused events, summary.json counts ${recorded.refused}`;
      return undefined;
    }
    for (const key of ['events', 'accepted', 'refused', 'timers'] as const) {
      if (recorded[key] !== this.counts[key]) return `the log has ${this.counts[key]} ${key === 'events' ? 'events' : `${key} events`}, summary.json counts ${recorded[key]}`;
    }
    return undefined;
  }

  private inPeriod(at: number): boolean {
    return Number.isFinite(at) && at >= this.start && at <= this.end;
  }

  /** A ledger fact whose shape settlementFacts.ts already checked (integers, kinds, signs). */
  private ledger(l: LedgerParams): string | undefined {
    if (!this.inPeriod(l.at)) return `ledger ${l.orderId}: "at" ${l.at} is outside the run period`;
    const sources = l.paymentSources as unknown as Readonly<Record<string, unknown>> | undefined;
    if (typeof sources !== 'object' || sources === null) return `ledger ${l.orderId}: no paymentSources`;
    let sum = 0;
    for (const key of SOURCE_KEYS) {
      const fen = sources[key];
      if (typeof fen !== 'number' || !Number.isSafeInteger(fen)) return `ledger ${l.orderId}: paymentSources.${key} must be an integer`;
      sum += fen;
    }
    // ORD-3: an hourly order's amount is its hourly unit price; nothing is paid for it until its usage is billed.
    const due = l.chargingMode === 'hourly' && l.entry === 'order' ? 0 : l.amountFen;
    if (sum !== due) return `ledger ${l.orderId}: payment sources add up to ${sum} fen, the amount is ${l.amountFen}`;
    const merchant = this.merchantOf.get(l.productId);
    if (merchant !== undefined && merchant !== l.merchantId) return `ledger ${l.orderId}: product ${l.productId} is sold by ${merchant}, not ${l.merchantId}`;
    this.merchantOf.set(l.productId, l.merchantId);
    if (l.entry !== 'refund') {
      this.paid.set(l.orderId, (this.paid.get(l.orderId) ?? 0) + due);
      return undefined;
    }
    const order = l.relatesTo ?? '';
    const paid = this.paid.get(order);
    if (paid === undefined) return `refund ${l.orderId}: refunds ${JSON.stringify(order)}, which has no earlier ledger line`;
    const refunded = (this.refunded.get(order) ?? 0) - l.amountFen;
    if (refunded > paid) return `refund ${l.orderId}: ${order} refunded ${refunded} fen in all, more than the ${paid} fen paid`;
    this.refunded.set(order, refunded);
    return undefined;
  }
}
