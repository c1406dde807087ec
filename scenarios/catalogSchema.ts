// Zod schemas for a scenario's merchants, products and buyers; they parse into machines/catalog.ts shapes.
import { z } from 'zod';
import { MERCHANT_ENDPOINTS } from '../machines/contracts.js';
import { CHARGING_MODES, DELIVERY_TYPES, LICENSE_MODES, PERIOD_UNITS, PRODUCT_CLASSES } from '../machines/domain.js';

export const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'ids use letters, digits, ".", "_" and "-"');
export const fen = z.int().nonnegative().describe('an amount in integer fen (0.01 CNY)');

const supportInfoSchema = z
  .object({ serviceTime: z.string(), serviceContent: z.string(), hotline: z.string(), email: z.string() })
  .partial()
  .strict();

const logoSchema = z
  .object({
    widthPx: z.int().positive(),
    heightPx: z.int().positive(),
    background: z.string(),
    markWidthPx: z.int().positive(),
    markHeightPx: z.int().positive(),
    markCentred: z.boolean(),
  })
  .strict();

/** The publish form (PUB-9). */
export const listingSchema = z
  .object({
    name: z.string().optional().describe('defaults to the product name'),
    supportInfo: supportInfoSchema.default({}),
    usageGuide: z
      .object({ text: z.string().optional(), ports: z.array(z.int().min(1).max(65535)).optional(), login: z.string().optional() })
      .strict()
      .optional(),
    copyrightCertificate: z.object({ name: z.string() }).strict().optional(),
    deliverySla: z.string().optional().describe('PUB-11: delivery SLA (交付SLA), required for License products on koogallery'),
    logo: logoSchema.optional(),
  })
  .strict();

/** Edits to the form (editDraft, submitChange). */
export const listingPatchSchema = z
  .object({
    name: z.string(),
    supportInfo: supportInfoSchema,
    usageGuide: listingSchema.shape.usageGuide.unwrap(),
    copyrightCertificate: z.object({ name: z.string() }).strict(),
    deliverySla: z.string(),
    logo: logoSchema,
  })
  .partial()
  .strict();

export const specSchema = z
  .object({
    id,
    name: z.string().optional(),
    priceFen: fen,
    period: z.enum(PERIOD_UNITS).optional().describe('prepaid period unit; required for period products'),
    hidden: z.boolean().optional(),
  })
  .strict();

export const packageSchema = z.object({ id, name: z.string(), priceFen: fen }).strict();

export const merchantSchema = z
  .object({
    id,
    name: z.string().optional().describe('a seeded fake name when absent'),
    jointOperationMember: z.boolean().default(false).describe('PUB-10: joined the joint-operation plan'),
    subUsers: z
      .array(z.object({ id, permissions: z.array(z.string()).default([]) }).strict())
      .default([]),
    nonIdempotentEndpoints: z
      .array(z.enum(MERCHANT_ENDPOINTS))
      .optional()
      .describe('INT-1: endpoints of this merchant\'s interface that do the work again on a repeated call (the saved test cases\' replay finds them)'),
  })
  .strict();

export const productSchema = z
  .object({
    id,
    merchant: id,
    name: z.string().min(1),
    deliveryType: z.enum(DELIVERY_TYPES),
    chargingMode: z.enum(CHARGING_MODES).default('period'),
    productClass: z.enum(PRODUCT_CLASSES).default('general'),
    hidden: z.boolean().default(false),
    specs: z.array(specSchema).min(1),
    packages: z.array(packageSchema).default([]),
    listing: listingSchema.optional().describe('the publish form; absent = a complete, valid form'),
    licenseMode: z.enum(LICENSE_MODES).optional(),
    enablementCloud: z.boolean().optional(),
    siteBuilding: z.boolean().optional().describe('SUP-12: a site-building (建站类) product; its supervision messages notify the merchant'),
  })
  .strict();

export const buyerSchema = z
  .object({
    id,
    name: z.string().optional().describe('a seeded fake name when absent'),
    phone: z.string().optional().describe('a seeded fake phone number when absent'),
    enablementCloud: z.boolean().optional(),
    // ORD-7 wallet: what a purchase can draw on; the defaults keep scenarios without money details buying.
    balanceCashFen: z.int().optional().describe('ORD-7 account balance, cash part, fen (default ¥1,000,000, assumption)'),
    balanceCreditFen: z.int().nonnegative().optional().describe('ORD-7 account balance, credit part, fen (default 0)'),
    coupons: z.array(z.object({ id, amountFen: fen }).strict()).optional().describe('ORD-7 coupons (优惠券), at most one per order'),
    cashCoupons: z
      .array(z.object({ id, amountFen: fen }).strict())
      .optional()
      .describe('ORD-7 cash coupons / stored-value cards, drawn in this order'),
    exclusiveDiscounts: z
      .array(
        z
          .object({ id, product: id, name: z.string(), discountBasisPoints: z.int().min(0).max(10_000) })
          .strict(),
      )
      .optional()
      .describe('ORD-11 exclusive discounts (专属优惠) designated to this buyer, bought through their private link'),
  })
  .strict();

export type MerchantEntry = z.output<typeof merchantSchema>;
export type ProductEntry = z.output<typeof productSchema>;
export type BuyerEntry = z.output<typeof buyerSchema>;
