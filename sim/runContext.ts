// What preparers and effect handlers of one run may read: the rules in force, the scenario's catalogue
// (merchants, products, buyers as machine inputs) and the run's random streams.
import type { BuyerDef, MerchantDef, ProductDef } from '../machines/catalog.js';
import type { RulesParams } from '../machines/rules.js';
import type { Scenario } from '../scenarios/loader.js';
import type { Rng } from './rng.js';

export interface RunContext {
  readonly params: RulesParams;
  readonly scenario: Scenario;
  readonly merchants: ReadonlyMap<string, MerchantDef>;
  readonly products: ReadonlyMap<string, ProductDef>;
  readonly buyers: ReadonlyMap<string, BuyerDef>;
  /** The root stream of the run; fork it by purpose (`rng.fork('faults')`), never draw from it directly. */
  readonly rng: Rng;
  /** The stream preparers draw from (forked from the root as "draws"). */
  readonly draws: Rng;
}
