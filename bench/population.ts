// How the benches grow a generated market: more orders, with merchants and buyers in proportion (one merchant per
// 2,000 orders a year, one buyer per 4), never fewer than the scenario's own.
import type { Scenario } from '../scenarios/loader.js';

type Population = NonNullable<Scenario['population']>;

export function scaledPopulation(population: Population, ordersPerMonth: number, ordersPerYear = ordersPerMonth * 12): Population {
  return {
    ...population,
    ordersPerMonth,
    merchants: Math.max(population.merchants, Math.round(ordersPerYear / 2000)),
    buyers: Math.max(population.buyers, Math.round(ordersPerYear / 4)),
  };
}
