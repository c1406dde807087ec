// One order and the instance it opens: purchase → (supervision) → active → expiring → frozen → released, with
// renewals, refunds, trial conversion and hourly metering. Rules ORD-1..11, REF-1..4, REN-1..6, INT-1 of
// ../shared/RULES.md (sections ORD, REF, REN, INT); availability is joined from the product lifecycle (DEL-5).
import { and, assign, enqueueActions, not, setup } from 'xstate';
import type {
  AutoRenewDueParams,
  LedgerParams,
  PaymentSources,
  InterfaceFailureEmailParams,
  InterfaceFixNotifiedParams,
  InvoiceIssuedParams,
  MerchantCallParams,
  MerchantNoticeParams,
  OrderRefundedParams,
  ProductionInterfaceMessageParams,
  StartSupervisionParams,
} from './contracts.js';
import {
  eventTime,
  initialOrderContext,
  orderImage,
  periodEnd,
  type OrderContext,
  type OrderEvent,
  type OrderInput,
} from './order.js';
import { hourlyStopEntry, merchantCall, purchaseEntry, refundEntry, renewalEntry, usageEntry } from './orderLedger.js';
import { PAYMENT_SOURCE_NAMES, refundSources, sumSources } from './payment.js';
import { billHours, endedHours, startedHours, startMeter, swapOnto, type Meter } from './usage.js';
import { startOfNextLocalMonth } from './time.js';

/** Rules a purchase's availability join enforces (machines/productAvailability.ts decides which one refused). */
const AVAILABILITY_RULES = ['PUB-2', 'HIDE-2', 'HIDE-3', 'DEL-1', 'DEL-4', 'DEL-5'];

function lastRenewal(context: OrderContext) {
  return context.renewals[context.renewals.length - 1];
}

function replyTo(event: OrderEvent): { callId: string; ok: boolean; error?: string } | undefined {
  return event.type === 'merchantReplied' ? event : undefined;
}

function failure(context: OrderContext, event: OrderEvent, givenUp: boolean): ProductionInterfaceMessageParams {
  const reply = replyTo(event)!;
  const call = context.freezeCall;
  const endpoint = call?.callId === reply.callId ? call.endpoint : ((event as { endpoint?: string }).endpoint ?? 'unknown');
  return {
    callId: reply.callId,
    merchantId: context.product.merchantId,
    endpoint: endpoint as ProductionInterfaceMessageParams['endpoint'],
    attempt: call?.callId === reply.callId ? call.attempts : 1,
    error: reply.error ?? 'failed',
    givenUp,
  };
}


