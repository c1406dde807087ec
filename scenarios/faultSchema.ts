// The scenario's fault plan for the merchant's production interface, as a file gives it: windows when an endpoint is
// down, and error rates as integer ratios (REN-3, INT-1, INT-2). sim/merchant/faults.ts applies it to calls.
import { z } from 'zod';
import { MERCHANT_ENDPOINTS } from '../machines/contracts.js';
import { timeText } from '../machines/timeSchema.js';

export { MERCHANT_ENDPOINTS };

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
