// The scenario's fault plan applied to merchant calls: a call fails inside a down window, or with an error rate
// drawn from the run's `faults` stream (REN-3, INT-1, INT-2). The plan's file format is scenarios/faultSchema.ts.
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
 * Why this call fails, or undefined when it goes through. Draws from `rng` only for rules with an error rate
 * that match the call, so adding a fault for one merchant never shifts another merchant's draws.
 */
export function callFault(rules: readonly FaultRule[], merchantId: string, endpoint: MerchantEndpoint, now: number, rng: Rng): string | undefined {
  for (const rule of rules) {
    if (rule.merchant !== undefined && rule.merchant !== merchantId) continue;
    if (rule.endpoint !== undefined && rule.endpoint !== endpoint) continue;
    if (rule.down && now >= rule.down.from && now < rule.down.to) return `${endpoint} down`;
    if (rule.errorRate && rng.chance(rule.errorRate)) return `${endpoint} error (${rule.errorRate.numerator}/${rule.errorRate.denominator})`;
  }
  return undefined;
}