export const orderMachine = setup({
  types: {
    context: {} as OrderContext,
    events: {} as OrderEvent,
    input: {} as OrderInput,
  },
  guards: {
    /** PUB-2, HIDE-2, HIDE-3, DEL-1, DEL-4: the product lifecycle lets this buyer buy now (joined by the preparer). */
    purchasable: ({ event }) => event.type === 'purchase' && event.availability.ok,
    /** DEL-5: no renewal after delisting (joined by the preparer from the lifecycle). */
    renewalAvailable: ({ event }) => event.type === 'renew' && event.availability.ok,
    /** ORD-7 / ORD-11: the payment decision covers the amount. */
    paymentCovered: ({ event }) => 'payment' in event && event.payment.ok,
    /** ORD-2: the mode and period unit are sold; REN-1: auto-renewal only for eligible period products; a trial must be converted first. */
    purchaseTermsValid: ({ context, event }) =>
      event.type === 'purchase' &&
      termsSold(context) &&
      (event.resources === undefined || (Number.isInteger(event.resources) && event.resources >= 1)) &&
      Number.isInteger(event.periods) &&
      event.periods >= 1 &&
      (!event.autoRenew || autoRenewEligible(context)) &&
      (!event.trial || context.product.chargingMode === 'period'),
    trialRequested: ({ event }) => event.type === 'purchase' && event.trial,
    isTrial: ({ context }) => context.trial,
    /** SUP-10: a supervised delivery type starts its service only when supervision completes (SUP-9). */
    supervised: ({ context }) => context.params.supervisedDeliveryTypes.includes(context.product.deliveryType),
    hourly: ({ context }) => context.product.chargingMode === 'hourly',
    perUse: ({ context }) => context.product.chargingMode === 'perUse',
    period: ({ context }) => context.product.chargingMode === 'period',
    autoRenewable: ({ context }) => autoRenewEligible(context),
    autoRenewOn: ({ context }) => context.autoRenew && !context.trial,
    /** REF-4: the order has not taken effect (under supervision, or its validity starts later). */
    notYetEffective: ({ context, event }) => context.validFrom === undefined || context.validFrom > eventTime(event),
    netsNotYetEffective: ({ context }) => context.params.notYetEffectiveRefundNets,
    /** REF-1: prepaid image (per profile), asked within the no-reason window after payment; the platform refunds. */
    noReasonRefundable: ({ context, event }) =>
      event.type === 'refund' &&
      event.by !== 'operator' &&
      context.params.noReasonRefundWindowMs > 0 &&
      context.params.noReasonRefundDeliveryTypes.includes(context.product.deliveryType) &&
      context.product.chargingMode === 'period' &&
      !context.trial &&
      context.paidAt !== undefined &&
      eventTime(event) - context.paidAt <= context.params.noReasonRefundWindowMs,
    /** REF-3: after the window, only operations enter a refund, with a listed reason and an amount. */
    exceptionRefundable: ({ context, event }) =>
      event.type === 'refund' &&
      event.by === 'operator' &&
      event.reason !== undefined &&
      context.params.exceptionRefundReasons.includes(event.reason) &&
      event.amountFen !== undefined &&
      Number.isInteger(event.amountFen) &&
      event.amountFen > 0 &&
      event.amountFen <= context.amountFen - context.unsubscribed.amountFen,
    /** REN-5 + REF-4: the latest renewal exists, is not refunded and has not taken effect. */
    renewalNotYetEffective: ({ context, event }) => {
      const renewal = lastRenewal(context);
      return renewal !== undefined && !renewal.refunded && renewal.effectiveFrom > eventTime(event);
    },
    byOperator: ({ event }) => event.by === 'operator',
    /** ORD-14: the buyer of a paid order applies once for its invoice. */
    invoiceApplicable: ({ context, event }) => event.by === 'buyer' && context.paidAt !== undefined && !context.trial && context.invoice === undefined,
    /** ORD-14: some merchants issue an electronic invoice by default, at once. */
    eInvoiceByDefault: ({ context }) => context.product.eInvoiceByDefault === true,
    /** ORD-14: the merchant issues the invoice the buyer applied for. */
    invoiceIssuable: ({ context, event }) => event.by === 'seller' && context.invoice !== undefined && context.invoice.issuedAt === undefined,
    /** INT-4: the merchant (only) reports the fix of an expiry call it could not take. */
    expiryCallGivenUp: ({ context, event }) => event.by === 'seller' && context.freezeCall?.endpoint === 'expireInstance',
    freezeConfirmed: ({ context, event }) => replyTo(event)?.callId === context.freezeCall?.callId && replyTo(event)?.ok === true,
    freezeFailed: ({ context, event }) => replyTo(event)?.callId === context.freezeCall?.callId && replyTo(event)?.ok === false,
    /**
     * REN-3: a failed License过期 call is made `licenseExpiryAttempts` times (once); a failed 商品过期 call, which every
     * other type uses, is repeated continuously until the retry window from the first attempt closes.
     */
    mayRetryFreeze: ({ context, event }) => {
      const call = context.freezeCall;
      if (!call) return false;
      const { params } = context;
      if (params.licenseExpiredDeliveryTypes.includes(context.product.deliveryType)) return call.attempts < params.licenseExpiryAttempts;
      return eventTime(event) + params.productExpiredRetryIntervalMs <= call.firstAttemptAt + params.productExpiredRetryWindowMs;
    },
    /** ORD-10: the merchant failed to create one of the order's resources and the profile unsubscribes it. */
    creationFailed: ({ context, event }) =>
      creationReplyFailed(context, event) && context.params.autoUnsubscribeFailedResources && context.product.softwareDevelopmentCloud !== true,
    /** ORD-10: the failed resource is the order's last one still open, so the whole order ends. */
    lastResourceFailed: ({ context }) => context.unsubscribed.count + 1 >= context.resources,
    /** ORD-13: a software-development-cloud (软开云) resource failed to open: it is not unsubscribed. */
    creationFailedKept: ({ context, event }) => creationReplyFailed(context, event) && context.product.softwareDevelopmentCloud === true,
    replyFailed: ({ event }) => replyTo(event)?.ok === false,
    /** ORD-8 applies to image products billed by the hour. */
    imageDisk: ({ context, event }) =>
      event.type === 'replaceSystemDisk' && event.image !== undefined && context.product.deliveryType === 'image' && context.meter !== undefined,
  },
  actions: {
    /** Effect: one attempt at a merchant endpoint (sim/merchant.ts answers with `merchantReplied`). */
    callMerchant: (_, _params: MerchantCallParams) => {},
    /** Effect: a money fact for settlement (sim/contracts.ts LedgerParams). */
    ledger: (_, _params: LedgerParams) => {},
    /** Effect: hand the paid order to service supervision (SUP-10). */
    startSupervision: (_, _params: StartSupervisionParams) => {},
    /** Effect: a failed merchant call, listed as a production-interface message (REN-3). */
    productionInterfaceMessage: (_, _params: ProductionInterfaceMessageParams) => {},
    /** Effect: the order was refunded; its open service order closes (SUP-10, refundClosesSupervision). */
    orderRefunded: (_, _params: OrderRefundedParams) => {},
    /** Effect: the invoice is issued (ORD-14). */
    invoiceIssued: (_, _params: InvoiceIssuedParams) => {},
    /** Effect: the failure e-mail of an instance-status call (INT-3). */
    interfaceFailureEmail: (_, _params: InterfaceFailureEmailParams) => {},
    /** Effect: the merchant reported its interface fixed (INT-4). */
    interfaceFixNotified: (_, _params: InterfaceFixNotifiedParams) => {},
    /** ORD-14: the buyer's application; issued at once, electronically, by a merchant that does so by default. */
    applyForInvoice: enqueueActions(({ context, event, enqueue }) => {
      const at = eventTime(event);
      if (context.product.eInvoiceByDefault !== true) {
        enqueue.assign({ invoice: { appliedAt: at } });
        return;
      }
      enqueue.assign({ invoice: { appliedAt: at, issuedAt: at, electronic: true } });
      enqueue(effect('invoiceIssued', invoiceIssuedParams(context, true)));
    }),
    issueInvoice: enqueueActions(({ context, event, enqueue }) => {
      const electronic = event.type === 'issueInvoice' && event.electronic === true;
      enqueue.assign({ invoice: { appliedAt: context.invoice!.appliedAt, issuedAt: eventTime(event), electronic } });
      enqueue(effect('invoiceIssued', invoiceIssuedParams(context, electronic)));
    }),
    /**
     * INT-3: the first failed attempt of an instance-status call (expiry, freeze) e-mails the merchant's addresses;
     * the retries of the same call (REN-3) send none (the merchant already knows, and the messages list each one).
     */
    failureEmail: enqueueActions(({ context, enqueue }) => {
      const call = context.freezeCall;
      if (!call || call.attempts !== 1) return;
      enqueue(effect('interfaceFailureEmail', { merchantId: context.product.merchantId, callId: call.callId, endpoint: call.endpoint, to: context.params.interfaceFailureEmailTo }));
    }),
    /** INT-4: the merchant read the 异常信息 and reports the fix; the marketplace re-sends nothing. */
    fixNotified: enqueueActions(({ context, event, enqueue }) => {
      enqueue.assign({ interfaceFixNotifiedAt: eventTime(event) });
      enqueue(effect('interfaceFixNotified', { merchantId: context.product.merchantId, orderId: context.orderId, callId: context.freezeCall!.callId }));
    }),
    /** Effect: place the automatic renewal now (REN-1). */
    autoRenewDue: (_, _params: AutoRenewDueParams) => {},
    tick: assign({ clock: ({ event }) => eventTime(event) }),
    purchaseLedger: enqueueActions(({ context, event, enqueue }) => {
      enqueue(effect('ledger', purchaseEntry(context, eventTime(event))));
    }),
    renewalLedger: enqueueActions(({ context, event, enqueue }) => {
      enqueue(effect('ledger', renewalEntry(context, eventTime(event))));
    }),
    /** REF-1..4: the refund order reverses the purchase's sources, last drawn first. */
    refundLedger: enqueueActions(({ context, enqueue }) => {
      enqueue(effect('ledger', purchaseRefundEntry(context)));
    }),
    /** REN-6: new purchase → the merchant creates the instance (and queries the order); ORD-10: one call per resource. */
    createInstance: enqueueActions(({ context, enqueue }) => {
      const extra = context.trial ? { trial: true } : {};
      for (let resource = 1; resource <= context.resources; resource++) {
        const one = context.resources === 1 ? extra : { ...extra, instanceId: `${context.orderId}#${resource}`, resource };
        enqueue(effect('callMerchant', merchantCall(context, 'createInstance', creationCallId(context, resource), one)));
      }
    }),
    /** ORD-10: one failed resource unsubscribed; its share of what was paid goes back. */
    unsubscribeResource: enqueueActions(({ context, event, enqueue }) => {
      enqueue(effect('ledger', resourceUnsubscribeEntry(context, eventTime(event))));
    }),
    /** ORD-10: counts the resource just unsubscribed (after `unsubscribeResource`, from the same context). */
    recordUnsubscribe: assign(({ context, event }) => ({ unsubscribed: unsubscribedAfter(context, resourceUnsubscribeEntry(context, eventTime(event))) })),
    /** REN-5: the merchant changes the instance's expiry (trial → paid, renewal, refund of a renewal). */
    updateInstance: enqueueActions(({ context, enqueue }) => {
      enqueue(effect('callMerchant', merchantCall(context, 'updateInstance', `${context.orderId}:updateInstance:${context.updates}`)));
    }),
    releaseInstance: enqueueActions(({ context, enqueue }) => {
      enqueue(effect('callMerchant', merchantCall(context, 'releaseInstance', `${context.orderId}:releaseInstance`)));
    }),
    /** REN-3 / REN-4: one attempt of the current freeze call (same callId on every retry: INT-1). */
    freezeCall: enqueueActions(({ context, enqueue }) => {
      const call = context.freezeCall!;
      enqueue(effect('callMerchant', merchantCall(context, call.endpoint, call.callId)));
    }),
    /** SUP-12 (koogallery): a bought product, a service product or any other, sends the merchant notice 101. */
    purchaseNotice: enqueueActions(({ context, enqueue }) => {
      if (!context.params.merchantNotices) return;
      const service = context.params.supervisedDeliveryTypes.includes(context.product.deliveryType);
      enqueue(
        effect('noticeMerchant', {
          merchantId: context.product.merchantId,
          productId: context.product.id,
          notice: 'productCreationOpening101',
          cause: service ? 'servicePurchased' : 'purchased',
          orderId: context.orderId,
        }),
      );
    }),
    /** SUP-10: the paid order goes to service supervision, with what it bought (SUP-9). */
    handToSupervision: enqueueActions(({ context, event, enqueue }) => {
      const params: StartSupervisionParams = {
        orderId: context.orderId,
        productId: context.product.id,
        merchantId: context.product.merchantId,
        buyerId: context.buyerId,
        orderedAt: eventTime(event),
        // SUP-9: the spec and its number of periods, so supervision's validity ends where the order's does.
        specId: context.spec.id,
        periodCount: context.periods,
      };
      enqueue(effect('startSupervision', params));
    }),
    /** ORD-8, STL-4: a month's end (or the run's) bills the hours ended since the last bill, each image once an hour. */
    billStatement: enqueueActions(({ context, event, enqueue }) => {
      for (const bill of statementBill(context, eventTime(event))?.bills ?? []) enqueue(effect('ledger', usageEntry(context, bill, eventTime(event))));
    }),
    closeStatement: assign(({ context, event }) => {
      const billed = statementBill(context, eventTime(event));
      return billed ? { meter: billed.meter } : {};
    }),
    /** ORD-4 with ORD-8: stopping bills every hour begun, the part hour counted whole. */
    billStop: enqueueActions(({ context, event, enqueue }) => {
      for (const bill of stopBill(context, eventTime(event))?.bills ?? []) enqueue(effect('ledger', usageEntry(context, bill, eventTime(event))));
    }),
    stopMeter: assign(({ context, event }) => {
      const billed = stopBill(context, eventTime(event));
      return billed ? { meter: { ...billed.meter, stoppedAt: eventTime(event) } } : {};
    }),
    recordPurchase: assign(({ context, event }) => {
      if (event.type !== 'purchase' || !event.payment.ok) return {};
      const supervised = context.params.supervisedDeliveryTypes.includes(context.product.deliveryType);
      const starts = !supervised && context.product.chargingMode === 'period';
      return {
        channel: event.channel,
        periods: event.periods,
        method: event.method,
        autoRenew: event.autoRenew,
        amountFen: context.product.chargingMode === 'hourly' ? context.spec.priceFen : sumSources(event.payment.sources),
        sources: event.payment.sources,
        discountFen: event.payment.discountFen,
        instruments: event.payment.instruments,
        paidAt: event.at,
        reorderOf: event.reorderOf,
        resources: event.resources ?? 1,
        validFrom: supervised ? undefined : event.at,
        validUntil: starts ? periodEnd(event.at, context.spec, event.periods) : undefined,
      };
    }),
    /** REN-5: a free trial instance, valid for `trialPeriodMs`. */
    recordTrial: assign(({ context, event }) =>
      event.type === 'purchase'
        ? {
            channel: event.channel,
            trial: true,
            validFrom: event.at,
            validUntil: event.at + context.params.trialPeriodMs,
            resources: event.resources ?? 1,
          }
        : {},
    ),
    /** SUP-9: validity starts at validFrom (the opening time filled in, else acceptance). */
    startValidity: assign(({ context, event }) =>
      event.type === 'supervisionCompleted'
        ? {
            validFrom: event.validFrom,
            validUntil: context.product.chargingMode === 'period' ? periodEnd(event.validFrom, context.spec, context.periods) : undefined,
          }
        : {},
    ),
    startMeter: assign(({ context, event }) => ({ meter: startMeter(context.validFrom ?? eventTime(event), orderImage(context)) })),
    recordRenewal: assign(({ context, event }) => {
      if (event.type !== 'renew' || !event.payment.ok || context.validUntil === undefined) return {};
      const renewal = {
        orderId: `${context.orderId}-R${context.renewals.length + 1}`,
        amountFen: sumSources(event.payment.sources),
        periods: event.periods,
        sources: event.payment.sources,
        instruments: event.payment.instruments,
        effectiveFrom: context.validUntil,
        refunded: false,
      };
      return {
        renewals: [...context.renewals, renewal],
        validUntil: periodEnd(context.validUntil, context.spec, event.periods),
        updates: context.updates + 1,
      };
    }),
    refundLatestRenewal: assign(({ context }) => {
      const renewal = lastRenewal(context)!;
      return {
        renewals: [...context.renewals.slice(0, -1), { ...renewal, refunded: true }],
        validUntil: renewal.effectiveFrom,
        updates: context.updates + 1,
      };
    }),
    convertTrial: assign(({ context, event }) =>
      event.type === 'convertTrial' && event.payment.ok
        ? {
            trial: false,
            amountFen: sumSources(event.payment.sources),
            sources: event.payment.sources,
            instruments: event.payment.instruments,
            paidAt: event.at,
            validFrom: event.at,
            validUntil: periodEnd(event.at, context.spec, context.periods),
            updates: context.updates + 1,
          }
        : {},
    ),
    setAutoRenew: assign({ autoRenew: ({ event }) => event.type === 'setAutoRenew' && event.on }),
    recordRefund: assign(({ context, event }) => {
      const entered = event.type === 'refund' && event.by === 'operator' ? event : undefined;
      // What is left to give back: ORD-10 may already have returned the share of resources that failed to open.
      const amountFen = context.product.chargingMode === 'hourly' ? 0 : (entered?.amountFen ?? context.amountFen - context.unsubscribed.amountFen);
      return {
        refund: {
          orderId: `${context.orderId}-RF`,
          amountFen,
          at: eventTime(event),
          noReasonRefund: false,
          notYetEffective: false,
          ...(entered?.reason !== undefined ? { reason: entered.reason } : {}),
        },
      };
    }),
    markRefund: assign(({ context }, flags: { noReasonRefund?: boolean; notYetEffective?: boolean }) => ({
      refund: context.refund ? { ...context.refund, ...flags } : undefined,
    })),
    startFreezeCall: assign(({ context, event }) => {
      const expiry = event.type !== 'freeze';
      const endpoint = expiry ? ('expireInstance' as const) : ('freezeInstance' as const);
      return {
        freezeCall: {
          callId: `${context.orderId}:${endpoint}:${expiry ? String(context.validUntil) : String(eventTime(event))}`,
          endpoint,
          attempts: 0,
          firstAttemptAt: eventTime(event),
        },
      };
    }),
    countFreezeAttempt: assign(({ context }) => ({
      freezeCall: context.freezeCall ? { ...context.freezeCall, attempts: context.freezeCall.attempts + 1 } : undefined,
    })),
    recordReply: assign(({ context, event }) => {
      const reply = replyTo(event);
      // concat, not spread: an exact-size list (a spread one reserves ~17 slots, ~0.15 KiB per order).
      return reply ? { replies: context.replies.concat({ callId: reply.callId, ok: reply.ok }) } : {};
    }),
    /** ORD-8: an image swapped onto the disk is charged this hour too (once per distinct image). */
    swapImage: assign(({ context, event }) => {
      if (event.type !== 'replaceSystemDisk' || !context.meter || !event.image) return {};
      return { meter: swapOnto(context.meter, eventTime(event), event.image) };
    }),
  },
  delays: {
    /** REN-2: the instance counts as expiring this long before expiry. */
    expiringNotice: ({ context, event }) => untilExpiry(context, event, context.params.expiringNoticeLeadMs),
    /** REN-1: the system renews this long before expiry. */
    autoRenewal: ({ context, event }) => untilExpiry(context, event, context.params.autoRenewLeadMs),
    /** ORD-9 / REN-2: the end of the paid validity. */
    expiry: ({ context, event }) => untilExpiry(context, event, 0),
    /** REN-3: pause between two attempts of a continuously retried expiry call. */
    freezeRetryInterval: ({ context }) => context.params.productExpiredRetryIntervalMs,
    /** REN-2: a frozen instance's resources are released (deleted) after this. */
    frozenRetention: ({ context }) => context.params.frozenRetentionMs,
    /** STL-1, STL-4: the next settlement month boundary, or the run's end when that comes first. */
    usageStatement: ({ context, event }) => statementAt(context, eventTime(event)) - eventTime(event),
  },
}).createMachine({
  id: 'order',
  context: ({ input }) => initialOrderContext(input),
  initial: 'new',
  on: {
    /** INT-1: replies are recorded; failures nobody retries are still listed as production-interface messages. */
    merchantReplied: [
      {
        guard: 'replyFailed',
        actions: ['recordReply', { type: 'productionInterfaceMessage', params: ({ context, event }) => failure(context, event, true) }],
        meta: { rules: ['REN-3', 'INT-1'] },
      },
      { actions: 'recordReply', meta: { rules: ['INT-1', 'REN-6'] } },
    ],
    applyInvoice: {
      guard: 'invoiceApplicable',
      actions: 'applyForInvoice',
      meta: { rules: ['ORD-14'] },
    },
    issueInvoice: { guard: 'invoiceIssuable', actions: 'issueInvoice', meta: { rules: ['ORD-14'] } },
  },
  states: {
    /** Created by its purchase event; stays here when the purchase is refused (nothing was bought). */
    new: {
      on: {
        purchase: [
          {
            guard: and(['purchasable', 'purchaseTermsValid', 'trialRequested']),
            target: 'serving.active',
            actions: ['recordTrial', 'createInstance', 'purchaseNotice'],
            meta: { rules: [...AVAILABILITY_RULES, 'REN-5', 'REN-6'] },
          },
          {
            guard: and(['purchasable', 'purchaseTermsValid', 'paymentCovered', 'supervised']),
            target: 'serving.awaitingSupervision',
            actions: ['recordPurchase', 'purchaseLedger', 'createInstance', 'handToSupervision', 'purchaseNotice'],
            meta: { rules: [...AVAILABILITY_RULES, 'ORD-1', 'ORD-2', 'ORD-7', 'ORD-11', 'REN-6', 'SUP-10'] },
          },
          {
            guard: and(['purchasable', 'purchaseTermsValid', 'paymentCovered', 'hourly']),
            target: 'serving.metered',
            actions: ['recordPurchase', 'purchaseLedger', 'startMeter', 'createInstance', 'purchaseNotice'],
            meta: { rules: [...AVAILABILITY_RULES, 'ORD-2', 'ORD-3', 'ORD-8', 'REN-6'] },
          },
          {
            guard: and(['purchasable', 'purchaseTermsValid', 'paymentCovered', 'perUse']),
            target: 'serving.inUse',
            actions: ['recordPurchase', 'purchaseLedger', 'createInstance', 'purchaseNotice'],
            meta: { rules: [...AVAILABILITY_RULES, 'ORD-1', 'ORD-2', 'ORD-7', 'ORD-11', 'REN-6'] },
          },
          {
            guard: and(['purchasable', 'purchaseTermsValid', 'paymentCovered']),
            target: 'serving.active',
            actions: ['recordPurchase', 'purchaseLedger', 'createInstance', 'purchaseNotice'],
            meta: { rules: [...AVAILABILITY_RULES, 'ORD-1', 'ORD-2', 'ORD-3', 'ORD-7', 'ORD-9', 'ORD-11', 'REN-6'] },
          },
        ],
      },
    },
    /** Bought and not ended: refunds and the ORD-10 creation failure apply to every child. */
    serving: {
      initial: 'active',
      on: {
        refund: [
          {
            guard: and(['notYetEffective', 'netsNotYetEffective', not('isTrial')]),
            target: 'refunded',
            actions: ['recordRefund', { type: 'markRefund', params: { notYetEffective: true } }, 'refundLedger', 'releaseInstance'],
            meta: { rules: ['REF-4', 'ORD-1'] },
          },
          {
            guard: 'noReasonRefundable',
            target: 'refunded',
            actions: ['recordRefund', { type: 'markRefund', params: { noReasonRefund: true } }, 'refundLedger', 'releaseInstance'],
            meta: { rules: ['REF-1', 'REF-2', 'ORD-1', 'ORD-4'] },
          },
          {
            guard: and(['exceptionRefundable', not('isTrial')]),
            target: 'refunded',
            actions: ['recordRefund', 'refundLedger', 'releaseInstance'],
            meta: { rules: ['REF-3', 'ORD-1', 'ORD-4'] },
          },
        ],
        merchantReplied: [
          {
            guard: and(['creationFailed', 'lastResourceFailed']),
            target: 'refunded',
            actions: [
              'recordReply',
              { type: 'productionInterfaceMessage', params: ({ context, event }) => failure(context, event, true) },
              'recordRefund',
              'unsubscribeResource',
              'recordUnsubscribe',
            ],
            meta: { rules: ['ORD-10', 'ORD-13'] },
          },
          {
            guard: 'creationFailed',
            actions: ['recordReply', { type: 'productionInterfaceMessage', params: ({ context, event }) => failure(context, event, true) }, 'unsubscribeResource', 'recordUnsubscribe'],
            meta: { rules: ['ORD-10', 'ORD-13'] },
          },
          {
            guard: 'creationFailedKept',
            actions: ['recordReply', { type: 'productionInterfaceMessage', params: ({ context, event }) => failure(context, event, true) }],
            meta: { rules: ['ORD-13'] },
          },
        ],
      },
      states: {
        /** Paid, under service supervision: not yet effective (SUP-9, REF-4). */
        awaitingSupervision: {
          on: {
            supervisionCompleted: [
              { guard: 'hourly', target: 'metered', actions: ['startValidity', 'startMeter'], meta: { rules: ['SUP-9'] } },
              { guard: 'perUse', target: 'inUse', actions: 'startValidity', meta: { rules: ['SUP-9'] } },
              { target: 'active', actions: 'startValidity', meta: { rules: ['SUP-9', 'ORD-9'] } },
            ],
          },
        },
        /** The instance is in its paid (or trial) validity. */
        active: {
          initial: 'running',
          states: {
            running: { after: { expiringNotice: { target: 'expiring', meta: { rules: ['REN-2'] } } } },
            /** Inside the notice lead before expiry. */
            expiring: {},
          },
          after: {
            autoRenewal: [
              {
                guard: 'autoRenewOn',
                actions: ['tick', { type: 'autoRenewDue', params: ({ context }) => ({ orderId: context.orderId, periods: 1 }) }],
                meta: { rules: ['REN-1'] },
              },
              { actions: 'tick', meta: { rules: ['REN-1'] } },
            ],
            expiry: { target: '#order.frozen', meta: { rules: ['REN-2', 'REN-3', 'ORD-9'] } },
          },
          on: {
            renew: {
              guard: and(['period', not('isTrial'), 'renewalAvailable', 'paymentCovered']),
              target: 'active',
              reenter: true,
              actions: ['recordRenewal', 'renewalLedger', 'updateInstance'],
              meta: { rules: ['ORD-1', 'ORD-7', 'ORD-9', 'REN-5', 'DEL-5'] },
            },
            convertTrial: {
              guard: and(['isTrial', 'paymentCovered']),
              target: 'active',
              reenter: true,
              actions: ['convertTrial', 'purchaseLedger', 'updateInstance'],
              meta: { rules: ['REN-5', 'ORD-7', 'ORD-9'] },
            },
            refundRenewal: {
              guard: 'renewalNotYetEffective',
              target: 'active',
              reenter: true,
              actions: [{ type: 'ledger', params: ({ context, event }) => renewalRefundEntry(context, eventTime(event)) }, 'refundLatestRenewal', 'updateInstance'],
              meta: { rules: ['REN-5', 'REF-4', 'ORD-1'] },
            },
            setAutoRenew: { guard: 'autoRenewable', actions: 'setAutoRenew', meta: { rules: ['REN-1'] } },
            freeze: { guard: 'byOperator', target: '#order.frozen', meta: { rules: ['REN-4'] } },
          },
        },
        /** ORD-2 / ORD-3: on-demand; every billing hour is charged (ORD-8), billed at each month's end (STL-4). */
        metered: {
          after: {
            usageStatement: { target: 'metered', reenter: true, actions: ['billStatement', 'closeStatement'], meta: { rules: ['ORD-3', 'ORD-8', 'STL-4'] } },
          },
          on: {
            replaceSystemDisk: { guard: 'imageDisk', actions: 'swapImage', meta: { rules: ['ORD-8'] } },
            /** ORD-4: refunding on-demand stops billing; amount 0; the part hour so far counts whole (ORD-8). */
            refund: {
              target: '#order.refunded',
              actions: [
                'billStop',
                'stopMeter',
                'recordRefund',
                { type: 'ledger', params: ({ context, event }) => hourlyStopEntry(context, eventTime(event)) },
                'releaseInstance',
              ],
              meta: { rules: ['ORD-4', 'ORD-8'] },
            },
          },
        },
        /** ORD-2: per-use (按次), paid up front; no expiry. */
        inUse: {},
      },
    },
    /** REN-2: not renewed by expiry (or frozen for a violation, REN-4); the merchant is told to freeze (REN-3). */
    frozen: {
      entry: 'startFreezeCall',
      initial: 'calling',
      states: {
        calling: {
          entry: ['countFreezeAttempt', 'freezeCall'],
          on: {
            merchantReplied: [
              { guard: 'freezeConfirmed', target: 'confirmed', actions: 'recordReply', meta: { rules: ['REN-3', 'REN-4'] } },
              {
                guard: and(['freezeFailed', 'mayRetryFreeze']),
                target: 'waiting',
                actions: ['recordReply', { type: 'productionInterfaceMessage', params: ({ context, event }) => failure(context, event, false) }, 'failureEmail'],
                meta: { rules: ['REN-3', 'INT-3'] },
              },
              {
                guard: 'freezeFailed',
                target: 'givenUp',
                actions: ['recordReply', { type: 'productionInterfaceMessage', params: ({ context, event }) => failure(context, event, true) }, 'failureEmail'],
                meta: { rules: ['REN-3', 'INT-3'] },
              },
            ],
          },
        },
        /** REN-3: 商品过期 only: wait, then call again, until the retry window closes. */
        waiting: { after: { freezeRetryInterval: { target: 'calling', meta: { rules: ['REN-3'] } } } },
        /** The merchant froze the instance. */
        confirmed: {},
        /** REN-3: the retry policy is exhausted; the failure stays listed as a production-interface message (INT-4). */
        givenUp: {
          on: { notifyInterfaceFixed: { guard: 'expiryCallGivenUp', target: 'fixNotified', actions: 'fixNotified', meta: { rules: ['INT-4'] } } },
        },
        /** INT-4: the merchant reported the fix; no call is re-sent (the seed says nothing of one). */
        fixNotified: {},
      },
      after: {
        frozenRetention: { target: 'released', actions: 'releaseInstance', meta: { rules: ['REN-2'] } },
      },
      on: {
        renew: {
          guard: and(['period', 'renewalAvailable', 'paymentCovered']),
          target: 'serving.active',
          actions: ['recordRenewal', 'renewalLedger', 'updateInstance'],
          meta: { rules: ['ORD-1', 'ORD-7', 'REN-2', 'REN-5', 'DEL-5'] },
        },
      },
    },
    /** REN-2: resources and data deleted. */
    released: {},
    /** Refunded / unsubscribed (退款/退订); a supervised order's open service order is told (SUP-10). */
    refunded: {
      entry: enqueueActions(({ context, enqueue }) => {
        if (context.params.supervisedDeliveryTypes.includes(context.product.deliveryType)) {
          enqueue(effect('orderRefunded', { orderId: context.orderId }));
        }
      }),
    },
  },
});

