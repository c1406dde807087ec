// What the settlement files need to know about a run besides its log: what summary.json records (scenario,
// profile, seed, period, overrides, violations) and the names of its merchants and products, so `settle` on a
// saved run writes the same names beside the IDs as the run did. Defined here (not in runs/) so reports/ never
// reaches up a layer; runs/summary.ts builds a RunSummary that is a SummaryInfo.
import type { Violation } from '../sim/log/entry.js';
import type { PartialLog } from './eventLog.js';

/** Merchant and product names by ID (summary.json `names`). */
export interface CatalogNames {
  readonly merchants: Readonly<Record<string, string>>;
  readonly products: Readonly<Record<string, string>>;
}

export interface SummaryInfo {
  readonly scenario: string;
  readonly description: string;
  readonly profile: string;
  readonly seed: string;
  readonly start: string;
  readonly end: string;
  readonly overrides: Readonly<Record<string, unknown>>;
  readonly violations: readonly Violation[];
  /** Absent in a summary.json written before names were recorded: the name columns are then empty. */
  readonly names?: CatalogNames;
  /** Absent when events.jsonl has every entry; else the level it was written at (`run --log`) and its lines. */
  readonly log?: PartialLog;
}

export const NO_NAMES: CatalogNames = { merchants: {}, products: {} };

/** The name of an ID, or '' when the run recorded none. */
export function nameOf(names: Readonly<Record<string, string>>, id: string): string {
  return Object.hasOwn(names, id) ? names[id]! : '';
}

/** "m0001 Acme Services": an ID with its name beside it, or the ID alone when the run recorded none. */
export function idWithName(names: Readonly<Record<string, string>>, id: string): string {
  return Object.hasOwn(names, id) ? `${id} ${names[id]!}` : id;
}
