// Exploration model of the product-lifecycle machine: one variant per profile and product kind that takes a
// different path through the rules, and the commands to try from each state (valid and refused ones).
import type { SnapshotFrom } from 'xstate';
import type { MerchantDef, ProductDef } from './catalog.js';
import type { DeliveryType, Platform, ProductClass } from './domain.js';
import { minimumBoundaries, rangeBoundaries, textOfLength, type BoundaryCase } from './boundaries.js';
import { defineModel, type MachineVariant } from './models.js';
import { productMachine, type ProductEvent } from './productMachine.js';
import { PROFILES, type RulesParams } from './rules.js';
import { completeListing, listingProblems } from './submissionChecks.js';
import type { BuyerNotice } from './delistingChecks.js';

/** A fixed instant for generated commands: machines only read it to start review windows. */
export const MODEL_TIME = Date.UTC(2024, 2, 1, 1, 0, 0);

const merchant: MerchantDef = {
  id: 'm1',
  name: 'Model Merchant',
  jointOperationMember: false,
  subUsers: [{ id: 'ops', permissions: ['publishJointOperation'] }],
};

function product(id: string, deliveryType: DeliveryType, productClass: ProductClass, platform: Platform): ProductDef {
  return {
    id,
    merchantId: merchant.id,
    deliveryType,
    chargingMode: 'period',
    productClass,
    listing: completeListing(`Product ${id}`, PROFILES[platform]),
    specs: [{ id: 's1', name: 'Standard', priceFen: 10000, period: 'month' }],
    packages: deliveryType === 'apiGateway' ? [{ id: 'pk1', name: '1M calls', priceFen: 9900 }] : [],
    hidden: false,
  };
}

function variant(
  name: string,
  platform: Platform,
  deliveryType: DeliveryType,
  productClass: ProductClass = 'general',
): MachineVariant<typeof productMachine> {
  return {
    name,
    profile: platform,
    input: { params: PROFILES[platform], product: product(name, deliveryType, productClass, platform), merchant },
    facts: { deliveryType, productClass },
  };
}

const DELISTING_REVIEW = 'xstate.after.delistingReview.product.listed.delisting.underReview';
const DELISTING_EFFECTIVE = 'xstate.after.delistingEffective.product.listed.delisting.approved';
const INTERFACE_REPLAY = 'xstate.after.interfaceTestReplay.product.listed.change.idle';
const DAY_MS = 86_400_000;

type Cmd = ProductEvent;
const at = MODEL_TIME;

/**
 * DEL-6: a notice to every existing buyer that passes every check, effective `effectiveAt`. Published at the epoch,
 * so it precedes the request whatever clock replays the command (the engine stamps its own time).
 */
function notice(effectiveAt: number): BuyerNotice {
  return {
    channels: ['inSite', 'email'],
    audience: 'allExistingBuyers',
    publishedAt: 0,
    reason: 'Retired',
    effectiveAt,
    impact: 'Served to the end of the paid term',
    followUp: 'Export your data',
    dataExportTool: true,
  };
}

/** The commands tried from every state; the machine refuses those its rules forbid there. */
const COMMANDS: readonly Cmd[] = [
  { type: 'editDraft', at, by: 'seller', changes: { supportInfo: {} } },
  { type: 'submit', at, by: 'seller' },
  { type: 'submit', at, by: 'seller', subUser: 'ops' },
  { type: 'withdraw', at, by: 'seller' },
  { type: 'approve', at, by: 'operator' },
  { type: 'reject', at, by: 'operator', reason: 'incomplete' },
  { type: 'list', at, by: 'seller' },
  { type: 'list', at, by: 'operator' },
  { type: 'submitChange', at, by: 'seller', changes: {} },
  { type: 'addPackage', at, by: 'seller', package: { id: 'pk2', name: '10M calls', priceFen: 89900 } },
  { type: 'delistPackage', at, by: 'seller', packageId: 'pk1' },
  { type: 'deletePackage', at, by: 'seller', packageId: 'pk1' },
  { type: 'hide', at, by: 'seller' },
  { type: 'unhide', at, by: 'seller' },
  { type: 'delist', at, by: 'seller', spec: 's1' },
  { type: 'delist', at, by: 'seller' },
  { type: 'delist', at, by: 'operator' },
  { type: 'delist', at, by: 'buyer', spec: 's1' },
  { type: 'requestDelisting', at, by: 'seller', reason: 'Retired after migration to v2', noticeUrl: 'https://example.com/n', reviewBusinessDays: 1, notice: notice(at) },
  { type: 'requestDelisting', at, by: 'seller', reason: 'Retired after migration to v2', noticeUrl: 'https://example.com/n', reviewBusinessDays: 1, notice: notice(at + 30 * DAY_MS) },
  { type: 'requestDelisting', at, by: 'seller', spec: 's1', reason: 'Retired after migration to v2', noticeUrl: 'https://example.com/n', reviewBusinessDays: 1, notice: notice(at) },
  { type: 'requestDelisting', at, by: 'seller', reason: 'bye', reviewBusinessDays: 3, notice: notice(at) },
  { type: 'requestDelisting', at, by: 'seller', reason: 'Retired after migration to v2', noticeUrl: 'https://example.com/n', reviewBusinessDays: 1 },
  { type: 'confirmSettlements', at, by: 'seller', pendingSettlements: ['o1'] },
  { type: 'delist', at, by: 'seller', pendingSettlements: ['o2'] },
  { type: 'editByOperator', at, by: 'operator', changes: { name: 'Product renamed' } },
  { type: 'replayInterfaceTests', at, by: 'system', interfaceReplay: { ok: true, cases: 6, failures: [] } },
];

