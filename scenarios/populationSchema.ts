// The `population:` section of a scenario: how many merchants, products, buyers and orders to generate and
// how the simulated people behave, as integer ratios (never floats, so runs replay on any machine).
import { z } from 'zod';
import { DELIVERY_TYPES } from '../machines/domain.js';
import { boundedDuration, MS } from '../machines/rules.js';
import { MAX_PRICE_FEN } from './catalogSchema.js';

/** `{ numerator, denominator }` or the shorthand "1/20". */
export const ratioSchema = z
  .union([
    z.object({ numerator: z.int().min(0), denominator: z.int().min(1) }).strict(),
    z.string().regex(/^\d+\/[1-9]\d*$/, 'expected a ratio like "1/20"'),
  ])
  .transform((value) => {
    if (typeof value !== 'string') return value;
    const [numerator, denominator] = value.split('/').map(Number) as [number, number];
    return { numerator, denominator };
  })
  .refine((r) => r.numerator <= r.denominator, 'a probability cannot exceed 1');

const range = (max: number) =>
  z
    .object({ min: z.int().min(0).max(max), max: z.int().min(0).max(max) })
    .strict()
    .refine((r) => r.min <= r.max, 'min must not exceed max');

/**
 * Sizes a run can hold and finish (docs/input-bounds.md). A marketplace year of a million orders is what analysts
 * run (the default mix at that size has 250,000 buyers); a run that long shows its progress and stops cleanly on
 * Ctrl-C, so its length is not a hang. Memory is the real limit and depends on the machine: a run too large for
 * the Node heap it was given is refused before it starts (runs/memory.ts).
 */
export const POPULATION_LIMITS = {
  merchants: 500,
  productsPerMerchant: 10,
  buyers: 250_000,
  /** Orders generated over the scenario's whole period (ordersPerMonth × months). */
  generatedOrders: 1_000_000,
  deliveryWeight: 1_000_000,
} as const;

const ratio = (text: string) => ratioSchema.prefault(text);

export const behaviourSchema = z
  .object({
    noReasonRefund: ratio('1/40').describe('REF-1: a buyer asks for a refund inside the no-reason window'),
    lateRefund: ratio('1/200').describe('REF-3 / REF-4: a refund after the window (exception reason) or of a not-yet-effective order'),
    autoRenew: ratio('1/3').describe('REN-1: a period buyer turns auto-renewal on at purchase'),
    requirementRejection: ratio('1/10').describe('SUP-1: the seller rejects the requirement back once'),
    appeal: ratio('1/50').describe('SUP-8: an appeal is opened during supervision'),
    neverAccepts: ratio('1/20').describe('SUP-5: the buyer never accepts (hardware is then accepted automatically)'),
    phoneMismatch: ratio('1/20').describe('SUP-5: the waybill phone differs from the buyer\'s'),
    openingTimeFilled: ratio('1/2').describe('SUP-9: the seller fills in the actual opening time'),
    diskSwap: ratio('1/10').describe('ORD-8: an hourly image buyer swaps the system disk image within an hour'),
    hideProduct: ratio('1/20').describe('HIDE-1: a seller hides a listed product for a while'),
    delistProduct: ratio('1/50').describe('DEL-1 / DEL-3: a seller delists a product during the run'),
    submissionRejected: ratio('1/10').describe('PUB-4: the first review rejects the product'),
  })
  .strict();

export const populationSchema = z
  .object({
    merchants: z.int().min(1).max(POPULATION_LIMITS.merchants),
    productsPerMerchant: range(POPULATION_LIMITS.productsPerMerchant).default({ min: 1, max: 3 }),
    deliveryMix: z
      .partialRecord(z.enum(DELIVERY_TYPES), z.int().min(0).max(POPULATION_LIMITS.deliveryWeight))
      .default({ saas: 30, license: 15, manualService: 10, hardware: 5, image: 20, dataFile: 5, appOrchestration: 5, api: 10 })
      .refine((mix) => Object.values(mix).some((weight) => (weight ?? 0) > 0), 'at least one delivery type needs a weight above 0')
      .describe('relative weights of delivery types'),
    hourlyShare: ratio('1/4').describe('ORD-2: share of image products sold on demand (hourly)'),
    jointOperationShare: ratio('1/10').describe('PUB-10: share of merchants in the joint-operation plan'),
    // The generator prices a yearly spec at ten months.
    priceFen: range(MAX_PRICE_FEN / 10).default({ min: 1_000, max: 300_000 }).describe('monthly price range of a spec, fen'),
    buyers: z.int().min(1).max(POPULATION_LIMITS.buyers),
    ordersPerMonth: z.int().min(0).max(POPULATION_LIMITS.generatedOrders).describe('new purchases per month across the market'),
    // The generator draws an acceptance between one hour and this.
    acceptanceDelayMs: boundedDuration(MS.hour, 90 * MS.day).prefault('3d').describe('typical time a buyer takes to accept a delivery'),
    merchantOutages: z
      .object({
        share: ratioSchema.prefault('1/10').describe('REN-3, INT-1: share of merchants whose production interface goes down once'),
        maxDurationMs: boundedDuration(0, 30 * MS.day).prefault('6h').describe('longest outage'),
        errorRate: ratioSchema.prefault('0/1').describe('every merchant call fails with this probability'),
      })
      .strict()
      .prefault({})
      .describe('the fault plan drawn from the seed'),
    behaviour: behaviourSchema.prefault({}),
  })
  .strict();

export type PopulationSpec = z.output<typeof populationSchema>;
export type Behaviour = z.output<typeof behaviourSchema>;

/** Months of orders a population generates over [start, end] (at least one): the generator and the size check agree. */
export function populationMonths(start: number, end: number): number {
  return Math.max(1, Math.round((end - start) / (30 * MS.day)));
}
