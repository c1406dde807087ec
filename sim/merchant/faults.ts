// The scenario's fault plan for the merchant's production interface: windows when an endpoint is down, and
// error rates as integer ratios drawn from the run's `faults` stream (REN-3, INT-1, INT-2).
import { z } from 'zod';
import type { MerchantEndpoint } from '../../machines/contracts.js';
import type { Rng } from '../rng.js';
import { parseTime } from '../../machines/time.js';
import { timeText } from '../../machines/timeSchema.js';

export const MERCHANT_ENDPOINTS = [
  'orderNotify',
  'createInstance',
  'updateInstance',
  'expireInstance',
  'freezeInstance',
  'releaseInstance',
  'tenantSync',
  'departmentSync',
] as const satisfies readonly MerchantEndpoint[];

const time = timeText;

/** One fault rule; `merchant` and `endpoint` narrow it (absent = every merchant / endpoint). */
export const faultSchema = z
  .object({
    merchant: z.string().optional().describe('merchant id; absent = all merchants'),
    endpoint: z.enum(MERCHANT_ENDPOINTS).optional().describe('endpoint; absent = all endpoints'),
    down: z
      .object({ from: time, to: time })
      .strict()
      .optional()
      .describe('every call in [from, to) fails (endpoint down)'),
    errorRate: z
      .object({ numerator: z.int().min(0), denominator: z.int().positive() })
      .strict()
      .refine((r) => r.numerator <= r.denominator, 'a probability cannot exceed 1')
      .optional()
      .describe('each call fails with this probability, drawn from the seed (integer ratio)'),
  })
  .strict()
  .refine((fault) => fault.down !== undefined || fault.errorRate !== undefined, 'a fault needs `down` or `errorRate`');

export const faultsSchema = z.array(faultSchema).default([]).describe('merchant-interface fault plan (README: Faults)');
export type FaultEntry = z.output<typeof faultSchema>;

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
