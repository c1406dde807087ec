// A hand-written reducer for the product machine (the practical speed limit the fast path is measured against):
// plain switch on state and event over a mutable-free context, the same guards via the same helper functions.
// The bench checks it reaches the same states as XState on the recorded streams before timing it.
import { addBusinessDays } from '../machines/calendar.js';
import { buyerNoticeProblems, delistingEffectiveAt, reviewDueAt, unconfirmedSettlements, type BuyerNotice } from '../machines/delistingChecks.js';
import type { ProductContext, ProductEvent } from '../machines/productMachine.js';
import { listingProblems, publisherProblems } from '../machines/submissionChecks.js';

export interface ProductState {
  /** "draft", "listed.idle.none" (change, delisting), … */
  readonly status: string;
  readonly change: 'idle' | 'pendingReview';
  readonly delisting: 'none' | 'underReview' | 'approved';
  readonly context: ProductContext;
}

type Event = ProductEvent | { type: string; at: number; by?: string };

const spec = (c: ProductContext, id: string, change: object): ProductContext => ({
  ...c,
  specs: { ...c.specs, [id]: { ...c.specs[id]!, ...change } },
});

function hideOrUnhide(s: ProductState, e: Event & { spec?: string }, hidden: boolean): ProductState | undefined {
  if (e.by !== 'seller') return undefined;
  if (e.spec === undefined) return { ...s, context: { ...s.context, hidden } };
  if (s.context.specs[e.spec]?.discontinued === false) return { ...s, context: spec(s.context, e.spec, { hidden }) };
  return undefined;
}

function withPackages(c: ProductContext, from: string, to: 'listed'): ProductContext['packages'] {
  return Object.fromEntries(Object.entries(c.packages).map(([id, p]) => [id, p.status === from ? { ...p, status: to } : p]));
}

const approveVersion = (c: ProductContext): ProductContext => ({
  ...c,
  liveListing: c.listing,
  version: c.version + 1,
  packages: withPackages(c, 'pendingReview', 'listed'),
});

const restoreLive = (c: ProductContext): ProductContext => ({
  ...c,
  listing: c.liveListing ?? c.listing,
  packages: Object.fromEntries(Object.entries(c.packages).filter(([, p]) => p.status !== 'pendingReview')),
});

/** The next state, or undefined when the event is refused. */
export function reduceProduct(s: ProductState, event: Event): ProductState | undefined {
  const c = s.context;
  const e = event as Event & { spec?: string; subUser?: string; changes?: object; packageId?: string; reason?: string; noticeUrl?: string; reviewBusinessDays?: number };
  const seller = e.by === 'seller';
  switch (s.status) {
    case 'draft':
    case 'rejected':
      if (e.type === 'editDraft' && seller) return { ...s, context: { ...c, listing: { ...c.listing, ...e.changes } } };
      if (e.type === 'submit' && seller && listingProblems(c.listing, c.product, c.params).length === 0 && publisherProblems(c.product, c.merchant, e.subUser, c.params).length === 0) {
        return { ...s, status: 'pendingReview' };
      }
      if (s.status === 'draft' && (e.type === 'hide' || e.type === 'unhide')) return hideOrUnhide(s, e, e.type === 'hide');
      return undefined;
    case 'pendingReview':
      if (e.type === 'withdraw' && seller && c.params.withdrawableDeliveryTypes.includes(c.product.deliveryType)) return { ...s, status: 'draft' };
      if (e.type === 'approve' && e.by === 'operator') return { ...s, status: 'approved', context: approveVersion(c) };
      if (e.type === 'reject' && e.by === 'operator') return { ...s, status: 'rejected' };
      return undefined;
    case 'approved':
      if (e.type === 'list' && (e.by === 'operator' || (seller && !c.params.operatorListedDeliveryTypes.includes(c.product.deliveryType)))) {
        return { ...s, status: 'listed', change: 'idle', delisting: 'none' };
      }
      if (e.type === 'hide' || e.type === 'unhide') return hideOrUnhide(s, e, e.type === 'hide');
      return undefined;
    case 'listed':
      return reduceListed(s, e);
    default:
      return undefined;
  }
}

type ListedEvent = Event & {
  spec?: string;
  changes?: object;
  packageId?: string;
  reason?: string;
  noticeUrl?: string;
  reviewBusinessDays?: number;
  package?: { id: string };
  notice?: BuyerNotice;
  pendingSettlements?: readonly string[];
};

/** STL-5 for a whole-product delisting (a spec leaves the product on sale). */
const reconciled = (c: ProductContext, e: ListedEvent): boolean =>
  e.spec !== undefined || unconfirmedSettlements(e.pendingSettlements, c.confirmedSettlements, c.params).length === 0;

/** HIDE-1 (koogallery): hiding a listed product or live spec joins or starts a modification. */
function hideByModification(s: ProductState, e: ListedEvent): ProductState | undefined {
  const c = s.context;
  if (e.by !== 'seller' || (e.spec !== undefined && c.specs[e.spec]?.discontinued !== false)) return undefined;
  const pending = c.pendingVisibility ?? { specs: {} };
  const hidden = e.type === 'hide';
  const pendingVisibility = e.spec === undefined ? { ...pending, hidden } : { ...pending, specs: { ...pending.specs, [e.spec]: hidden } };
  return { ...s, change: 'pendingReview', context: { ...c, pendingVisibility } };
}

