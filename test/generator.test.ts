// The market generator: one seed reproduces the market exactly, another seed gives another market, products go
// through the real publishing flow, and behaviour ratios show up in the timeline at their rates.
import { describe, expect, test } from 'vitest';
import { PROFILES } from '../machines/rules.js';
import { populationSchema } from '../scenarios/populationSchema.js';
import { generateMarket } from '../sim/market/generator.js';
import { Rng } from '../sim/rng.js';
import { parseTime } from '../machines/time.js';

const frame = { start: parseTime('2024-01-01')!, end: parseTime('2024-12-31')!, platform: 'koogallery' as const, params: PROFILES.koogallery };
const spec = (extra: object = {}) => populationSchema.parse({ merchants: 20, buyers: 200, ordersPerMonth: 100, ...extra });

describe('generator', () => {
  test.each([
    ['one hour', 3_600_000],
    ['one millisecond', 1],
    ['two hours', 7_200_000],
  ])('REF-1: a no-reason window of %s still gets its refunds, inside the window (a short window drew from an empty range)', (_label, window) => {
    const short = { ...frame, params: { ...PROFILES.tencent, noReasonRefundWindowMs: window } };
    const { timeline } = generateMarket(spec({ behaviour: { noReasonRefund: '1/2' } }), short, new Rng('5'));
    const purchases = new Map(timeline.filter((t) => t.event === 'purchase').map((t) => [t.target, t.at]));
    // The buyer's no-reason refunds (other parts of a script may refund later, with or without a reason).
    const inside = timeline.filter((t) => t.event === 'refund' && t.by === 'buyer' && t.at - purchases.get(t.target)! < window);
    expect(inside.length).toBeGreaterThan(50);
    for (const refund of inside) expect(refund.at).toBeGreaterThanOrEqual(purchases.get(refund.target)!);
  });

  test('the same seed gives the same market; another seed another one', () => {
    const a = generateMarket(spec(), frame, new Rng('7'));
    expect(generateMarket(spec(), frame, new Rng('7'))).toEqual(a);
    const b = generateMarket(spec(), frame, new Rng('8'));
    expect(b.timeline).not.toEqual(a.timeline);
    expect(b.products.map((p) => p.deliveryType)).not.toEqual(a.products.map((p) => p.deliveryType));
  });

  test('the timeline is in time order, inside the period, with unique indices', () => {
    const { timeline } = generateMarket(spec(), frame, new Rng('1'));
    expect(timeline.length).toBeGreaterThan(1200);
    for (let i = 1; i < timeline.length; i++) expect(timeline[i]!.at).toBeGreaterThanOrEqual(timeline[i - 1]!.at);
    expect(new Set(timeline.map((t) => t.index)).size).toBe(timeline.length);
    expect(timeline.every((t) => t.at >= frame.start && t.at <= frame.end)).toBe(true);
  });

  test('PUB-2/PUB-5: every product is submitted, approved and listed (images by an operator) before anyone buys it', () => {
    const { products, timeline } = generateMarket(spec(), frame, new Rng('2'));
    for (const product of products) {
      const own = timeline.filter((t) => t.kind === 'product' && t.target === product.id);
      const steps = own.map((t) => t.event).filter((e) => ['submit', 'approve', 'list'].includes(e));
      // Listing follows the approved submission; later approvals are of modifications (HIDE-1: hiding a listed product).
      const listing = steps.indexOf('list');
      expect(steps.slice(listing - 2, listing + 1), product.id).toEqual(['submit', 'approve', 'list']);
      const list = own.find((t) => t.event === 'list')!;
      expect(list.by).toBe(product.deliveryType === 'image' ? 'operator' : 'seller');
      const firstPurchase = timeline.find((t) => t.event === 'purchase' && t.payload.product === product.id);
      if (firstPurchase) expect(firstPurchase.at).toBeGreaterThan(list.at);
    }
  });

  test('behaviour ratios are drawn at their rate (REF-1 refunds, SUP-8 appeals) and can be switched off', () => {
    const busy = spec({ ordersPerMonth: 1000, behaviour: { noReasonRefund: '1/10', lateRefund: '0/1', appeal: '1/5' } });
    const { timeline } = generateMarket(busy, frame, new Rng('3'));
    const periodPurchases = timeline.filter((t) => t.event === 'purchase').length;
    expect(periodPurchases).toBeGreaterThan(11_000);
    const buyerRefunds = timeline.filter((t) => t.event === 'refund' && t.by === 'buyer').length;
    expect(buyerRefunds).toBeGreaterThan(periodPurchases / 20);
    const none = generateMarket(spec({ behaviour: { appeal: '0/1' } }), frame, new Rng('3')).timeline;
    expect(none.some((t) => t.event === 'openAppeal')).toBe(false);
    expect(timeline.some((t) => t.event === 'openAppeal')).toBe(true);
  });

  test('SUP-5: phone mismatches put another number on the waybill; supervised orders get their flow\'s steps', () => {
    const { timeline, products } = generateMarket(spec({ deliveryMix: { hardware: 1 }, behaviour: { phoneMismatch: '1/2' } }), frame, new Rng('4'));
    expect(products.every((p) => p.deliveryType === 'hardware')).toBe(true);
    const ships = timeline.filter((t) => t.event === 'ship');
    expect(ships.length).toBeGreaterThan(100);
    const mismatched = ships.filter((t) => t.payload.recipientPhone !== undefined).length;
    expect(mismatched / ships.length).toBeGreaterThan(0.35);
    expect(mismatched / ships.length).toBeLessThan(0.65);
    const signedOff = timeline.filter((t) => t.event === 'courierSignedOff').length;
    const reminded = timeline.filter((t) => t.event === 'remindBuyer').length;
    expect(signedOff + reminded).toBeLessThanOrEqual(ships.length); // those due after the end are cut
    expect(signedOff + reminded).toBeGreaterThan(ships.length * 0.95);
    expect(reminded / ships.length).toBeGreaterThan(0.35); // untracked waybills never get a sign-off
  });
});

