// The order machine's context, input and events, and the pure date arithmetic of validity (ORD-9). One order
// entity is one purchase and the instance it opened; its renewals and refunds are orders recorded on it.
import { NO_INSTRUMENTS, NO_ITEMS, type PaymentInstruments, type PaymentSources } from './contracts.js';
import { addCalendarMonths } from './time.js';
import type { SpecDef } from './catalog.js';
import type { Actor, ChargingMode, DeliveryType, PeriodUnit } from './domain.js';
import { NO_PAYMENT, type PaymentDecision, type PaymentMethod } from './payment.js';
import type { Availability, PurchaseChannel } from './productAvailability.js';
import type { RulesParams } from './rules.js';
import type { ImageOnDisk, Meter } from './usage.js';

export interface OrderProduct {
  readonly id: string;
  readonly merchantId: string;
  readonly deliveryType: DeliveryType;
  readonly chargingMode: ChargingMode;
  /** ORD-13: software-development-cloud (软开云): failed resources are not unsubscribed. */
  readonly softwareDevelopmentCloud?: boolean;
  /** ORD-14: the merchant issues electronic invoices by default. */
  readonly eInvoiceByDefault?: boolean;
}

/** ORD-14: the invoice (发票) of an order: applied for by the buyer, issued by the merchant. */
export interface InvoiceRecord {
  readonly appliedAt: number;
  readonly issuedAt?: number;
  readonly electronic?: boolean;
}

export interface OrderInput {
  readonly params: RulesParams;
  readonly orderId: string;
  readonly product: OrderProduct;
  readonly spec: SpecDef;
  readonly buyerId: string;
  /** ORD-8: the run's end, where hourly usage gets its last bill (a bill is otherwise made at each month's end). */
  readonly statementsUntil?: number;
}

/** A renewal order (续费) placed on this instance. */
export interface RenewalRecord {
  readonly orderId: string;
  readonly amountFen: number;
  readonly periods: number;
  readonly sources: PaymentSources;
  readonly instruments: PaymentInstruments;
  /** The old expiry: the renewal takes effect then (REF-4: refundable as not yet effective before it). */
  readonly effectiveFrom: number;
  readonly refunded: boolean;
}

export interface RefundRecord {
  readonly orderId: string;
  readonly amountFen: number;
  readonly at: number;
  readonly noReasonRefund: boolean;
  readonly notYetEffective: boolean;
  /** REF-3: the exception reason operations entered. */
  readonly reason?: string;
}

/** The current freeze / expiry call to the merchant and its retry bookkeeping (REN-3, REN-4). */
export interface FreezeCall {
  readonly callId: string;
  readonly endpoint: 'expireInstance' | 'freezeInstance';
  readonly attempts: number;
  readonly firstAttemptAt: number;
}

/** One merchant reply an order took (INT-1). */
export interface MerchantReplyRecord {
  readonly callId: string;
  readonly ok: boolean;
}


export interface OrderContext {
  readonly params: RulesParams;
  readonly orderId: string;
  readonly product: OrderProduct;
  readonly spec: SpecDef;
  readonly buyerId: string;
  readonly channel: PurchaseChannel;
  /** Months/years of a period order, uses of a per-use order. */
  readonly periods: number;
  readonly method: PaymentMethod;
  /** ORD-3: what the buyer paid (period, per-use) or the hourly unit price (hourly). */
  readonly amountFen: number;
  readonly sources: PaymentSources;
  readonly instruments: PaymentInstruments;
  /** ORD-3: what the exclusive discount took off the purchase's price (not money; not in `amountFen`). */
  readonly discountFen: number;
  readonly paidAt: number | undefined;
  readonly trial: boolean;
  /** Start of the service; undefined while not yet effective (under supervision, SUP-9). */
  readonly validFrom: number | undefined;
  readonly validUntil: number | undefined;
  readonly autoRenew: boolean;
  readonly renewals: readonly RenewalRecord[];
  readonly refund: RefundRecord | undefined;
  /** REF-2: the order whose no-reason refund this purchase re-orders. */
  readonly reorderOf: string | undefined;
  readonly freezeCall: FreezeCall | undefined;
  /** Update-instance calls sent so far: each gets its own callId (REN-5). */
  readonly updates: number;
  /**
   * INT-1: every merchant reply taken, in arrival order. A list, not a record keyed by callId: callIds are unique
   * per order, so a keyed object made V8 build new hidden classes for every order; a list keeps one shape for all.
   */
  readonly replies: readonly MerchantReplyRecord[];
  readonly meter: Meter | undefined;
  /** OrderInput.statementsUntil. */
  readonly statementsUntil: number | undefined;
  readonly invoice: InvoiceRecord | undefined;
  /** INT-4: when the merchant told the marketplace it fixed the interface after a failed expiry call. */
  readonly interfaceFixNotifiedAt: number | undefined;
  /** ORD-10: resources the order opens (one creation call each). */
  readonly resources: number;
  /** ORD-10: resources that failed to open and were unsubscribed, with the money given back for them. */
  readonly unsubscribed: { readonly count: number; readonly amountFen: number; readonly sources: PaymentSources };
  /** Virtual time of the last event taken (every accepted event changes the snapshot, so the engine logs it). */
  readonly clock: number;
}