/** ORD-2: the product's charging mode is sold, and so is its spec's period unit (a prepaid spec). */
export function termsSold(context: Pick<OrderContext, 'params' | 'product' | 'spec'>): boolean {
  const { chargingModes, periodUnits } = context.params;
  return chargingModes.includes(context.product.chargingMode) && (context.spec.period === undefined || periodUnits.includes(context.spec.period));
}

/** REN-1: only some period products auto-renew: the charging modes and delivery types the parameters list. */
export function autoRenewEligible(context: Pick<OrderContext, 'params' | 'product'>): boolean {
  return (
    context.params.autoRenewChargingModes.includes(context.product.chargingMode) &&
    context.params.autoRenewDeliveryTypes.includes(context.product.deliveryType)
  );
}

function untilExpiry(context: OrderContext, event: OrderEvent, leadMs: number): number {
  return context.validUntil === undefined ? 0 : Math.max(0, context.validUntil - leadMs - eventTime(event));
}

function renewalRefundEntry(context: OrderContext, at: number): LedgerParams {
  const renewal = lastRenewal(context)!;
  return refundEntry(context, {
    relatesTo: renewal.orderId,
    amountFen: renewal.amountFen,
    sources: refundSources(renewal.sources, renewal.amountFen),
    at,
    tags: { notYetEffective: true },
  });
}

