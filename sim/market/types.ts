// Shapes shared by the market generator and the per-order behaviour scripts.
import type { Actor, Platform } from '../../machines/domain.js';
import type { RulesParams } from '../../machines/rules.js';
import type { TimelineEntry } from '../../scenarios/loader.js';

/** The period and rules a market is generated for. */
export interface MarketFrame {
  readonly start: number;
  readonly end: number;
  readonly platform: Platform;
  readonly params: RulesParams;
}

/** Draft timeline item, before it gets its index. */
export type Draft = Omit<TimelineEntry, 'index'>;

export function item(at: number, event: string, kind: string, target: string, by: Actor, payload: Record<string, unknown> = {}): Draft {
  return { at, event, kind, target, by, payload };
}
