// One flip per rules parameter: a scenario (built-in, optionally edited, or written here) and a value other than the
// profile's, chosen so that the parameter's rule acts in that scenario. The typed record makes a parameter without a
// flip a type error, so a parameter nobody reads cannot be added unnoticed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RulesParamName } from '../../machines/rules.js';
import { SCENARIOS } from './orderHarness.js';

export interface Flip {
  /** A built-in scenario's name, or the text of one. */
  readonly scenario: string;
  readonly edit?: (text: string) => string;
  readonly value: unknown;
}

const LISTED = `  - { at: 2024-01-02T09:00, event: submit, product: p }
  - { at: 2024-01-02T10:00, event: approve, product: p }
  - { at: 2024-01-02T11:00, event: list, product: p }
`;

/** A small koogallery run of one product of `deliveryType`, its listing, then `timeline`. */
function inline(product: string, timeline: string, extra = ''): string {
  return `name: flip
profile: koogallery
start: 2024-01-01T00:00:00+08:00
end: 2024-03-31T00:00:00+08:00
${extra}merchants: [{ id: m1 }]
products:
  - { id: p, merchant: m1, name: P, ${product}, specs: [{ id: month, priceFen: 1000, period: month }] }
buyers: [{ id: b1 }]
timeline:
${LISTED}${timeline}`;
}

const API_UNSUPERVISED = 'deliveryType: api, chargingMode: period';

/**
 * The product slice's parameters (PUB-11, PUB-12, SUP-12, HIDE-1, DEL-6, DEL-7, STL-5, INT-1) are flipped in
 * test/productRulesParams.test.ts, each with a probe of its own; every other parameter has its flip here.
 */
export const FLIPPED_IN_PRODUCT_TESTS = ['deliverySlaDeliveryTypes', 'merchantNotices', 'supervisionNoticeDeliveryTypes', 'hideListedByModification', 'delistNoticeRequired', 'delistNoticeMinChannels', 'delistNoticePeriodMs', 'reconcileBeforeDelisting', 'interfaceTestDeliveryTypes', 'interfaceTestReplayPeriodMs'] as const;
type FlippedInProductTests = (typeof FLIPPED_IN_PRODUCT_TESTS)[number];