describe('generated fault plan', () => {
  test('REN-3 INT-1: outages are drawn from the seed per merchant inside the period, and runs stay within the rules under them', async () => {
    const { faults, merchants } = generateMarket(spec({ merchantOutages: { share: '1/1', maxDurationMs: '2d', errorRate: '1/20' } }), frame, new Rng('5'));
    expect(faults.filter((f) => f.down).map((f) => f.merchant)).toEqual(merchants.map((m) => m.id));
    for (const fault of faults.filter((f) => f.down)) {
      const from = parseTime(fault.down!.from)!;
      const to = parseTime(fault.down!.to)!;
      expect(from).toBeGreaterThanOrEqual(frame.start);
      expect(to - from).toBeGreaterThan(0);
      expect(to - from).toBeLessThanOrEqual(2 * 86_400_000);
    }
    expect(faults.at(-1)).toEqual({ errorRate: { numerator: 1, denominator: 20 } });
    expect(generateMarket(spec({ merchantOutages: { share: '0/1' } }), frame, new Rng('5')).faults).toEqual([]);

    const { parseScenarioText } = await import('../scenarios/loader.js');
    const { resolveRun, simulate } = await import('../runs/run.js');
    const text = `name: faulty\nstart: 2024-01-01\nend: 2024-04-30\npopulation: { merchants: 3, buyers: 30, ordersPerMonth: 40, merchantOutages: { share: 1/1, maxDurationMs: 20d, errorRate: 1/10 } }\n`;
    const loaded = parseScenarioText(text, 'faulty.yaml');
    if (!loaded.ok) throw new Error(loaded.error.toString());
    const resolved = resolveRun(loaded.scenario, { seed: '5' });
    if (!resolved.ok) throw new Error(resolved.error.toString());
    const result = simulate(resolved.setup);
    const failures = result.entries.flatMap((e) => e.effects ?? []).filter((f) => f.type === 'productionInterfaceMessage');
    expect(failures.length).toBeGreaterThan(0);
    expect(result.violations).toEqual([]);
  });
});
