// The scenario's fault plan applied to merchant calls: a call fails inside a down window, or with an error rate
// drawn from a stream keyed by the call (REN-3, INT-1, INT-2). The plan's file format is scenarios/faultSchema.ts.
import type { MerchantEndpoint } from '../../machines/contracts.js';
import type { FaultEntry } from '../../scenarios/faultSchema.js';
import type { Rng } from '../rng.js';
import { parseTime } from '../../machines/time.js';

export interface FaultRule {
  readonly merchant?: string;
  readonly endpoint?: MerchantEndpoint;
  readonly down?: { readonly from: number; readonly to: number };
  readonly errorRate?: { readonly numerator: number; readonly denominator: number };
}

export function faultRules(entries: readonly FaultEntry[]): FaultRule[] {
  return entries.map((entry) => ({
    ...(entry.merchant !== undefined ? { merchant: entry.merchant } : {}),
    ...(entry.endpoint !== undefined ? { endpoint: entry.endpoint } : {}),
    ...(entry.down ? { down: { from: parseTime(entry.down.from)!, to: parseTime(entry.down.to)! } } : {}),
    ...(entry.errorRate ? { errorRate: entry.errorRate } : {}),
  }));
}

/**
 * Why this call fails, or undefined when it goes through. `drawsFor` gives the call's own stream, asked for only
 * when a rule with an error rate matches the call: keyed by the call (`callDraws`), never one stream shared by the
 * run, so whether a call fails depends on the seed, the call and its attempt, not on which other calls came
 * first (a what-if that adds an order leaves every other order's faults as they were; a run split by buyer
 * draws the same).
 */
export function callFault(rules: readonly FaultRule[], merchantId: string, endpoint: MerchantEndpoint, now: number, drawsFor: () => Rng): string | undefined {
  let rng: Rng | undefined;
  for (const rule of rules) {
    if (rule.merchant !== undefined && rule.merchant !== merchantId) continue;
    if (rule.endpoint !== undefined && rule.endpoint !== endpoint) continue;
    if (rule.down && now >= rule.down.from && now < rule.down.to) return `${endpoint} down`;
    if (rule.errorRate && (rng ??= drawsFor()).chance(rule.errorRate)) return `${endpoint} error (${rule.errorRate.numerator}/${rule.errorRate.denominator})`;
  }
  return undefined;
}

/** The draws of one attempt (1-based) of one call to one merchant: a child of the run's `faults` stream named by both. */
export function callDraws(faults: Rng, merchantId: string, callId: string, attempt: number): Rng {
  return faults.fork(`${merchantId}/${callId}#${attempt}`);
}