export const FLIPS: Readonly<Record<Exclude<RulesParamName, FlippedInProductTests>, Flip>> = {
  withdrawableDeliveryTypes: { scenario: 'publishing-koogallery', value: [] },
  operatorListedDeliveryTypes: { scenario: 'publishing-koogallery', value: [] },
  listedVersionStaysOnSale: {
    scenario: inline(API_UNSUPERVISED, `  - { at: 2024-01-03T09:00, event: submitChange, product: p }
  - { at: 2024-01-03T10:00, event: purchase, order: o1, buyer: b1, product: p }
`),
    value: false,
  },
  reviewNotificationChannels: { scenario: 'delisting-tencent', value: [] },
  packageDeliveryTypes: { scenario: 'publishing-koogallery', value: [] },
  submissionChecks: { scenario: 'publishing-koogallery', value: false },
  supportInfoItems: { scenario: 'publishing-koogallery', value: [] },
  softwareDeliveryTypes: { scenario: 'publishing-koogallery', value: [] },
  logoSizePx: { scenario: 'publishing-koogallery', value: 720 },
  logoMarkSizePx: { scenario: 'publishing-koogallery', value: 504 },
  logoBackground: { scenario: 'publishing-koogallery', value: '#000000' },
  jointOperationPermission: { scenario: 'publishing-koogallery', value: 'somethingElse' },
  hiddenPurchasableByUrl: { scenario: 'orders-availability', value: false },
  delistFlow: { scenario: 'orders-availability', value: 'review' },
  sellerDelistableClasses: { scenario: 'delisting-tencent', value: [] },
  operatorOnlyDelistDeliveryTypes: { scenario: 'delisting-tencent', value: [] },
  delistReviewBusinessDaysMin: { scenario: 'delisting-tencent', value: 0 },
  delistReviewBusinessDaysMax: { scenario: 'delisting-tencent', value: 9 },
  delistReasonMinChars: { scenario: 'delisting-tencent', value: 30 },
  // Every day a business day: the reviews in the file end sooner (they span a weekend).
  businessCalendar: { scenario: 'delisting-tencent', value: { weekendDays: [], holidays: [], workdays: [] } },
  renewalAfterDelisting: { scenario: 'orders-availability-tencent', value: true },
  periodUnits: { scenario: 'orders-availability-tencent', value: ['year'] },
  chargingModes: { scenario: 'usage-disk-swap', value: ['period'] },
  // b1 with more cash than the order needs: the default draws cash before credit, the flip credit first.
  paymentSourceOrder: {
    scenario: 'orders-availability',
    edit: (t) => t.replace('{ id: b1, balanceCashFen: 1000,', '{ id: b1, balanceCashFen: 100000,').replace(/\n.*o-broke.*\n/, '\n'),
    value: ['coupon', 'cashCoupons', 'balanceCredit', 'balanceCash'],
  },
  couponsPerOrderMax: { scenario: 'orders-availability', value: 0 },
  monthlySettlementForbiddenDeliveryTypes: { scenario: 'orders-availability', value: [] },
  billingHourMs: { scenario: 'usage-disk-swap', value: '3h' },
  autoUnsubscribeFailedResources: {
    scenario: inline(API_UNSUPERVISED, '  - { at: 2024-01-05T10:00, event: purchase, order: o1, buyer: b1, product: p }\n',
      'rules: { supervisedDeliveryTypes: [] }\nfaults: [{ endpoint: createInstance, down: { from: 2024-01-05T10:00, to: 2024-01-05T11:00 } }]\n'),
    value: false,
  },
  eInvoiceChannels: {
    scenario: inline(API_UNSUPERVISED, `  - { at: 2024-01-05T10:00, event: purchase, order: o1, buyer: b1, product: p }
  - { at: 2024-01-06T10:00, event: applyInvoice, order: o1 }
  - { at: 2024-01-07T10:00, event: issueInvoice, order: o1, electronic: true }
`, 'rules: { supervisedDeliveryTypes: [] }\n'),
    value: ['email'],
  },
  noReasonRefundWindowMs: { scenario: 'refunds-five-day-tencent', value: '1d' },
  noReasonRefundDeliveryTypes: { scenario: 'refunds-five-day-tencent', value: [] },
  noReasonRefundExcludedFromSettlement: { scenario: 'refunds-five-day-tencent', value: false },
  exceptionRefundReasons: { scenario: 'refunds-five-day-tencent', value: [] },
  notYetEffectiveRefundNets: { scenario: 'refunds-not-yet-effective-koogallery', value: false },
  noReasonReorderWindowMs: { scenario: 'refunds-five-day-tencent', value: 0 },
  supervisedDeliveryTypes: { scenario: 'orders-availability', value: [] },
  licenseAuthCodeNewFlowFrom: { scenario: 'supervision-license', value: '2099-01-01T00:00:00+08:00' },
  hardwareAutoAcceptDelayMs: { scenario: 'supervision-hardware', value: '5d' },
  appOrchestrationCompletionDelayMs: { scenario: 'supervision-types', value: '1h' },
  refundClosesSupervision: {
    scenario: inline('deliveryType: hardware, chargingMode: perUse', `  - { at: 2024-01-05T10:00, event: purchase, order: o1, buyer: b1, product: p }
  - { at: 2024-01-06T10:00, event: ship, supervision: o1 }
  - { at: 2024-01-07T10:00, event: courierSignedOff, supervision: o1 }
  - { at: 2024-01-08T10:00, event: refund, order: o1, by: operator, reason: notAsDescribed, amountFen: 1000 }
`).replace(', period: month }', ' }'),
    value: false,
  },
  autoRenewChargingModes: { scenario: 'renewal-auto-renew', value: [] },
  autoRenewDeliveryTypes: { scenario: 'renewal-auto-renew', value: ['saas'] },
  autoRenewLeadMs: { scenario: 'renewal-auto-renew', value: '1d' },
  expiringNoticeLeadMs: { scenario: 'renewal-expiry-calls', value: '1h' },
  frozenRetentionMs: { scenario: 'renewal-auto-renew', value: '30d' },
  productExpiredRetryWindowMs: { scenario: 'renewal-expiry-calls', value: '30m' },
  productExpiredRetryIntervalMs: { scenario: 'renewal-expiry-calls', value: '20m' },
  licenseExpiryAttempts: { scenario: 'renewal-expiry-calls', value: 3 },
  licenseExpiredDeliveryTypes: { scenario: 'renewal-expiry-calls', value: [] },
  trialPeriodMs: {
    scenario: inline(API_UNSUPERVISED, '  - { at: 2024-01-05T10:00, event: purchase, order: o1, buyer: b1, product: p, trial: true }\n', 'rules: { supervisedDeliveryTypes: [] }\n'),
    value: '3d',
  },
  interfaceFailureEmailTo: { scenario: 'renewal-expiry-calls', value: ['accountEmail'] },
  passwordResetMinIntervalMs: { scenario: 'enterprise-koogallery', value: 0 },
  passwordResetsPerHour: { scenario: 'enterprise-koogallery', value: 0 },
  passwordResetsPerDay: { scenario: 'enterprise-koogallery', value: 0 },
  settlementUtcOffsetMinutes: { scenario: 'supervision-orders', value: 0 },
  settlementLagMonths: { scenario: 'supervision-appeal', value: 0 },
  commissionBasisPoints: { scenario: 'supervision-orders', value: { manualService: 500 } },
};

/** The scenario text of a flip (a built-in file, edited when the flip says so). */
export function flipScenarioText(flip: Flip): { text: string; file: string } {
  if (flip.scenario.includes('\n')) return { text: flip.scenario, file: 'flip.yaml' };
  const file = join(SCENARIOS, `${flip.scenario}.yaml`);
  const text = readFileSync(file, 'utf8');
  return { text: flip.edit ? flip.edit(text) : text, file };
}
