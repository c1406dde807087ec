// What-if diffs compare like with like: a generated purchase takes its identity (order number) and its plan
// (product, spec, buyer, time) from its place in the generator's plan, not from how many draws the orders
// before it used under the rules in force, so the same planned purchase has the same ID in every variant and a
// diff between two variants pairs it with itself and shows only what the rules changed.
import { describe, expect, test } from 'vitest';
import { PROFILES } from '../machines/rules.js';
import { parseTime } from '../machines/time.js';
import { populationSchema } from '../scenarios/populationSchema.js';
import { generateMarket } from '../sim/market/generator.js';
import { Rng } from '../sim/rng.js';
import { diffSettlements, type LineDiff } from '../reports/diff.js';
import { setupFromFlags } from '../cli/flags.js';
import { simulate } from '../runs/run.js';
import { runSettlement } from '../reports/settlementFiles.js';
import type { Settlement } from '../reports/settlement.js';

const start = parseTime('2024-01-01T00:00:00+08:00')!;
const end = parseTime('2024-12-31T23:59:59+08:00')!;
const spec = populationSchema.parse({ merchants: 8, buyers: 300, ordersPerMonth: 150 });

function purchases(platform: 'koogallery' | 'tencent'): Map<string, unknown> {
  const market = generateMarket(spec, { start, end, platform, params: PROFILES[platform] }, new Rng('1'));
  const planned = market.timeline.filter((t) => t.event === 'purchase');
  return new Map(planned.map((t) => [t.target, { at: t.at, product: t.payload.product, spec: t.payload.spec, buyer: t.payload.buyer }]));
}

function settlementOf(flags: { profile?: string }): Settlement {
  const prepared = setupFromFlags('default', flags);
  if (!prepared.ok) throw new Error(prepared.error.toString());
  const result = simulate(prepared.setup, prepared.options);
  return runSettlement(result.entries, prepared.setup.params, prepared.setup.scenario.end);
}

describe('planned identities', () => {
  test('REF-1, REF-4: the same planned purchase has the same order ID, product, buyer and time under koogallery and tencent rules', () => {
    const a = purchases('koogallery');
    const b = purchases('tencent');
    expect(a.size).toBeGreaterThan(1500);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [id, plan] of a) expect(b.get(id), id).toEqual(plan);
  });

  test('STL-1, REF-2, REF-4: default vs tencent pairs lines by identity: no line added under one number and removed under another', () => {
    const diff = diffSettlements(settlementOf({}), settlementOf({ profile: 'tencent' }));
    const twin = (d: LineDiff) => `${d.line.orderType}|${d.line.productId}|${d.line.grossFen}|${d.month}`;
    const removed = new Set(diff.lines.filter((d) => d.change === 'removed').map(twin));
    const shifted = diff.lines.filter((d) => d.change === 'added' && removed.has(twin(d)));
    expect(shifted.map((d) => d.line.orderId)).toEqual([]);
    // Tencent's five-day no-reason refunds (REF-1/REF-2) are a real difference and still show.
    expect(diff.lines.some((d) => d.b?.rule === 'REF-2')).toBe(true);
  });
});