/** REF-1..4: the refund order reverses the purchase's sources, last drawn first. */
function purchaseRefundEntry(context: OrderContext): LedgerParams {
  const refund = context.refund!;
  return refundEntry(context, {
    relatesTo: context.orderId,
    amountFen: refund.amountFen,
    sources: refundSources(remainingSources(context), refund.amountFen),
    at: refund.at,
    tags: {
      ...(refund.noReasonRefund ? { noReasonRefund: true } : {}),
      ...(refund.notYetEffective ? { notYetEffective: true } : {}),
      ...(refund.reason !== undefined ? { refundReason: refund.reason } : {}),
    },
  });
}

type EffectName = 'ledger' | 'callMerchant' | 'startSupervision' | 'noticeMerchant' | 'orderRefunded' | 'invoiceIssued' | 'interfaceFailureEmail' | 'interfaceFixNotified';

/**
 * An effect action of this machine, enqueued by name. Inside `setup` the machine's own action names are not yet
 * in the enqueue type, hence the cast; the names are checked by the union above and the params by the callers.
 */
function effect(type: 'ledger', params: LedgerParams): never;
function effect(type: 'callMerchant', params: MerchantCallParams): never;
function effect(type: 'startSupervision', params: StartSupervisionParams): never;
function effect(type: 'noticeMerchant', params: MerchantNoticeParams): never;
function effect(type: 'orderRefunded', params: OrderRefundedParams): never;
function effect(type: 'invoiceIssued', params: InvoiceIssuedParams): never;
function effect(type: 'interfaceFailureEmail', params: InterfaceFailureEmailParams): never;
function effect(type: 'interfaceFixNotified', params: InterfaceFixNotifiedParams): never;
function effect(type: EffectName, params: object): never {
  return { type, params } as never;
}

