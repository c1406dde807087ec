// Who may see and buy a product right now, read off the lifecycle machine's snapshot: the join that order
// machines and invariants use instead of copying the lifecycle rules (PUB-2, PUB-6, HIDE-2, HIDE-3, DEL-1..5).
import type { SnapshotFrom } from 'xstate';
import type { productMachine } from './productMachine.js';

export type ProductSnapshot = SnapshotFrom<typeof productMachine>;

/** How the buyer reached the product: the storefront or search, its URL, or an exclusive private link (ORD-11). */
export type PurchaseChannel = 'storefront' | 'url' | 'privateLink';

/**
 * Rides in order events and so in events.jsonl's payloads: the failure keeps its logged fields `rule` and `reason`
 * (not a result value's `error`), or every saved run's log would change.
 */
export type Availability = { readonly ok: true } | { readonly ok: false; readonly rule: string; readonly reason: string };

const OK: Availability = { ok: true };

const LIFECYCLE_STATUSES = new Set(['draft', 'pendingReview', 'rejected', 'approved', 'listed', 'discontinued', 'delisted'] as const);
type LifecycleStatus = typeof LIFECYCLE_STATUSES extends Set<infer S> ? S : never;

/** Lifecycle status in the platform's words, for reports. */
export function lifecycleStatus(snapshot: ProductSnapshot): LifecycleStatus {
  // The top-level state is the status (what snapshot.matches(status) tests, without seven calls into XState).
  const value = snapshot.value as string | Record<string, unknown>;
  const top = typeof value === 'string' ? value : Object.keys(value)[0];
  if (LIFECYCLE_STATUSES.has(top as never)) return top as LifecycleStatus;
  throw new Error(`unknown product state ${JSON.stringify(snapshot.value)}`);
}

/** Can a new purchase of this product (and spec) be placed through this channel now? */
export function purchaseAvailability(snapshot: ProductSnapshot, channel: PurchaseChannel, specId?: string): Availability {
  const { context } = snapshot;
  const status = lifecycleStatus(snapshot);
  if (status === 'discontinued') return { ok: false, rule: 'DEL-1', reason: 'product discontinued (已停售)' };
  if (status === 'delisted') return { ok: false, rule: 'DEL-4', reason: 'product delisted (已下架), no new purchases' };
  if (status !== 'listed') return { ok: false, rule: 'PUB-2', reason: `product is ${status}, not listed` };
  if (!context.params.listedVersionStaysOnSale && snapshot.matches({ listed: { change: 'pendingReview' } })) {
    return { ok: false, rule: 'PUB-6', reason: 'product change under review and the profile stops sales meanwhile' };
  }
  if (specId !== undefined) {
    const spec = context.specs[specId];
    if (!spec) return { ok: false, rule: 'PUB-2', reason: `unknown spec ${specId}` };
    if (spec.discontinued) return { ok: false, rule: 'DEL-1', reason: `spec ${specId} discontinued (已停售)` };
    if (spec.hidden) {
      const hidden = hiddenAvailability(context.params.hiddenPurchasableByUrl, channel);
      if (!hidden.ok) return hidden;
    }
  }
  return context.hidden ? hiddenAvailability(context.params.hiddenPurchasableByUrl, channel) : OK;
}

function hiddenAvailability(purchasableByUrl: boolean, channel: PurchaseChannel): Availability {
  if (!purchasableByUrl) return { ok: false, rule: 'HIDE-3', reason: 'temporarily delisted (临时下架): no new purchases' };
  if (channel === 'storefront') return { ok: false, rule: 'HIDE-2', reason: 'hidden: not on the storefront or in search, only by URL' };
  return OK;
}

/** Shown on the storefront and in search results (HIDE-2)? */
export function visibleInStorefront(snapshot: ProductSnapshot): boolean {
  return lifecycleStatus(snapshot) === 'listed' && !snapshot.context.hidden;
}

/**
 * Can existing buyers renew, upgrade or open a new instance (DEL-5)? Of the whole product, or of the spec they
 * bought: a discontinued spec is delisted for its buyers exactly as a discontinued product is.
 */
export function renewalAvailability(snapshot: ProductSnapshot, specId?: string): Availability {
  if (snapshot.context.params.renewalAfterDelisting) return OK;
  const status = lifecycleStatus(snapshot);
  if (status === 'discontinued' || status === 'delisted') {
    return { ok: false, rule: 'DEL-5', reason: `product ${status}: existing buyers are served to term, no renewal or new instance` };
  }
  if (specId !== undefined && snapshot.context.specs[specId]?.discontinued) {
    return { ok: false, rule: 'DEL-5', reason: `spec ${specId} discontinued (已停售): its buyers are served to term, no renewal or new instance` };
  }
  return OK;
}
