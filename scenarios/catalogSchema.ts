// Zod schemas for a scenario's merchants, products and buyers; they parse into machines/catalog.ts shapes.
import { z } from 'zod';
import { MERCHANT_ENDPOINTS } from '../machines/contracts.js';
import { CHARGING_MODES, DELIVERY_TYPES, LICENSE_MODES, PERIOD_UNITS, PRODUCT_CLASSES } from '../machines/domain.js';

/** Ids name output folders (a scenario's `out/<name>`) and file rows: short enough for any file system. */
export const MAX_ID_LENGTH = 64;
export const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'ids use letters, digits, ".", "_" and "-"')
  .max(MAX_ID_LENGTH);

/**
 * ¥100,000,000 per unit: the dearest price, coupon or refund a scenario may state. Bounding each amount lets the
 * loader prove up front that every total a run can add stays a safe integer (scenarios/bounds.ts).
 */
export const MAX_PRICE_FEN = 10_000_000_000;
export const fen = z.int().nonnegative().max(MAX_PRICE_FEN).describe('an amount in integer fen (0.01 CNY)');

/** Periods bought at once: ten years of months. */
export const MAX_PERIODS = 120;
export const periodsCount = z.int().min(1).max(MAX_PERIODS);

/** Names and other one-line texts shown in reports. */
export const MAX_LABEL_LENGTH = 200;
export const label = z.string().max(MAX_LABEL_LENGTH);
/** Longer free texts (descriptions, usage guides). */
export const prose = z.string().max(10_000);

const supportInfoSchema = z
  .object({ serviceTime: label, serviceContent: prose, hotline: label, email: label })
  .partial()
  .strict();

const px = z.int().min(1).max(100_000);
const logoSchema = z
  .object({
    widthPx: px,
    heightPx: px,
    background: label,
    markWidthPx: px,
    markHeightPx: px,
    markCentred: z.boolean(),
  })
  .strict();

/** The publish form (PUB-9). */
export const listingSchema = z
  .object({
    name: label.optional().describe('defaults to the product name'),
    supportInfo: supportInfoSchema.default({}),
    usageGuide: z
      .object({ text: prose.optional(), ports: z.array(z.int().min(1).max(65535)).optional(), login: label.optional() })
      .strict()
      .optional(),
    copyrightCertificate: z.object({ name: label }).strict().optional(),
    deliverySla: label.optional().describe('PUB-11: delivery SLA (交付SLA), required for License products on koogallery'),
    logo: logoSchema.optional(),
  })
  .strict();

/** Edits to the form (editDraft, submitChange). */
export const listingPatchSchema = z
  .object({
    name: label,
    supportInfo: supportInfoSchema,
    usageGuide: listingSchema.shape.usageGuide.unwrap(),
    copyrightCertificate: z.object({ name: label }).strict(),
    deliverySla: label,
    logo: logoSchema,
  })
  .partial()
  .strict();

export const specSchema = z
  .object({
    id,
    name: label.optional(),
    priceFen: fen,
    period: z.enum(PERIOD_UNITS).optional().describe('prepaid period unit; required for period products'),
    hidden: z.boolean().optional(),
  })
  .strict();

export const packageSchema = z.object({ id, name: label, priceFen: fen }).strict();

export const merchantSchema = z
  .object({
    id,
    name: label.optional().describe('a seeded fake name when absent'),
    jointOperationMember: z.boolean().default(false).describe('PUB-10: joined the joint-operation plan'),
    eInvoiceByDefault: z.boolean().optional().describe('ORD-14: issues an electronic invoice as soon as the buyer applies'),
    subUsers: z
      .array(z.object({ id, permissions: z.array(label).default([]) }).strict())
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
    name: label.min(1),
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
    softwareDevelopmentCloud: z
      .boolean()
      .optional()
      .describe('ORD-13: a software-development-cloud (软开云) product; its failed resources are not unsubscribed automatically'),
  })
  .strict();

/** An account balance (may be negative for cash): a thousand of the dearest units either way. */
const balance = z.int().min(-1_000 * MAX_PRICE_FEN).max(1_000 * MAX_PRICE_FEN);

export const buyerSchema = z
  .object({
    id,
    name: label.optional().describe('a seeded fake name when absent'),
    phone: label.optional().describe('a seeded fake phone number when absent'),
    enablementCloud: z.boolean().optional(),
    // ORD-7 wallet: what a purchase can draw on; the defaults keep scenarios without money details buying.
    balanceCashFen: balance.optional().describe('ORD-7 account balance, cash part, fen (default ¥1,000,000, assumption)'),
    balanceCreditFen: balance.min(0).optional().describe('ORD-7 account balance, credit part, fen (default 0)'),
    coupons: z.array(z.object({ id, amountFen: fen }).strict()).optional().describe('ORD-7 coupons (优惠券), at most one per order'),
    cashCoupons: z
      .array(z.object({ id, amountFen: fen }).strict())
      .optional()
      .describe('ORD-7 cash coupons / stored-value cards, drawn in this order'),
    exclusiveDiscounts: z
      .array(
        z
          .object({ id, product: id, name: label, discountBasisPoints: z.int().min(0).max(10_000) })
          .strict(),
      )
      .optional()
      .describe('ORD-11 exclusive discounts (专属优惠) designated to this buyer, bought through their private link'),
  })
  .strict();

export type MerchantEntry = z.output<typeof merchantSchema>;
export type ProductEntry = z.output<typeof productSchema>;
export type BuyerEntry = z.output<typeof buyerSchema>;
