// Exploration model of the order machine: one variant per profile and charging mode that takes a different path
// through ORD, REF and REN, and the commands (valid and refused ones) to try from each state.
import type { SnapshotFrom } from 'xstate';
import type { SpecDef } from './catalog.js';
import type { ChargingMode, DeliveryType, Platform } from './domain.js';
import { defineModel, type MachineVariant } from './models.js';
import type { OrderEvent } from './order.js';
import { orderMachine } from './orderMachine.js';
import { NO_PAYMENT, type PaymentDecision } from './payment.js';
import { PROFILES } from './rules.js';

/** A fixed instant for generated commands (2024-03-01 09:00 UTC+8). */
const at = Date.UTC(2024, 2, 1, 1, 0, 0);
const PAID: PaymentDecision = { ok: true, sources: { ...NO_PAYMENT, balanceCash: 1000 }, instruments: {}, discountFen: 0 };
const UNPAID: PaymentDecision = { ok: false, rule: 'ORD-7', reason: 'balance short' };
const OK = { ok: true } as const;

function variant(
  name: string,
  platform: Platform,
  deliveryType: DeliveryType,
  chargingMode: ChargingMode,
  extra: { readonly softwareDevelopmentCloud?: boolean } = {},
): MachineVariant<typeof orderMachine> {
  const spec: SpecDef = chargingMode === 'period' ? { id: 's1', name: 'Std', priceFen: 1000, period: 'month' } : { id: 's1', name: 'Std', priceFen: 1000 };
  return {
    name,
    profile: platform,
    input: { params: PROFILES[platform], orderId: 'o1', product: { id: 'p1', merchantId: 'm1', deliveryType, chargingMode, ...extra }, spec, buyerId: 'b1' },
    facts: { deliveryType, chargingMode },
  };
}

const purchase = (fields: Partial<Extract<OrderEvent, { type: 'purchase' }>>): OrderEvent => ({
  type: 'purchase', at, by: 'buyer', channel: 'storefront', periods: 1, autoRenew: false, trial: false, method: 'balance', availability: OK, payment: PAID, ...fields,
});
const reply = (callId: string, ok: boolean): OrderEvent => ({ type: 'merchantReplied', at, by: 'system', callId, ok, ...(ok ? {} : { error: 'down' }) });
const timer = (delay: string, stateId: string) => ({ type: `xstate.after.${delay}.${stateId}` }) as unknown as OrderEvent;

const COMMANDS: readonly OrderEvent[] = [
  purchase({}),
  purchase({ autoRenew: true }),
  purchase({ trial: true }),
  purchase({ availability: { ok: false, rule: 'HIDE-3', reason: 'hidden' } }),
  purchase({ payment: UNPAID }),
  purchase({ resources: 2 }),
  { type: 'renew', at, by: 'buyer', periods: 1, auto: false, availability: OK, payment: PAID },
  { type: 'renew', at, by: 'system', periods: 1, auto: true, availability: { ok: false, rule: 'DEL-5', reason: 'delisted' }, payment: PAID },
  { type: 'convertTrial', at, by: 'buyer', payment: PAID },
  { type: 'setAutoRenew', at, by: 'buyer', on: true },
  { type: 'refund', at, by: 'buyer' },
  { type: 'refund', at, by: 'operator', reason: 'notAsDescribed', amountFen: 500 },
  { type: 'refund', at: at + 6 * 86_400_000, by: 'buyer' },
  { type: 'refundRenewal', at, by: 'buyer' },
  { type: 'freeze', at, by: 'operator', reason: 'violation' },
  { type: 'replaceSystemDisk', at, by: 'buyer', image: { productId: 'p2', merchantId: 'm2', specId: 's', unitPriceFen: 150 } },
  { type: 'supervisionCompleted', at, by: 'system', completedAt: at, validFrom: at },
  reply('o1:createInstance', true),
  reply('o1:createInstance', false),
  reply('o1:createInstance:1', false),
  { type: 'applyInvoice', at, by: 'buyer' },
  { type: 'issueInvoice', at, by: 'seller', electronic: true },
  { type: 'notifyInterfaceFixed', at, by: 'seller' },
];

function freezeReplies(snapshot: SnapshotFrom<typeof orderMachine>): OrderEvent[] {
  const call = snapshot.context.freezeCall;
  return call ? [reply(call.callId, true), reply(call.callId, false)] : [];
}

function timers(snapshot: SnapshotFrom<typeof orderMachine>): OrderEvent[] {
  if (snapshot.matches({ serving: 'active' })) {
    return [timer('autoRenewal', 'order.serving.active'), timer('expiry', 'order.serving.active'), ...(snapshot.matches({ serving: { active: 'running' } }) ? [timer('expiringNotice', 'order.serving.active.running')] : [])];
  }
  if (snapshot.matches({ serving: 'metered' })) return [timer('usageStatement', 'order.serving.metered')];
  if (snapshot.matches('frozen')) {
    return [timer('frozenRetention', 'order.frozen'), ...(snapshot.matches({ frozen: 'waiting' }) ? [timer('freezeRetryInterval', 'order.frozen.waiting')] : [])];
  }
  return [];
}

export const orderModel = defineModel({
  name: 'order',
  machine: orderMachine,
  rules: [
    'ORD-1', 'ORD-2', 'ORD-3', 'ORD-4', 'ORD-7', 'ORD-8', 'ORD-9', 'ORD-10', 'ORD-11', 'ORD-13', 'ORD-14',
    'REF-1', 'REF-2', 'REF-3', 'REF-4', 'REN-1', 'REN-2', 'REN-3', 'REN-4', 'REN-5', 'REN-6', 'INT-1', 'INT-3', 'INT-4', 'DEL-5',
  ],
  variants: [
    variant('koogallery-image-period', 'koogallery', 'image', 'period'),
    variant('koogallery-saas-period', 'koogallery', 'saas', 'period'),
    variant('tencent-image-period', 'tencent', 'image', 'period'),
    variant('koogallery-image-hourly', 'koogallery', 'image', 'hourly'),
    variant('koogallery-api-perUse', 'koogallery', 'api', 'perUse'),
    variant('koogallery-saas-hourly', 'koogallery', 'saas', 'hourly'),
    variant('koogallery-license-perUse', 'koogallery', 'license', 'perUse'),
    variant('koogallery-api-period-softwareDevelopmentCloud', 'koogallery', 'api', 'period', { softwareDevelopmentCloud: true }),
  ],
  events: (snapshot: SnapshotFrom<typeof orderMachine>) => [...COMMANDS, ...freezeReplies(snapshot), ...timers(snapshot)],
  serialize: (snapshot: SnapshotFrom<typeof orderMachine>) => {
    const { context } = snapshot;
    return JSON.stringify([
      snapshot.value,
      context.trial,
      context.autoRenew,
      // Bounded abstractions: whether a renewal exists and whether the latest is refunded; images put on the disk since the last bill (capped).
      context.renewals.length > 0,
      context.renewals[context.renewals.length - 1]?.refunded ?? null,
      context.validFrom === undefined,
      context.freezeCall?.endpoint ?? null,
      Math.min(3, new Set(context.meter?.swaps.map((s) => s.image.productId) ?? []).size),
      context.invoice === undefined ? null : context.invoice.issuedAt !== undefined,
      context.resources,
      context.unsubscribed.count,
    ]);
  },
  maxDepth: 8,
});
