// Limits that span several fields, checked before a run starts so that nothing the loader accepts crashes or
// hangs later: the period a run covers, the orders a population generates over it, and the money a run can add
// up (prices × quantities × periods, summed over every order) staying a safe integer.
import { MAX_DURATION_MS, MS, type RulesParams } from '../machines/rules.js';
import type { ProductEntry } from './catalogSchema.js';
import type { Scenario } from './types.js';
import { POPULATION_LIMITS, populationMonths } from './populationSchema.js';

export interface BoundProblem {
  readonly path: string;
  readonly reason: string;
}

/** The period and the generated population, from the file alone. */
export function sizeProblem(start: number, end: number, ordersPerMonth: number | undefined): BoundProblem | undefined {
  if (end - start > MAX_DURATION_MS) return { path: 'end', reason: 'a run covers at most ten years' };
  if (ordersPerMonth === undefined) return undefined;
  const generated = ordersPerMonth * populationMonths(start, end);
  if (generated > POPULATION_LIMITS.generatedOrders) {
    return {
      path: 'population.ordersPerMonth',
      reason: `generates ${generated} orders over the run; at most ${POPULATION_LIMITS.generatedOrders} (split the period or use a sweep)`,
    };
  }
  return undefined;
}

/** The dearest thing one charge of this product can cost: a spec or a package. */
function unitFen(product: ProductEntry): number {
  return Math.max(0, ...product.specs.map((s) => s.priceFen), ...product.packages.map((p) => p.priceFen));
}

/**
 * Whether every sum of money a run can make stays a safe integer, taking each order at its worst: a period
 * order renewed every month of the run, an hourly one billed every billing unit twice over (ORD-8 disk swaps).
 * Needs the resolved rules (billing unit), so it runs after `--set` and `--profile` are applied.
 */
export function moneyProblem(scenario: Scenario, params: RulesParams): BoundProblem | undefined {
  const span = scenario.end - scenario.start;
  const renewals = Math.ceil(span / (28 * MS.day)) + 1;
  const billingUnits = 2 * (Math.ceil(span / params.billingHourMs) + 1);
  const products = new Map(scenario.products.map((p) => [p.id, p]));
  let total = 0;
  let largest = { path: '', fen: -1 };
  const productOfOrder = new Map<string, ProductEntry>();
  for (const item of scenario.timeline) {
    // Charges: a purchase or a supervised order names its product, a disk swap the image it swaps to, a renewal its order.
    const named = item.payload.product ?? item.payload.toProduct;
    const product = typeof named === 'string' ? products.get(named) : item.kind === 'order' ? productOfOrder.get(item.target) : undefined;
    if (!product) continue;
    if (item.kind === 'order' && !productOfOrder.has(item.target)) productOfOrder.set(item.target, product);
    const periods = typeof item.payload.periods === 'number' ? item.payload.periods : 1;
    const fen = unitFen(product) * periods * (product.chargingMode === 'hourly' ? billingUnits : renewals);
    total += fen;
    if (fen > largest.fen) largest = { path: `timeline[${item.index}]`, fen };
  }
  const population = scenario.population;
  if (population) {
    const orders = population.ordersPerMonth * populationMonths(scenario.start, scenario.end);
    // The generator prices a yearly spec at ten months and an hourly unit at a three-hundredth of a month.
    const perOrder = Math.max(population.priceFen.max * 10 * renewals, Math.ceil(population.priceFen.max / 300) * billingUnits);
    total += orders * perOrder;
    if (orders * perOrder > largest.fen) largest = { path: 'population.priceFen.max', fen: orders * perOrder };
  }
  if (total > Number.MAX_SAFE_INTEGER) {
    return {
      path: largest.path,
      reason: `prices × periods over the run could total ${total.toExponential(2)} fen, beyond the safe-integer range (${Number.MAX_SAFE_INTEGER}); lower the prices, the periods or the length of the run`,
    };
  }
  return undefined;
}

