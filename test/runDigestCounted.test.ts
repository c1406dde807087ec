// A run split by buyer merges its shards' logs parsing only the lines the settlement reads; the rest reach the
// digest as counts (RunDigest.addCounted, from the shard's tag). The digest must come out as from every entry.
import { describe, expect, test } from 'vitest';
import { RunDigest, type CountedEntry } from '../reports/runDigest.js';
import { FactError, settleReads } from '../reports/settlementFacts.js';
import type { LogEntry } from '../sim/log/entry.js';
import { simulate } from '../runs/run.js';
import { setupOf } from './support/scenarioSetup.js';

function digests(entries: readonly LogEntry[]): { whole: RunDigest; counted: RunDigest; skipped: number } {
  const whole = new RunDigest();
  const counted = new RunDigest();
  let skipped = 0;
  for (const entry of entries) {
    whole.add(entry);
    if (settleReads(entry)) counted.add(entry);
    else {
      const only: CountedEntry = { source: entry.source, rules: entry.rules };
      counted.addCounted(only);
      skipped++;
    }
  }
  return { whole, counted, skipped };
}

const view = (d: RunDigest) => {
  const facts = d.settlementFacts();
  return {
    counts: [d.events, d.accepted, d.refused, d.timers],
    exercised: [...d.exercised].sort(),
    refusing: [...d.refusing].sort(),
    refusals: d.refusals.result(),
    ledger: [...facts.ledger],
    paid: [...(facts.paidByMerchant ?? [])].sort(),
    completions: facts.completions,
    delistings: facts.delistings,
    orders: [...d.ledger],
  };
};

describe('RunDigest.addCounted: an entry the settlement does not read, counted from its source and rules', () => {
  test.each(['market-tencent', 'market-tiny', 'delisting-tencent'])('%s: the digest of every entry and of the counted ones agree', (name) => {
    const result = simulate(setupOf(name));
    const { whole, counted, skipped } = digests(result.entries);
    expect(skipped).toBeGreaterThan(0);
    expect(whole.refused).toBeGreaterThan(0);
    expect(view(counted)).toEqual(view(whole));
  });

  test("a broken money fact after counted entries is named by its entry's place in the log, as when every entry is read", () => {
    const result = simulate(setupOf('market-tiny'));
    const at = result.entries.findIndex((e, i) => i > 10 && e.effects?.some((f) => f.type === 'ledger'));
    expect(at).toBeGreaterThan(10);
    const entries = result.entries.map((e, i) =>
      i === at ? { ...e, effects: e.effects!.map((f) => (f.type === 'ledger' ? { ...f, params: { ...f.params, amountFen: 'ten' } } : f)) } : e,
    );
    const { whole, counted } = digests(entries);
    const error = (d: RunDigest): unknown => {
      try {
        d.settlementFacts();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    expect(error(whole)).toBeInstanceOf(FactError);
    expect((error(whole) as FactError).index).toBe(at);
    expect((error(counted) as FactError).message).toBe((error(whole) as FactError).message);
  });
});
