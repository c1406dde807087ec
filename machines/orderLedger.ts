// Builds the `ledger` effect params (sim/contracts.ts LedgerParams) and merchant-call params the order machine
// emits: every money fact of an order goes to the log through here, so settlement can be computed from it alone.
import { NO_TAGS, type LedgerParams, type MerchantCallParams, type MerchantEndpoint, type PaymentSources } from './contracts.js';
import type { OrderContext } from './order.js';
import { NO_PAYMENT, usageSources } from './payment.js';
import type { ImageBill } from './usage.js';

type Base = Omit<LedgerParams, 'entry' | 'orderId' | 'orderType' | 'amountFen' | 'at' | 'paymentSources' | 'tags'>;

function base(context: OrderContext): Base {
  return {
    merchantId: context.product.merchantId,
    productId: context.product.id,
    specId: context.spec.id,
    buyerId: context.buyerId,
    deliveryType: context.product.deliveryType,
    chargingMode: context.product.chargingMode,
  };
}

function duration(context: OrderContext, periods: number): Pick<LedgerParams, 'periodUnit' | 'periods'> {
  return context.spec.period ? { periodUnit: context.spec.period, periods } : { periods };
}

/** The purchase order (购买), once paid (ORD-1, ORD-7). */
export function purchaseEntry(context: OrderContext, at: number): LedgerParams {
  return {
    entry: 'order',
    orderId: context.orderId,
    orderType: 'purchase',
    ...(context.reorderOf !== undefined ? { relatesTo: context.reorderOf } : {}),
    ...base(context),
    ...duration(context, context.periods),
    amountFen: context.amountFen,
    at,
    ...(context.validFrom !== undefined ? { effectiveFrom: context.validFrom } : {}),
    paymentSources: context.sources,
    instruments: context.instruments,
    ...(context.discountFen > 0 ? { discountFen: context.discountFen } : {}),
    tags: context.reorderOf !== undefined ? { reorderOfNoReasonRefund: true } : NO_TAGS,
  };
}

/** The latest renewal order (续费) on this instance (ORD-1, REN-1). */
export function renewalEntry(context: OrderContext, at: number): LedgerParams {
  const renewal = context.renewals[context.renewals.length - 1]!;
  return {
    entry: 'order',
    orderId: renewal.orderId,
    orderType: 'renewal',
    relatesTo: context.orderId,
    ...base(context),
    ...duration(context, renewal.periods),
    amountFen: renewal.amountFen,
    at,
    effectiveFrom: renewal.effectiveFrom,
    paymentSources: renewal.sources,
    instruments: renewal.instruments,
    tags: NO_TAGS,
  };
}

/** A refund order (退款/退订) reversing `relatesTo`; amounts negative (ORD-1, ORD-4, REF-1..4). */
export function refundEntry(
  context: OrderContext,
  refund: { relatesTo: string; amountFen: number; sources: PaymentSources; at: number; tags: LedgerParams['tags']; orderId?: string },
): LedgerParams {
  return {
    entry: 'refund',
    orderId: refund.orderId ?? `${refund.relatesTo}-RF`,
    orderType: 'refund',
    relatesTo: refund.relatesTo,
    ...base(context),
    amountFen: 0 - refund.amountFen, // never -0 in the log
    at: refund.at,
    paymentSources: refund.sources,
    tags: refund.tags,
  };
}

/**
 * ORD-8: one image's billed hours; the image may belong to another product and merchant than the order. Dated by
 * the end of its last hour, or `now` when billing stopped within that hour (the part hour counts whole).
 */
export function usageEntry(context: OrderContext, bill: ImageBill, now: number): LedgerParams {
  const { image } = bill;
  const amountFen = bill.hours * image.unitPriceFen;
  return {
    entry: 'usage',
    orderId: context.orderId,
    orderType: 'purchase',
    ...base(context),
    merchantId: image.merchantId,
    productId: image.productId,
    specId: image.specId,
    amountFen,
    at: Math.min(bill.lastHourEnd, now),
    paymentSources: usageSources(amountFen, context.method),
    tags: NO_TAGS,
    usage: { hours: bill.hours, unitPriceFen: image.unitPriceFen, periodStart: bill.firstHourStart },
  };
}

/** ORD-4: refunding an on-demand order moves no money: amount 0, billing stops. */
export function hourlyStopEntry(context: OrderContext, at: number): LedgerParams {
  return refundEntry(context, { relatesTo: context.orderId, amountFen: 0, sources: NO_PAYMENT, at, tags: NO_TAGS });
}

/** One logical call to the merchant's production interface; `callId` is its idempotency key (INT-1, REN-6). */
export function merchantCall(
  context: OrderContext,
  endpoint: MerchantEndpoint,
  callId: string,
  extra: Readonly<Record<string, unknown>> = {},
): MerchantCallParams {
  return {
    callId,
    merchantId: context.product.merchantId,
    endpoint,
    payload: {
      orderId: context.orderId,
      instanceId: context.orderId,
      productId: context.product.id,
      buyerId: context.buyerId,
      ...(context.validUntil !== undefined ? { validUntil: context.validUntil } : {}),
      ...extra,
    },
  };
}