function applyVisibility(c: ProductContext): ProductContext {
  const p = c.pendingVisibility;
  if (!p) return c;
  const specs = Object.fromEntries(Object.entries(c.specs).map(([id, sp]) => [id, id in p.specs ? { ...sp, hidden: p.specs[id]! } : sp]));
  return { ...c, hidden: p.hidden ?? c.hidden, specs, pendingVisibility: undefined };
}

function reduceListed(s: ProductState, e: ListedEvent): ProductState | undefined {
  const c = s.context;
  const seller = e.by === 'seller';
  if ((e.type === 'hide' || e.type === 'unhide') && c.params.hideListedByModification) return hideByModification(s, e);
  if (e.type === 'confirmSettlements' && (seller || e.by === 'operator')) {
    return { ...s, context: { ...c, confirmedSettlements: [...new Set([...c.confirmedSettlements, ...(e.pendingSettlements ?? [])])] } };
  }
  if (s.change === 'idle' && e.type === 'submitChange' && seller && listingProblems({ ...c.listing, ...e.changes }, c.product, c.params).length === 0) {
    return { ...s, change: 'pendingReview', context: { ...c, listing: { ...c.listing, ...e.changes } } };
  }
  if (s.change === 'pendingReview') {
    if (e.type === 'addPackage' && seller && c.params.packageDeliveryTypes.includes(c.product.deliveryType) && e.package) {
      return { ...s, context: { ...c, packages: { ...c.packages, [e.package.id]: { def: e.package as never, status: 'pendingReview' } } } };
    }
    if (e.type === 'withdraw' && seller && c.params.withdrawableDeliveryTypes.includes(c.product.deliveryType)) return { ...s, change: 'idle', context: restoreLive(c) };
    if (e.type === 'approve' && e.by === 'operator') return { ...s, change: 'idle', context: applyVisibility(approveVersion(c)) };
    if (e.type === 'reject' && e.by === 'operator') return { ...s, change: 'idle', context: { ...restoreLive(c), pendingVisibility: undefined } };
  }
  const sellerMayDelist = seller && c.params.sellerDelistableClasses.includes(c.product.productClass) && !c.params.operatorOnlyDelistDeliveryTypes.includes(c.product.deliveryType);
  if (s.delisting === 'none' && e.type === 'requestDelisting' && sellerMayDelist && c.params.delistFlow === 'review' &&
    (e.spec === undefined || c.specs[e.spec]?.discontinued === false) && buyerNoticeProblems(e.notice, e.at, c.params).length === 0 && reconciled(c, e)) {
    const delisting = { spec: e.spec, notice: e.notice, reason: e.reason ?? '', noticeUrl: e.noticeUrl, requestedAt: e.at, reviewBusinessDays: e.reviewBusinessDays ?? 1 };
    return { ...s, delisting: 'underReview', context: { ...c, delisting } };
  }
  if (s.delisting === 'underReview' && e.type.startsWith('xstate.after.delistingReview')) {
    const d = c.delisting;
    const ok = d !== undefined && d.reason.trim().length >= c.params.delistReasonMinChars && (d.noticeUrl ?? '').trim().length > 0;
    if (!ok) return { ...s, delisting: 'none', context: { ...c, delisting: undefined } };
    if (d.spec !== undefined) return { ...s, delisting: 'none', context: { ...spec(c, d.spec, { discontinued: true }), delisting: undefined } };
    const end = reviewDueAt(d.requestedAt, d.reviewBusinessDays, c.params);
    return delistingEffectiveAt(end, d.notice) > end ? { ...s, delisting: 'approved' } : { ...s, status: 'delisted' };
  }
  if (s.delisting === 'approved' && e.type.startsWith('xstate.after.delistingEffective')) return { ...s, status: 'delisted' };
  if (e.type === 'hide' || e.type === 'unhide') return hideOrUnhide(s, e, e.type === 'hide');
  if (e.type === 'delist') {
    const operator = e.by === 'operator';
    if (e.spec !== undefined) {
      const mayDelistSpec = operator || (sellerMayDelist && c.params.delistFlow === 'discontinue');
      return mayDelistSpec && c.specs[e.spec]?.discontinued === false ? { ...s, context: spec(c, e.spec, { discontinued: true }) } : undefined;
    }
    if (!reconciled(c, e)) return undefined;
    if (operator) return { ...s, status: c.params.delistFlow === 'discontinue' ? 'discontinued' : 'delisted' };
    if (sellerMayDelist && c.params.delistFlow === 'discontinue') return { ...s, status: 'discontinued' };
    return undefined;
  }
  if (e.type === 'delistPackage' && seller && e.packageId !== undefined && c.packages[e.packageId]?.status === 'listed') {
    return { ...s, context: { ...c, packages: { ...c.packages, [e.packageId]: { ...c.packages[e.packageId]!, status: 'delisted' } } } };
  }
  return undefined;
}

/** The review delay the reducer's caller would schedule (DEL-3), as the machine's named delay computes it. */
export function delistingReviewMs(c: ProductContext): number {
  const r = c.delisting;
  return r ? addBusinessDays(r.requestedAt, r.reviewBusinessDays, c.params.businessCalendar, c.params.settlementUtcOffsetMinutes) - r.requestedAt : 0;
}

/** "listed.change.idle,listed.delisting.none" like the engine's state strings. */
export function reducerStateString(s: ProductState): string {
  return s.status === 'listed' ? `listed.change.${s.change},listed.delisting.${s.delisting}` : s.status;
}
