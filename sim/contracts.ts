// Contracts between machines of different kinds, carried by effects and events through the engine.
// Machines emit these effects (named actions with params); handlers in sim/ carry them out.

/** Endpoints of the merchant's production interface (REN-3..6, INT-1, INT-2). */
export type MerchantEndpoint =
  | 'orderNotify' // REN-6 新购: order number sent, merchant queries the order
  | 'createInstance' // REN-6
  | 'updateInstance' // REN-5 trial → paid, renewal, refund of a renewal
  | 'expireInstance' // REN-3 product expired → merchant freezes
  | 'freezeInstance' // REN-4 status change (expiry, violation)
  | 'releaseInstance' // REN-2 resources deleted after the frozen period
  | 'tenantSync' // INT-2 tenant authorisation sync
  | 'departmentSync'; // INT-2 incremental department sync

/**
 * Effect `callMerchant`: one attempt at one logical call. `callId` is the idempotency key: the same callId
 * applied twice leaves the merchant's view unchanged (INT-1). Retries are the calling machine's business
 * (its rules decide: REN-3 SaaS retries for an hour, License once; INT-2 the admin decides).
 */
export interface MerchantCallParams {
  readonly callId: string;
  readonly merchantId: string;
  readonly endpoint: MerchantEndpoint;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** Event sent back to the calling entity when an attempt ends. */
export interface MerchantReplyEvent {
  readonly type: 'merchantReplied';
  readonly callId: string;
  readonly ok: boolean;
  readonly error?: string;
}

/**
 * Effect `startSupervision`: an order of a supervised delivery type was paid (SUP-10); the handler spawns
 * `supervision:<orderId>`.
 */
export interface StartSupervisionParams {
  readonly orderId: string;
  readonly productId: string;
  readonly merchantId: string;
  readonly buyerId: string;
  readonly orderedAt: number;
  /** SUP-9: the spec bought and how many of its periods, so the validity end can be reported (optional). */
  readonly specId?: string;
  readonly periodCount?: number;
}

/**
 * Effect `supervisionCompleted`: the buyer accepted (or the system did); `validFrom` is the start of the
 * service validity (SUP-9: the filled-in opening time, else the acceptance time). The handler tells the order.
 */
export interface SupervisionCompletedParams {
  readonly orderId: string;
  readonly completedAt: number;
  readonly validFrom: number;
  /** SUP-9: end of validity when the order bought a period. */
  readonly validUntil?: number;
  readonly productId: string;
  readonly merchantId: string;
  readonly buyerId: string;
  readonly deliveryType: string;
  readonly acceptedAt: number;
  readonly acceptedBy: 'buyer' | 'system';
  /** SUP-10 / STL-3: "YYYY-MM" of the settlement that bills the order (completion month + settlementLagMonths, UTC+8). */
  readonly settlementMonth: string;
  /** SUP-8: appeals still open at completion. */
  readonly openAppeals: number;
}
