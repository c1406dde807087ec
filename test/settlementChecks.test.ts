// The settlement invariants on real generated runs: the books balance as catalogued, and a settlement
// with a planted bug (a dropped line, a supervised order paid a month early) is caught and named.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { settle } from '../reports/settlement.js';
import { SETTLEMENT_CHECKS, settlementViolations } from '../reports/settlementChecks.js';
import { parseScenarioText } from '../scenarios/loader.js';
import { resolveRun, simulate } from '../runs/run.js';
import { addMonthsToMonth } from '../machines/time.js';
import { settleRun } from '../reports/settlementFiles.js';
import { buildSummary } from '../runs/summary.js';

const MARKET = (profile: string) => `name: books
profile: ${profile}
start: 2024-01-01
end: 2024-06-30
population: { merchants: 4, buyers: 60, ordersPerMonth: 60, behaviour: { noReasonRefund: 1/8, lateRefund: 1/20 } }
`;

function run(profile: string, seed: string, sets: Record<string, unknown> = {}) {
  const loaded = parseScenarioText(MARKET(profile), 'books.yaml');
  if (!loaded.ok) throw new Error(loaded.error.toString());
  const resolved = resolveRun(loaded.scenario, { seed, sets });
  if (!resolved.ok) throw new Error(resolved.error.toString());
  return simulate(resolved.setup);
}

describe('settlement invariants on generated runs', () => {
  test('property (STL-7 STL-6 SUP-10 REF-2 REF-4): over generated runs, every fen paid minus refunds is on exactly one final line, commission + net = gross, nothing paid before supervision completed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('koogallery', 'tencent'),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.dictionary(fc.constantFrom('saas', 'image', 'license', 'manualService', 'hardware', 'api'), fc.integer({ min: 0, max: 3_000 })),
        (profile, seed, commission) => {
          const result = run(profile, String(seed), { commissionBasisPoints: commission });
          expect(result.entries.some((e) => e.effects?.some((f) => f.type === 'ledger'))).toBe(true);
          expect(result.violations).toEqual([]);
        },
      ),
      { numRuns: 4, seed: 20261123 },
    );
  });

  test('INV-EVERY-FEN-ACCOUNTED (STL-7): a settlement that drops a final line is caught', () => {
    const result = run('koogallery', '1');
    const dropping: typeof settle = (input) => {
      const s = settle(input);
      const victim = s.rows.findIndex((r) => r.final && r.line.grossFen > 0);
      return { ...s, rows: s.rows.filter((_, i) => i !== victim) };
    };
    const found = settlementViolations(result.entries, result.setup.params, result.setup.scenario.end, 0, dropping);
    expect(found.map((v) => v.check)).toContain(SETTLEMENT_CHECKS.everyFen.id);
  });

  test('INV-NO-SETTLEMENT-BEFORE-SUPERVISION (SUP-10, STL-3): paying supervised orders a month early is caught', () => {
    const result = run('koogallery', '2');
    const early: typeof settle = (input) => {
      const s = settle(input);
      return {
        ...s,
        rows: s.rows.map((r) =>
          r.treatment === 'settled' && input.params.supervisedDeliveryTypes.includes(r.line.deliveryType as never)
            ? { ...r, settlementMonth: addMonthsToMonth(r.settlementMonth, -1) }
            : r,
        ),
      };
    };
    const found = settlementViolations(result.entries, result.setup.params, result.setup.scenario.end, 0, early);
    expect(found.some((v) => v.check === SETTLEMENT_CHECKS.afterSupervision.id && v.entity.startsWith('order:'))).toBe(true);
  });
});

describe('a run settles once', () => {
  test('STL-1: the report files reuse the settlement the end-of-run checks computed when summary.json gives the same rules and end, and settle afresh when it does not', () => {
    const result = run('koogallery', 'once');
    const summary = buildSummary(result);
    const checked = result.settled!;
    expect(checked.settlement).toEqual(settle({ facts: result.digest.settlementFacts(), params: checked.params, runEnd: checked.runEnd }));
    expect(settleRun(result.digest.settlementFacts(), summary, checked).settlement).toBe(checked.settlement);
    // Different rules in summary.json (a re-priced folder): settled again, under them.
    const repriced = { ...summary, overrides: { ...summary.overrides, commissionBasisPoints: { saas: 1234 } } };
    const again = settleRun(result.digest.settlementFacts(), repriced, checked);
    expect(again.settlement).not.toBe(checked.settlement);
    expect(again.settlement.rows.find((r) => r.line.deliveryType === 'saas')?.commissionFen).not.toBe(checked.settlement.rows.find((r) => r.line.deliveryType === 'saas')?.commissionFen);
    // A run whose checks ran with a test's settlement keeps none to reuse.
    expect(simulate(result.setup, { settleWith: settle }).settled).toBeUndefined();
  });
});