function invoiceIssuedParams(context: OrderContext, electronic: boolean): InvoiceIssuedParams {
  return {
    orderId: context.orderId,
    merchantId: context.product.merchantId,
    buyerId: context.buyerId,
    electronic,
    channels: electronic ? context.params.eInvoiceChannels : [],
  };
}

/** ORD-10: the creation call of one resource (the order's single resource keeps the plain id). */
function creationCallId(context: Pick<OrderContext, 'orderId' | 'resources'>, resource: number): string {
  return context.resources === 1 ? `${context.orderId}:createInstance` : `${context.orderId}:createInstance:${resource}`;
}

function creationReplyFailed(context: OrderContext, event: OrderEvent): boolean {
  const reply = replyTo(event);
  if (!reply || reply.ok) return false;
  return reply.callId === `${context.orderId}:createInstance` || reply.callId.startsWith(`${context.orderId}:createInstance:`);
}

/** What the buyer paid that has not gone back yet, source by source (ORD-10 may have returned some already). */
function remainingSources(context: OrderContext): PaymentSources {
  const left: Record<keyof PaymentSources, number> = { ...context.sources };
  for (const name of PAYMENT_SOURCE_NAMES) left[name] -= context.unsubscribed.sources[name];
  return left;
}

/**
 * ORD-10: the refund order of one failed resource: an equal share of what was paid (the last one open takes what
 * is left, so the shares add up to the amount); an hourly order's is 0, it only stops billing (ORD-4).
 */
