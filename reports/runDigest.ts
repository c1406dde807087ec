// What a run's report files need from its log, gathered entry by entry as the engine produces them: counts and
// rule counts (summary.json), refusals by rule (report.html), the settlement facts (settlement files and checks) and the ledger (orders.csv).
// Lets `marketsim run` stream events.jsonl to disk instead of keeping every log entry. Pure.
import type { LedgerParams } from '../machines/contracts.js';
import type { LogEntry } from '../sim/log/entry.js';
import { orderFact } from './ordersCsv.js';
import { RefusalDigest } from './refusals.js';
import { FactCollector, type LedgerFact, type LedgerStore, type SettlementFacts } from './settlementFacts.js';

/** What the digest reads of an entry the settlement does not read (RunDigest.addCounted). */
export interface CountedEntry {
  readonly source: LogEntry['source'];
  readonly rules: readonly string[];
}

/** The order facts among a run's stored facts (usage is not), in log order: what orders.csv lists (RunDigest.ledger). */
export function orderFacts(stored: Iterable<LedgerFact>): Iterable<LedgerParams> {
  return {
    *[Symbol.iterator]() {
      for (const { ledger } of stored) if (orderFact(ledger)) yield ledger;
    },
  };
}

export class RunDigest {
  /** Offered events (spawns left out), as summary.json counts them. */
  events = 0;
  accepted = 0;
  refused = 0;
  timers = 0;
  /** Rule → entries that applied it (accepted) or refused by it. */
  readonly exercised = new Map<string, number>();
  readonly refusing = new Map<string, number>();
  /** Refusals by rule with a few examples (report.html). */
  readonly refusals = new RefusalDigest();
  private readonly facts: FactCollector;

  /**
   * `foldUsageAt`: the run's settlement UTC offset (minutes), to keep one usage fact per order-month (FactCollector).
   * `store`: where the money facts are kept (in memory unless given; `marketsim run` spills them to a file).
   */
  constructor(foldUsageAt?: number, store?: LedgerStore) {
    this.facts = new FactCollector(foldUsageAt, store);
  }

  /**
   * The `ledger` effects that are orders (usage is not), in log order: orders.csv picks its platform's rows (ORD-5).
   * Read from the collected facts, so a broken fact (a bug in a run being written) throws at settlementFacts() first.
   */
  get ledger(): Iterable<LedgerParams> {
    return orderFacts(this.facts.storedFacts());
  }

  add(entry: LogEntry): void {
    if (entry.source !== 'spawn') {
      this.events++;
      if (entry.accepted) this.accepted++;
      else this.refused++;
      if (entry.source === 'timer') this.timers++;
    }
    const counts = entry.accepted ? this.exercised : this.refusing;
    const rules = entry.rules;
    // Indexed: an array iterator a step showed in the run's allocation profile.
    for (let i = 0; i < rules.length; i++) counts.set(rules[i]!, (counts.get(rules[i]!) ?? 0) + 1);
    this.refusals.add(entry);
    this.facts.add(entry);
  }

  /**
   * Counts an entry the settlement does not read (`settleReads` false: accepted, no money fact, no supervision
   * completion, no product leaving sale) from what is all the digest reads of it: the same as `add` of that entry.
   * A run split by buyer merges its shards' logs without parsing such lines (runs/shards/merge.ts).
   */
  addCounted(entry: CountedEntry): void {
    if (entry.source !== 'spawn') {
      this.events++;
      this.accepted++;
      if (entry.source === 'timer') this.timers++;
    }
    for (const rule of entry.rules) this.exercised.set(rule, (this.exercised.get(rule) ?? 0) + 1);
    this.facts.skip();
  }

  /** The settlement facts; throws the first FactError of the log, as `settlementFacts(entries)` does. */
  settlementFacts(): SettlementFacts {
    return this.facts.result();
  }
}

export function digestOf(entries: readonly LogEntry[]): RunDigest {
  const digest = new RunDigest();
  for (const entry of entries) digest.add(entry);
  return digest;
}