/** Fields every command carries: virtual time (epoch ms) and who issued it. */
interface Stamp {
  readonly at: number;
  readonly by?: Actor;
}

export type OrderEvent =
  | (Stamp & {
      type: 'purchase';
      channel: PurchaseChannel;
      periods: number;
      autoRenew: boolean;
      trial: boolean;
      method: PaymentMethod;
      /** Joined from the product lifecycle by the preparer (PUB-2, HIDE-2, HIDE-3, DEL-1, DEL-4). */
      availability: Availability;
      /** Computed from the buyer's wallet by the preparer (ORD-7, ORD-11). */
      payment: PaymentDecision;
      reorderOf?: string;
      /** ORD-10: resources the order opens (default 1). */
      resources?: number;
    })
  | (Stamp & { type: 'renew'; periods: number; auto: boolean; availability: Availability; payment: PaymentDecision })
  | (Stamp & { type: 'convertTrial'; payment: PaymentDecision })
  | (Stamp & { type: 'setAutoRenew'; on: boolean })
  | (Stamp & { type: 'refund'; reason?: string; amountFen?: number })
  | (Stamp & { type: 'refundRenewal' })
  | (Stamp & { type: 'freeze'; reason?: string })
  /** ORD-8: `image` is joined by the preparer; undefined when the named product is not a market image. */
  | (Stamp & { type: 'replaceSystemDisk'; image: ImageOnDisk | undefined })
  | (Stamp & { type: 'supervisionCompleted'; completedAt: number; validFrom: number })
  | (Stamp & { type: 'merchantReplied'; callId: string; ok: boolean; error?: string; endpoint?: string })
  /** ORD-14: the buyer applies for an invoice (申请开票); the merchant issues it. */
  | (Stamp & { type: 'applyInvoice' })
  | (Stamp & { type: 'issueInvoice'; electronic?: boolean })
  /** INT-4: after a failed expiry call the merchant fixed its interface and tells the marketplace. */
  | (Stamp & { type: 'notifyInterfaceFixed' });

export function periodMonths(unit: PeriodUnit | undefined): number {
  return unit === 'year' ? 12 : 1;
}

/** ORD-9: expiry = start + period × count, in calendar months of UTC+8. */
export function periodEnd(from: number, spec: SpecDef, periods: number): number {
  return addCalendarMonths(from, periodMonths(spec.period) * periods);
}

/** The virtual time the engine stamped on an event (timers included); 0 for unstamped model events. */
export function eventTime(event: { readonly type: string }): number {
  const at = (event as { readonly at?: unknown }).at;
  return typeof at === 'number' ? at : 0;
}

/** An order none of whose resources was unsubscribed, shared by every order (contracts.ts NO_ITEMS says why). */
const NOT_UNSUBSCRIBED: OrderContext['unsubscribed'] = Object.freeze({ count: 0, amountFen: 0, sources: NO_PAYMENT });

export function initialOrderContext(input: OrderInput): OrderContext {
  return {
    params: input.params,
    orderId: input.orderId,
    product: input.product,
    spec: input.spec,
    buyerId: input.buyerId,
    channel: 'storefront',
    periods: 1,
    method: 'balance',
    amountFen: 0,
    sources: NO_PAYMENT,
    discountFen: 0,
    instruments: NO_INSTRUMENTS,
    paidAt: undefined,
    trial: false,
    validFrom: undefined,
    validUntil: undefined,
    autoRenew: false,
    renewals: NO_ITEMS,
    refund: undefined,
    reorderOf: undefined,
    freezeCall: undefined,
    updates: 0,
    replies: NO_ITEMS,
    meter: undefined,
    statementsUntil: input.statementsUntil,
    invoice: undefined,
    interfaceFixNotifiedAt: undefined,
    resources: 1,
    unsubscribed: NOT_UNSUBSCRIBED,
    clock: 0,
  };
}

/** The image this hourly order puts on the disk at purchase (ORD-8). */
export function orderImage(context: Pick<OrderContext, 'product' | 'spec'>): ImageOnDisk {
  return {
    productId: context.product.id,
    merchantId: context.product.merchantId,
    specId: context.spec.id,
    unitPriceFen: context.spec.priceFen,
  };
}
