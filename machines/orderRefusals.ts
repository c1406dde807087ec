// Precise reasons for refused order commands (the guards say only yes or no): which join or rule failed.
// Pure: reads the snapshot and the event; undefined falls back to the machine's own metadata.
import type { AnyEventObject, SnapshotFrom } from 'xstate';
import type { Refusal } from './domain.js';
import { autoRenewEligible, termsSold, type orderMachine } from './orderMachine.js';
import type { Availability } from './productAvailability.js';
import type { PaymentDecision } from './payment.js';

export type OrderSnapshot = SnapshotFrom<typeof orderMachine>;

function joined(event: AnyEventObject): Refusal | undefined {
  const availability = (event as { availability?: Availability }).availability;
  if (availability && !availability.ok) return { rules: [availability.rule], reason: availability.reason };
  const payment = (event as { payment?: PaymentDecision }).payment;
  if (payment && !payment.ok) return { rules: [payment.rule], reason: payment.reason };
  return undefined;
}

function refundRefusal(snapshot: OrderSnapshot, event: AnyEventObject): Refusal | undefined {
  if (!snapshot.matches('serving')) return undefined;
  const { params, product } = snapshot.context;
  if ((event as { by?: string }).by === 'operator') {
    return { rules: ['REF-3'], reason: `an exception refund needs a listed reason (${params.exceptionRefundReasons.join(', ')}) and an amount up to the amount paid` };
  }
  if (params.noReasonRefundWindowMs > 0 && params.noReasonRefundDeliveryTypes.includes(product.deliveryType)) {
    return { rules: ['REF-1', 'REF-3'], reason: 'the no-reason refund window has passed; only operations can enter an exception refund' };
  }
  return { rules: ['REF-4', 'REF-3'], reason: 'the order has taken effect; only operations can enter an exception refund' };
}

function autoRenewRefusal(context: OrderSnapshot['context']): Refusal {
  const { autoRenewChargingModes: modes, autoRenewDeliveryTypes: types } = context.params;
  return { rules: ['REN-1'], reason: `auto-renewal exists only for ${modes.join(', ')} products of types ${types.join(', ')}` };
}

export function explainOrderRefusal(snapshot: OrderSnapshot, event: AnyEventObject): Refusal | undefined {
  const { context } = snapshot;
  switch (event.type) {
    case 'purchase': {
      const fromJoin = joined(event);
      if (fromJoin) return fromJoin;
      if (!termsSold(context)) {
        const { chargingModes, periodUnits } = context.params;
        return { rules: ['ORD-2'], reason: `not sold: charging modes ${chargingModes.join(', ')}, period units ${periodUnits.join(', ')}` };
      }
      if ((event as { autoRenew?: boolean }).autoRenew && !autoRenewEligible(context)) return autoRenewRefusal(context);
      return undefined;
    }
    case 'renew':
    case 'convertTrial': {
      if (context.product.chargingMode !== 'period') return { rules: ['REN-1'], reason: 'only period products are renewed' };
      if (event.type === 'renew' && context.trial) return { rules: ['REN-5'], reason: 'a trial is converted to paid, not renewed' };
      return joined(event);
    }
    case 'setAutoRenew':
      return autoRenewRefusal(context);
    case 'refund':
      return refundRefusal(snapshot, event);
    case 'applyInvoice':
      if ((event as { by?: string }).by !== 'buyer') return { rules: ['ORD-14'], reason: 'only the buyer applies for an invoice' };
      if (context.invoice !== undefined) return { rules: ['ORD-14'], reason: 'an invoice was already applied for' };
      return { rules: ['ORD-14'], reason: 'only a paid order is invoiced' };
    case 'issueInvoice':
      if ((event as { by?: string }).by !== 'seller') return { rules: ['ORD-14'], reason: 'only the merchant issues the invoice' };
      return { rules: ['ORD-14'], reason: context.invoice === undefined ? 'the buyer has not applied for an invoice' : 'the invoice is already issued' };
    case 'notifyInterfaceFixed':
      return { rules: ['INT-4'], reason: 'the merchant reports a fix only after an expiry call that failed and was given up (REN-3)' };
    case 'refundRenewal':
      return { rules: ['REN-5', 'REF-4'], reason: 'no renewal that has not taken effect yet' };
    default:
      return undefined;
  }
}
