// Turns a scenario with a `population:` into a plain scenario: generated merchants, products, buyers and timeline
// appended to the explicit ones, so every later step (run, minimise, replay, write back) sees one explicit timeline.
import type { RulesParams } from '../../machines/rules.js';
import type { Scenario, TimelineEntry } from '../../scenarios/loader.js';
import { GeneratedArrivals, MergedArrivals, type Arrivals } from './arrivals.js';
import { generateCatalog, generateMarket } from './generator.js';
import { Rng } from '../rng.js';

export function expandPopulation(scenario: Scenario, seed: string, params: RulesParams): Scenario {
  const { population, ...plain } = scenario;
  if (!population) return scenario;
  const frame = { start: scenario.start, end: scenario.end, platform: scenario.platform, params };
  const market = generateMarket(population, frame, new Rng(seed));
  const offset = scenario.timeline.length;
  const generated = market.timeline.map((entry): TimelineEntry => ({ ...entry, index: offset + entry.index }));
  const faults = [...(scenario.faults ?? []), ...market.faults];
  return {
    ...plain,
    ...(faults.length > 0 ? { faults } : {}),
    merchants: [...scenario.merchants, ...market.merchants],
    products: [...scenario.products, ...market.products],
    buyers: [...scenario.buyers, ...market.buyers],
    timeline: mergeByTime(scenario.timeline, generated),
  };
}

/** A population drawn lazily: `open()` gives the whole timeline (explicit and generated) as the engine consumes it. */
export interface LazyTimeline {
  open(): Arrivals;
  /** `open` in slices: each `next()` does a slice of the work, the last returns the arrivals (a caller yields between). */
  opening(): Generator<void, Arrivals>;
}

/**
 * The lazy form of expandPopulation for large runs: the same catalogue appended, the timeline left explicit, and
 * the generated items drawn as they come due (sim/arrivals.ts), with the same items, order and `index`.
 */
export function lazyPopulation(scenario: Scenario, seed: string, params: RulesParams): { scenario: Scenario; timeline?: LazyTimeline } {
  const { population, ...plain } = scenario;
  if (!population) return { scenario };
  const frame = { start: scenario.start, end: scenario.end, platform: scenario.platform, params };
  // The catalogue is drawn once for the scenario; each open() draws it again so every run starts from a fresh stream.
  const catalog = () => generateCatalog(population, frame, new Rng(seed));
  const { faults: generatedFaults, merchants, products, buyers } = catalog();
  const faults = [...(scenario.faults ?? []), ...generatedFaults];
  const offset = scenario.timeline.length;
  const timeline: LazyTimeline = {
    open: () => new MergedArrivals(scenario.timeline, GeneratedArrivals.open(catalog(), frame, offset)),
    *opening() {
      return new MergedArrivals(scenario.timeline, yield* GeneratedArrivals.opening(catalog(), frame, offset));
    },
  };
  return {
    scenario: {
      ...plain,
      ...(faults.length > 0 ? { faults } : {}),
      merchants: [...scenario.merchants, ...merchants],
      products: [...scenario.products, ...products],
      buyers: [...scenario.buyers, ...buyers],
    },
    timeline,
  };
}

/** Stable merge of two time-sorted lists; at equal times the explicit (first) list goes first. */
function mergeByTime(explicit: readonly TimelineEntry[], generated: readonly TimelineEntry[]): TimelineEntry[] {
  const sortedExplicit = [...explicit].sort((a, b) => a.at - b.at || a.index - b.index);
  const merged: TimelineEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < sortedExplicit.length || j < generated.length) {
    const a = sortedExplicit[i];
    const b = generated[j];
    if (b === undefined || (a !== undefined && a.at <= b.at)) {
      merged.push(a!);
      i++;
    } else {
      merged.push(b);
      j++;
    }
  }
  return merged;
}
