// Every number and switch the rulebook uses, each tagged with the rule ID it comes from (../shared/RULES.md),
// and the two platform profiles. Machines read these from their context; scenarios override them by name.
import ms from 'ms';
import { z } from 'zod';
import { parseTime } from './time.js';
import {
  CHARGING_MODES,
  DELIVERY_TYPES,
  PERIOD_UNITS,
  PLATFORMS,
  PRODUCT_CLASSES,
  type Platform,
} from './domain.js';

/** Metadata every parameter carries: the rule it implements and what it means. */
export interface ParamMeta {
  readonly rule: string;
  readonly doc: string;
  /** True when the value is our choice, not the sources' (RULES.md marks these *assumption*). */
  readonly assumption?: boolean;
}

const metaOf = new Map<string, ParamMeta>();
/** Tags a parameter's schema with its rule ID; the description is what the JSON Schema and `paramMeta` read. */
function param<S extends z.ZodType>(rule: string, doc: string, schema: S, assumption = false): S {
  return schema.describe(`${rule}: ${doc}${assumption ? ' (assumption)' : ''}`);
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/**
 * The longest duration anything takes. With scenario periods bounded too (scenarios/schema.ts) it keeps every
 * timer inside the years the clock formats, and every sum of durations far inside the safe-integer range.
 */
export const MAX_DURATION_MS = 10 * 366 * DAY;

/**
 * A duration in milliseconds within [min, max], given either as an integer or as a string like "10d", "3h", "90m".
 * Zero-length intervals that something repeats at (a billing unit, a retry pause) have a positive `min`: a timer
 * re-armed at the same instant forever never lets the clock move.
 */
export function boundedDuration(min: number, max: number = MAX_DURATION_MS) {
  return z.union([z.number(), z.string()]).transform((given, ctx) => {
    const value = typeof given === 'number' ? given : ms(given as ms.StringValue);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      ctx.addIssue({ code: 'custom', message: `not a duration: ${JSON.stringify(given)} (use whole milliseconds or e.g. "1h", "10d")` });
      return z.NEVER;
    }
    if (value < min || value > max) {
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(given)} is outside ${durationText(min)} … ${durationText(max)}` });
      return z.NEVER;
    }
    return value;
  });
}

function durationText(value: number): string {
  return value === 0 ? '0' : ms(value, { long: false });
}

/** Any duration from 0 to MAX_DURATION_MS. */
export const durationMs = boundedDuration(0);

/** Attempts of one SaaS expiry call the retry window may hold (REN-3: the defaults make 12). */
const MAX_EXPIRY_RETRIES = 1_000;

/** A year of business days: the longest delisting review the calendar is asked to count. */
export const MAX_REVIEW_BUSINESS_DAYS = 260;

/** A duration that paces a repeating timer: 0 would repeat it forever at one instant, so it must be positive. */
const positiveDurationMs = durationMs.refine((value) => value > 0, { message: 'must be longer than 0 (a repeating timer)' });

const deliveryTypes = z.array(z.enum(DELIVERY_TYPES));
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((text) => parseTime(text) !== undefined, 'not a calendar date');

/** Business-day calendar for review windows (DEL-3), in UTC+8 dates. */
export const businessCalendarSchema = z
  .object({
    // Seven weekend days would leave no business day to count, and a review would never end.
    weekendDays: z
      .array(z.int().min(0).max(6))
      .refine((days) => new Set(days).size < 7, 'at least one weekday must be a working day')
      .describe('0 = Sunday … 6 = Saturday'),
    holidays: z.array(isoDate).describe('public holidays (days off)'),
    workdays: z.array(isoDate).describe('adjusted working weekend days (调休上班)'),
  })
  .strict();
export type BusinessCalendar = z.infer<typeof businessCalendarSchema>;

const businessDays = z.int().min(0).max(MAX_REVIEW_BUSINESS_DAYS);

const shape = {
  // PUB — publishing and review
  withdrawableDeliveryTypes: param('PUB-3', 'delivery types whose pending application can be withdrawn', deliveryTypes),
  operatorListedDeliveryTypes: param('PUB-5', 'delivery types only an operator can list after approval', deliveryTypes),
  listedVersionStaysOnSale: param('PUB-6', 'a listed product stays on sale while its change is under review', z.boolean(), true),
  reviewNotificationChannels: param(
    'PUB-7',
    'channels a review result is notified on',
    z.array(z.enum(['inSite', 'applicationList', 'email', 'phone'])),
  ),
  packageDeliveryTypes: param('PUB-8', 'delivery types that sell packages (套餐包)', deliveryTypes),
  submissionChecks: param('PUB-9', 'refuse submissions that miss support info, guide, certificate or logo spec', z.boolean()),
  supportInfoItems: param(
    'PUB-9',
    'service-support items a submission must hold',
    z.array(z.enum(['serviceTime', 'serviceContent', 'hotline', 'email'])),
  ),
  softwareDeliveryTypes: param('PUB-9', 'delivery types that need a software-copyright certificate', deliveryTypes, true),
  logoSizePx: param('PUB-9', 'logo width and height in px', z.int().min(1).max(100_000)),
  logoMarkSizePx: param('PUB-9', 'logo mark width and height in px, centred', z.int().min(1).max(100_000)),
  logoBackground: param('PUB-9', 'logo background colour', z.string()),
  jointOperationPermission: param('PUB-10', 'sub-user permission that allows publishing joint-operation products', z.string()),

  // HIDE — hiding
  hiddenPurchasableByUrl: param('HIDE-2', 'a hidden listed product can still be bought through its URL (tencent: HIDE-3, no)', z.boolean()),

  // DEL — delisting
  delistFlow: param('DEL-1', '"discontinue": immediate, irreversible 已停售 (koogallery); "review": request + platform review (tencent, DEL-3)', z.enum(['discontinue', 'review'])),
  sellerDelistableClasses: param('DEL-1', 'product classes a seller may delist', z.array(z.enum(PRODUCT_CLASSES))),
  operatorOnlyDelistDeliveryTypes: param('DEL-2', 'delivery types only marketplace staff can delist', deliveryTypes),
  delistReviewBusinessDaysMin: param('DEL-3', 'shortest delisting review, business days', businessDays),
  delistReviewBusinessDaysMax: param('DEL-3', 'longest delisting review, business days', businessDays),
  delistReasonMinChars: param('DEL-3', 'a delisting reason shorter than this is "vague" and rejected', z.int().min(0).max(10_000), true),
  businessCalendar: param('DEL-3', 'business-day calendar (weekends, holidays, adjusted workdays), UTC+8', businessCalendarSchema, true),
  renewalAfterDelisting: param('DEL-5', 'renewal, upgrade or new instance accepted after delisting', z.boolean()),

  // ORD — orders and billing
  periodUnits: param('ORD-2', 'period units a prepaid order may use (a spec of another unit is not sold)', z.array(z.enum(PERIOD_UNITS))),
  chargingModes: param('ORD-2', 'charging modes sold (a product of another mode is not sold)', z.array(z.enum(CHARGING_MODES))),
  paymentSourceOrder: param(
    'ORD-7',
    'order in which payment sources pay what the discount leaves (the discount always comes first and is no source)',
    z.array(z.enum(['coupon', 'cashCoupons', 'balanceCash', 'balanceCredit'])),
  ),
  couponsPerOrderMax: param('ORD-7', 'coupons (优惠券) one order may use', z.int().min(0).max(100)),
  monthlySettlementForbiddenDeliveryTypes: param('ORD-7', 'delivery types that cannot pay by monthly settlement (月末结算)', deliveryTypes),
  billingHourMs: param('ORD-8', 'billing unit of hourly products, also the window in which a swapped-in image is charged again; a part unit counts whole', boundedDuration(MINUTE, DAY)),
  autoUnsubscribeFailedResources: param('ORD-10', 'resources that fail to be created are unsubscribed automatically', z.boolean()),
  eInvoiceChannels: param('ORD-14', 'how a default electronic invoice reaches the buyer', z.array(z.enum(['sms', 'email']))),

  // REF — refunds
  noReasonRefundWindowMs: param('REF-1', 'no-reason refund window after purchase (五天无理由); 0 disables it', durationMs),
  noReasonRefundDeliveryTypes: param('REF-1', 'delivery types eligible for no-reason refunds (prepaid only)', deliveryTypes),
  noReasonRefundExcludedFromSettlement: param('REF-2', 'no-reason refunds and their re-orders are left out of settlement', z.boolean()),
  exceptionRefundReasons: param(
    'REF-3',
    'reasons operations may enter for a refund after the no-reason window',
    z.array(z.string()),
  ),
  notYetEffectiveRefundNets: param('REF-4', 'refund of a not-yet-effective order keeps both orders on the statement, netting to 0', z.boolean()),
  noReasonReorderWindowMs: param('REF-2', 'a purchase of the same product by the same buyer this soon after a no-reason refund is its re-order', durationMs, true),

  // SUP — service supervision
  supervisedDeliveryTypes: param('SUP-10', 'delivery types under service supervision (settled only once completed)', deliveryTypes),
  licenseAuthCodeNewFlowFrom: param(
    'SUP-4',
    'orders placed at or after this instant take the new authorisation-code flow',
    z.string().refine((text) => parseTime(text) !== undefined, 'expected a time like "2024-09-14T00:00:00+08:00"'),
    true,
  ),
  hardwareAutoAcceptDelayMs: param('SUP-5', 'automatic acceptance after the courier sign-off', durationMs),
  appOrchestrationCompletionDelayMs: param('SUP-7', '处理中 → 已完成 after the buyer accepts', durationMs),
  refundClosesSupervision: param('SUP-10', 'refunding an order closes its open service order (no acceptance, automatic or not, afterwards)', z.boolean(), true),

  // REN — renewal, expiry and instances
  autoRenewChargingModes: param('REN-1', 'charging modes that may auto-renew (包周期 only)', z.array(z.enum(CHARGING_MODES))),
  autoRenewDeliveryTypes: param('REN-1', 'delivery types whose period products may auto-renew (the seed lists SaaS and image, then breaks off)', deliveryTypes, true),
  autoRenewLeadMs: param('REN-1', 'how long before expiry an auto-renewal is placed', boundedDuration(0, 366 * DAY), true),
  expiringNoticeLeadMs: param('REN-2', 'how long before expiry an instance counts as expiring', boundedDuration(0, 366 * DAY), true),
  frozenRetentionMs: param('REN-2', 'how long a frozen instance is kept before its resources are released', durationMs, true),
  productExpiredRetryWindowMs: param('REN-3', 'a failed 商品过期 (product expired) call is repeated for this long, then stops', boundedDuration(0, 30 * DAY)),
  productExpiredRetryIntervalMs: param('REN-3', 'pause between two attempts of a failed 商品过期 call (the seed gives none)', boundedDuration(SECOND, DAY), true),
  licenseExpiryAttempts: param('REN-3', 'attempts of a License过期 (License expired) call', z.int().min(1).max(1_000)),
  licenseExpiredDeliveryTypes: param('REN-3', 'delivery types whose expiry call is License过期; every other type uses 商品过期', deliveryTypes, true),
  trialPeriodMs: param('REN-5', 'length of a free trial instance before it is converted to paid', boundedDuration(MINUTE), true),

  // INT — merchant interface
  interfaceFailureEmailTo: param(
    'INT-3',
    'who gets the failure e-mail when an instance-status call fails',
    z.array(z.enum(['customerServiceEmail', 'accountEmail'])),
  ),

  // ORG — enterprise management
  passwordResetMinIntervalMs: param('ORG-3', 'shortest gap between two password resets by an admin', durationMs),
  passwordResetsPerHour: param('ORG-3', 'password resets an admin may do in any hour', z.int().min(0).max(100_000)),
  passwordResetsPerDay: param('ORG-3', 'password resets an admin may do in any day', z.int().min(0).max(100_000)),

  // STL — settlement
  settlementUtcOffsetMinutes: param('STL-1', 'time zone of month boundaries, minutes east of UTC (CST = 480)', z.int().min(-12 * 60).max(14 * 60), true),
  settlementLagMonths: param('SUP-10', 'a supervised order completed in month M is billed in M + this', z.int().min(0).max(24)),
  commissionBasisPoints: param(
    'STL-6',
    'platform commission per delivery type, in basis points of gross (sources give none: default 0)',
    z.partialRecord(z.enum(DELIVERY_TYPES), z.int().min(0).max(10_000)),
    true,
  ),

  // Product, publishing, delisting and supervision notices (kept together: PUB-11, PUB-12, HIDE-1, DEL-6, DEL-7,
  // STL-5, INT-1, SUP-12).
  deliverySlaDeliveryTypes: param('PUB-11', 'delivery types whose submission must carry a delivery SLA (交付SLA)', deliveryTypes),
  merchantNotices: param('PUB-12', 'the merchant gets notices (产品创建开通通知(101), 产品信息变更通知) for sale-status changes, operator edits, purchases and supervision messages (SUP-12)', z.boolean()),
  supervisionNoticeDeliveryTypes: param('SUP-12', 'delivery types whose supervision messages notify the merchant (site-building products are flagged on the product)', deliveryTypes),
  hideListedByModification: param('HIDE-1', 'hiding or unhiding a listed product or spec is a modification application that takes effect on approval (tencent HIDE-3: at once)', z.boolean()),
  delistNoticeRequired: param('DEL-6', 'a delisting request must come after a valid notice to every existing buyer', z.boolean()),
  delistNoticeMinChannels: param('DEL-6', 'channels (站内信, 邮件, 公告…) the buyer notice must go out on: "more than one"', z.int().min(1)),
  delistNoticePeriodMs: param('DEL-7', 'the buyer notice precedes the delisting\'s effective time by at least this (通知期限; the seed gives none)', durationMs, true),
  reconcileBeforeDelisting: param('STL-5', 'a whole product is delisted only after the seller reconciled and confirmed every pending settlement of it', z.boolean()),
  interfaceTestDeliveryTypes: param('INT-1', 'delivery types whose products carry saved interface test cases (the merchant\'s production interface)', deliveryTypes, true),
  interfaceTestReplayPeriodMs: param('INT-1', 'the platform replays saved interface test cases this often while a product is listed; 0: never (the seed says only "定期")', durationMs, true),
} as const;

export const rulesParamsSchema = z.object(shape).strict();
/** Rules parameters after parsing: durations are integer milliseconds. */
export type RulesParams = z.output<typeof rulesParamsSchema>;
export type RulesParamName = keyof RulesParams;
/** What a scenario may write under `rules:`: any subset, durations as numbers or strings. */
export const rulesOverridesSchema = rulesParamsSchema.partial().strict();
export type RulesOverrides = z.input<typeof rulesOverridesSchema>;

/** The rule ID and doc of one parameter (for the TUI, README and error messages). */
export function paramMeta(name: RulesParamName): ParamMeta {
  const cached = metaOf.get(name);
  if (cached) return cached;
  const description = shape[name].description ?? '';
  const match = /^([A-Z]+-\d+): (.*?)( \(assumption\))?$/.exec(description);
  const meta: ParamMeta = match
    ? { rule: match[1]!, doc: match[2]!, ...(match[3] ? { assumption: true } : {}) }
    : { rule: '?', doc: description };
  metaOf.set(name, meta);
  return meta;
}

export const RULES_PARAM_NAMES = Object.keys(shape) as RulesParamName[];

const day = 24 * 60 * 60 * 1000;
const hour = 60 * 60 * 1000;
const minute = 60 * 1000;

// 2024–2026 mainland China public holidays and adjusted working days (国务院办公厅 notices).
const CHINA_CALENDAR: BusinessCalendar = {
  weekendDays: [0, 6],
  holidays: [
    '2024-01-01', '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13', '2024-02-14', '2024-02-15',
    '2024-02-16', '2024-02-17', '2024-04-04', '2024-04-05', '2024-04-06', '2024-05-01', '2024-05-02',
    '2024-05-03', '2024-05-04', '2024-05-05', '2024-06-10', '2024-09-15', '2024-09-16', '2024-09-17',
    '2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-05', '2024-10-06', '2024-10-07',
    '2025-01-01', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02',
    '2025-02-03', '2025-02-04', '2025-04-04', '2025-04-05', '2025-04-06', '2025-05-01', '2025-05-02',
    '2025-05-03', '2025-05-04', '2025-05-05', '2025-05-31', '2025-06-01', '2025-06-02', '2025-10-01',
    '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08',
  ],
  workdays: [
    '2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29',
    '2024-10-12', '2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11',
  ],
};

/** Defaults shared by both platforms; profiles below override what differs. */
const COMMON: RulesParams = {
  withdrawableDeliveryTypes: ['license', 'manualService', 'hardware', 'image', 'saas', 'api'],
  operatorListedDeliveryTypes: ['image'],
  listedVersionStaysOnSale: true,
  reviewNotificationChannels: ['inSite', 'applicationList', 'email', 'phone'],
  packageDeliveryTypes: ['apiGateway', 'agentsGateway'],
  submissionChecks: true,
  supportInfoItems: ['serviceTime', 'serviceContent', 'hotline', 'email'],
  softwareDeliveryTypes: ['saas', 'license', 'image', 'api', 'container', 'appOrchestration'],
  logoSizePx: 240,
  logoMarkSizePx: 168,
  logoBackground: '#FFFFFF',
  jointOperationPermission: 'publishJointOperation',
  hiddenPurchasableByUrl: true,
  delistFlow: 'discontinue',
  sellerDelistableClasses: ['general', 'jointOperation'],
  operatorOnlyDelistDeliveryTypes: [],
  delistReviewBusinessDaysMin: 1,
  delistReviewBusinessDaysMax: 3,
  delistReasonMinChars: 10,
  businessCalendar: CHINA_CALENDAR,
  renewalAfterDelisting: false,
  periodUnits: ['month', 'year'],
  chargingModes: ['period', 'hourly', 'perUse'],
  paymentSourceOrder: ['coupon', 'cashCoupons', 'balanceCash', 'balanceCredit'],
  couponsPerOrderMax: 1,
  monthlySettlementForbiddenDeliveryTypes: ['hardware'],
  billingHourMs: hour,
  autoUnsubscribeFailedResources: true,
  eInvoiceChannels: ['sms', 'email'],
  noReasonRefundWindowMs: 0,
  noReasonRefundDeliveryTypes: [],
  noReasonRefundExcludedFromSettlement: false,
  exceptionRefundReasons: [
    'sellerLateService', // 服务商未按时提供服务
    'notAsDescribed', // 商品与描述不符
    'cannotDeliver', // 服务商无法交付
    'sellerClosed', // 服务商破产或倒闭
    'sellerUnreachable', // 无法联系服务商
    'serviceNotStarted', // 用户终止未开始的服务
    'otherFullRefund', // 其他全额退款情形
  ],
  notYetEffectiveRefundNets: false,
  noReasonReorderWindowMs: 30 * day,
  supervisedDeliveryTypes: ['manualService', 'saas', 'license', 'hardware', 'dataFile', 'appOrchestration', 'consulting'],
  licenseAuthCodeNewFlowFrom: '2024-09-14T00:00:00+08:00',
  hardwareAutoAcceptDelayMs: 10 * day,
  appOrchestrationCompletionDelayMs: 3 * hour,
  refundClosesSupervision: true,
  autoRenewChargingModes: ['period'],
  autoRenewDeliveryTypes: ['saas', 'image'],
  autoRenewLeadMs: 7 * day,
  expiringNoticeLeadMs: 7 * day,
  frozenRetentionMs: 15 * day,
  productExpiredRetryWindowMs: hour,
  productExpiredRetryIntervalMs: 5 * minute,
  licenseExpiryAttempts: 1,
  licenseExpiredDeliveryTypes: ['license'],
  trialPeriodMs: 7 * day,
  interfaceFailureEmailTo: ['customerServiceEmail', 'accountEmail'],
  passwordResetMinIntervalMs: 3 * minute,
  passwordResetsPerHour: 15,
  passwordResetsPerDay: 60,
  settlementUtcOffsetMinutes: 480,
  settlementLagMonths: 1,
  commissionBasisPoints: {},
  // Product, publishing, delisting and supervision notices.
  deliverySlaDeliveryTypes: [],
  merchantNotices: false,
  supervisionNoticeDeliveryTypes: [],
  hideListedByModification: false,
  delistNoticeRequired: false,
  delistNoticeMinChannels: 2,
  delistNoticePeriodMs: 0,
  reconcileBeforeDelisting: true,
  interfaceTestDeliveryTypes: ['saas', 'api'],
  interfaceTestReplayPeriodMs: 30 * day,
};

/** Platform profiles: KooGallery (华为云云商店) and Tencent Cloud Marketplace (腾讯云云市场). */
export const PROFILES: Readonly<Record<Platform, RulesParams>> = {
  koogallery: {
    ...COMMON,
    hiddenPurchasableByUrl: true, // HIDE-2
    delistFlow: 'discontinue', // DEL-1
    sellerDelistableClasses: ['general', 'jointOperation'], // DEL-1
    notYetEffectiveRefundNets: true, // REF-4
    deliverySlaDeliveryTypes: ['license'], // PUB-11
    merchantNotices: true, // PUB-12, SUP-12
    supervisionNoticeDeliveryTypes: ['hardware'], // SUP-12
    hideListedByModification: true, // HIDE-1
  },
  tencent: {
    ...COMMON,
    hiddenPurchasableByUrl: false, // HIDE-3: temporary delisting stops new purchases
    delistFlow: 'review', // DEL-3
    sellerDelistableClasses: ['general', 'jointOperation', 'other'],
    operatorOnlyDelistDeliveryTypes: ['image'], // DEL-2
    noReasonRefundWindowMs: 5 * day, // REF-1
    noReasonRefundDeliveryTypes: ['image'], // REF-1
    noReasonRefundExcludedFromSettlement: true, // REF-2
    delistNoticeRequired: true, // DEL-6
  },
};

export const DEFAULT_PLATFORM: Platform = 'koogallery';
export const platformSchema = z.enum(PLATFORMS);

export interface RulesIssue {
  /** Path inside the overrides, e.g. ["hardwareAutoAcceptDelayMs"]. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** A profile's parameters with overrides applied, or (as `error`) the list of what is wrong with the overrides. */
export function resolveRules(
  platform: Platform,
  overrides: unknown,
): { ok: true; params: RulesParams } | { ok: false; error: RulesIssue[] } {
  const parsed = rulesOverridesSchema.safeParse(overrides ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: parsed.error.issues.map((issue) => ({
        path: issue.code === 'unrecognized_keys' ? [...issue.path.map(pathKey), ...issue.keys] : issue.path.map(pathKey),
        message: issue.code === 'unrecognized_keys' ? 'unknown rules parameter' : issue.message,
      })),
    };
  }
  const params = { ...PROFILES[platform], ...stripUndefined(parsed.data) } as RulesParams;
  if (params.delistReviewBusinessDaysMin > params.delistReviewBusinessDaysMax) {
    return { ok: false, error: [{ path: ['delistReviewBusinessDaysMin'], message: 'must not exceed delistReviewBusinessDaysMax' }] };
  }
  // Every attempt is a logged call: a window of thousands of intervals floods the log while a merchant is down.
  if (params.productExpiredRetryWindowMs > params.productExpiredRetryIntervalMs * MAX_EXPIRY_RETRIES) {
    return {
      ok: false,
      error: [{ path: ['productExpiredRetryIntervalMs'], message: `productExpiredRetryWindowMs allows more than ${MAX_EXPIRY_RETRIES} attempts at this interval` }],
    };
  }
  return { ok: true, params };
}

function pathKey(key: PropertyKey): string | number {
  return typeof key === 'number' ? key : String(key);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Parses a `--set key=value` string: JSON when it parses, else the raw string (so "10d" and "review" work). */
export function parseSetOption(text: string): { ok: true; key: string; value: unknown } | { ok: false; error: string } {
  const eq = text.indexOf('=');
  if (eq <= 0) return { ok: false, error: `--set expects key=value, got "${text}"` };
  const key = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1);
  try {
    return { ok: true, key, value: JSON.parse(raw) };
  } catch {
    return { ok: true, key, value: raw };
  }
}

export const MS = { day, hour, minute } as const;
