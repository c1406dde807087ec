// The loaded scenario's types (what the loader returns): in their own module so the checks beside the loader
// (references.ts, bounds.ts) can name them without importing the loader.
import type { Actor, Platform } from '../machines/domain.js';
import type { RulesOverrides } from '../machines/rules.js';
import type { BuyerEntry, MerchantEntry, ProductEntry } from './catalogSchema.js';
import type { FaultEntry } from './faultSchema.js';
import type { PopulationSpec } from './populationSchema.js';

export interface Expectation {
  readonly accepted?: boolean;
  readonly state?: string;
  readonly rule?: string;
}

/** One timeline item, resolved: epoch-ms time, target entity, actor and the event's own fields. */
export interface TimelineEntry {
  readonly index: number;
  readonly at: number;
  readonly event: string;
  readonly kind: string;
  readonly target: string;
  readonly by: Actor;
  readonly subUser?: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly expect?: Expectation;
  readonly note?: string;
}

export interface Scenario {
  readonly file: string;
  readonly name: string;
  readonly description: string;
  readonly platform: Platform;
  readonly seed: string;
  readonly start: number;
  readonly end: number;
  readonly rules: RulesOverrides;
  readonly merchants: readonly MerchantEntry[];
  readonly products: readonly ProductEntry[];
  readonly buyers: readonly BuyerEntry[];
  readonly timeline: readonly TimelineEntry[];
  /** The merchant-interface fault plan (sim/faults.ts); absent = every call succeeds. */
  readonly faults?: readonly FaultEntry[];
  /** Generated on top of the explicit entities and timeline, from the run's seed (sim/expand.ts). */
  readonly population?: PopulationSpec;
}