function resourceUnsubscribeEntry(context: OrderContext, at: number): LedgerParams {
  const failed = context.unsubscribed.count + 1;
  const left = context.amountFen - context.unsubscribed.amountFen;
  const share = context.product.chargingMode === 'hourly' ? 0 : failed >= context.resources ? left : Math.floor(context.amountFen / context.resources);
  return refundEntry(context, {
    relatesTo: context.orderId,
    amountFen: share,
    sources: refundSources(remainingSources(context), share),
    at,
    tags: { autoUnsubscribed: true },
    ...(context.resources > 1 ? { orderId: `${context.orderId}-RF${failed}` } : {}),
  });
}

function unsubscribedAfter(context: OrderContext, entry: LedgerParams): OrderContext['unsubscribed'] {
  const sources: Record<keyof PaymentSources, number> = { ...context.unsubscribed.sources };
  for (const name of PAYMENT_SOURCE_NAMES) sources[name] -= entry.paymentSources[name]; // refund sources are negative
  return { count: context.unsubscribed.count + 1, amountFen: context.unsubscribed.amountFen - entry.amountFen, sources };
}

/** When the next usage statement is due: the next settlement month boundary, or the run's end if sooner. */
function statementAt(context: OrderContext, now: number): number {
  const monthEnd = startOfNextLocalMonth(now, context.params.settlementUtcOffsetMinutes);
  const until = context.statementsUntil;
  return until !== undefined && now < until && until < monthEnd ? until : monthEnd;
}

/**
 * The hours a statement at `now` bills: those ended before it (one ending on a month boundary belongs to the new
 * month), and at the run's end also the one ending then, as an hour is billed the moment it ends.
 */
function statementBill(context: OrderContext, now: number): ReturnType<typeof billHours> | undefined {
  const meter: Meter | undefined = context.meter;
  if (!meter) return undefined;
  const hourMs = context.params.billingHourMs;
  return billHours(meter, endedHours(meter, now, hourMs, now === context.statementsUntil), hourMs);
}

function stopBill(context: OrderContext, now: number): ReturnType<typeof billHours> | undefined {
  const meter = context.meter;
  return meter ? billHours(meter, startedHours(meter, now, context.params.billingHourMs), context.params.billingHourMs) : undefined;
}