/**
 * DEL-3 boundary cases: a reason one character short of the minimum and exactly at it (the review rejects and
 * approves), and a review lasting the shortest and the longest number of business days.
 */
function delistingBoundaries(params: RulesParams): BoundaryCase<Cmd>[] {
  if (params.delistFlow !== 'review') return []; // koogallery has no delisting request to bound
  const request = (reason: string, reviewBusinessDays: number): Cmd => ({
    type: 'requestDelisting', at, by: 'seller', reason, noticeUrl: 'https://example.com/n', reviewBusinessDays, notice: notice(at),
  });
  const reasons = minimumBoundaries(params.delistReasonMinChars).map((b) => ({
    label: `reason of ${b.label} characters`,
    event: request(textOfLength(b.value), params.delistReviewBusinessDaysMin),
  }));
  const reviews = rangeBoundaries(params.delistReviewBusinessDaysMin, params.delistReviewBusinessDaysMax).map((b) => ({
    label: `review of ${b.label} business days`,
    event: request(textOfLength(params.delistReasonMinChars), b.value),
  }));
  return [...reasons, ...reviews];
}

export const productModel = defineModel({
  name: 'product',
  machine: productMachine,
  rules: [
    'PUB-1', 'PUB-2', 'PUB-3', 'PUB-4', 'PUB-5', 'PUB-6', 'PUB-7', 'PUB-8', 'PUB-9', 'PUB-10',
    'PUB-11', 'PUB-12', 'HIDE-1', 'HIDE-2', 'HIDE-3', 'DEL-1', 'DEL-2', 'DEL-3', 'DEL-4', 'DEL-6', 'DEL-7', 'STL-5', 'INT-1',
  ],
  variants: [
    variant('koogallery-saas', 'koogallery', 'saas'),
    variant('koogallery-datafile', 'koogallery', 'dataFile'),
    variant('koogallery-image', 'koogallery', 'image'),
    variant('koogallery-gateway', 'koogallery', 'apiGateway'),
    variant('koogallery-joint', 'koogallery', 'saas', 'jointOperation'),
    variant('koogallery-other', 'koogallery', 'consulting', 'other'),
    variant('tencent-saas', 'tencent', 'saas'),
    variant('tencent-image', 'tencent', 'image'),
  ],
  events: (snapshot: SnapshotFrom<typeof productMachine>) => {
    const timers: string[] = [];
    if (snapshot.matches({ listed: { delisting: 'underReview' } })) timers.push(DELISTING_REVIEW);
    if (snapshot.matches({ listed: { delisting: 'approved' } })) timers.push(DELISTING_EFFECTIVE);
    // The 30-day replay comes after a 1–3 day review or a notice's effective time, so it is offered only then.
    if (snapshot.matches({ listed: { change: 'idle', delisting: 'none' } })) timers.push(INTERFACE_REPLAY);
    return [...COMMANDS, ...timers.map((type) => ({ type }) as unknown as Cmd)];
  },
  serialize: (snapshot: SnapshotFrom<typeof productMachine>) => {
    const { context } = snapshot;
    return JSON.stringify([
      snapshot.value,
      context.hidden,
      context.specs,
      Object.values(context.packages).map((p) => `${p.def.id}:${p.status}`),
      listingProblems(context.listing, context.product, context.params).length === 0,
      context.delisting?.reason.length ?? -1,
      context.delisting?.spec ?? null,
      context.delisting?.notice?.effectiveAt ?? null,
      context.pendingVisibility ?? null,
      context.confirmedSettlements,
    ]);
  },
  maxDepth: 12,
  boundaries: (snapshot: SnapshotFrom<typeof productMachine>) => delistingBoundaries(snapshot.context.params),
});
