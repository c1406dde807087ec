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
  /**
   * The stream one preparer's draw takes, named by what is drawn for whom and when (`product:p1/reviewBusinessDays@<ms>`):
   * a child of the root's "draws", never one stream shared by the run, so a draw depends on the seed and its key,
   * not on how many draws other entities made before it. A what-if that adds an enterprise leaves every product's
   * DEL-3 review length as it was, and a run split by buyer would draw the same.
   */
  readonly drawsFor: (key: string) => Rng;
  /** A run split by buyer (sim/shards): joins what one shard read across its buyers with the other shards'. */
  readonly shards?: ShardJoin;
}

/** What reads across buyers, joined between the shards of a run split by buyer; every shard asks at the same step. */
export interface ShardJoin {
  /** STL-5: the product's orders with a pending settlement in every shard, sorted, given this shard's. */
  pendingSettlements(productId: string, local: readonly string[]): string[];
}
