// The summary tab's settlement totals (STL-1: treatments, REF-2/REF-4/SUP-10: the rules that decided them) are folded
// from settlement.csv line by line, once per run: parsing market-large's 182k lines on every frame cost ~1.2 s and
// ~200 MiB of heap each time. Checked against the settlement the run computed, not against the CSV reader.
import { describe, expect, it } from 'vitest';
import { setupFromFlags } from '../cli/flags.js';
import { settlementTotals } from '../cli/tui/adapters.js';
import { newLogSpool } from '../cli/tui/logSpool.js';
import { runView } from '../cli/tui/runView.js';
import { simulate } from '../runs/run.js';

describe('settlement totals (summary tab)', () => {
  it.each(['default', 'market-tencent'])('STL-1: %s: lines and net by treatment match the settlement rows the run computed', (scenario) => {
    const prepared = setupFromFlags(scenario, {});
    if (!prepared.ok) throw new Error(prepared.error.toString());
    const view = runView('base', scenario, {}, simulate(prepared.setup, prepared.options), newLogSpool());
    const rows = view.result.settled!.settlement.rows;
    expect(rows.length).toBeGreaterThan(0);
    const expected = new Map<string, { lines: number; netFen: number; rules: Set<string> }>();
    for (const row of rows) {
      const t = expected.get(row.treatment) ?? { lines: 0, netFen: 0, rules: new Set<string>() };
      t.lines++;
      t.netFen += row.netFen;
      if (row.rule) t.rules.add(row.rule);
      expected.set(row.treatment, t);
    }
    const totals = settlementTotals(view.files)!;
    expect(new Map(totals.map((t) => [t.treatment, { lines: t.lines, netFen: t.netFen, rules: new Set(t.rules) }]))).toEqual(expected);
    // Folded once per run: the tab redraws without parsing the file again.
    expect(settlementTotals(view.files)).toBe(totals);
  });

  it('a run whose files have no settlement.csv has no totals', () => {
    expect(settlementTotals(new Map([['violations.jsonl', '']]))).toBeUndefined();
  });
});
