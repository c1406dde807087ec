// Supervision in the simulator: builds a service order's machine input from the catalogue, opens it when an
// order is paid (effect `startSupervision`) or a timeline says so, and tells the order when it completes.
import type { SupervisionCompletion, SupervisionInput } from '../../../machines/supervisionMachine.js';
import type { OrderPeriod } from '../../../machines/supervisionFlow.js';
import type { StartSupervisionParams, SupervisionCompletedParams } from '../../../machines/contracts.js';
import type { World } from '../../engine/engine.js';
import type { TypedEffectHandler } from '../../module.js';
import type { Command } from '../../log/entry.js';
import type { RunContext } from '../../runContext.js';

export const SUPERVISION_KIND = 'supervision';

/** The machine's completion is what orders and settlement read as `supervisionCompleted` (checked by the compiler). */
export const completionAsContract = (done: SupervisionCompletion): SupervisionCompletedParams => done;

/** The machine input of `supervision:<orderId>`, joined from the scenario's catalogue. */
export function supervisionInput(run: RunContext, start: StartSupervisionParams): SupervisionInput {
  const product = run.products.get(start.productId);
  const buyer = run.buyers.get(start.buyerId);
  if (!product) throw new Error(`supervision of order ${start.orderId}: unknown product ${start.productId}`);
  if (!buyer) throw new Error(`supervision of order ${start.orderId}: unknown buyer ${start.buyerId}`);
  const spec = product.specs.find((s) => s.id === start.specId) ?? (product.specs.length === 1 ? product.specs[0] : undefined);
  const period: OrderPeriod | undefined = spec?.period ? { unit: spec.period, count: start.periodCount ?? 1 } : undefined;
  return {
    params: run.params,
    orderId: start.orderId,
    productId: product.id,
    merchantId: product.merchantId,
    buyerId: buyer.id,
    deliveryType: product.deliveryType,
    ...(product.licenseMode !== undefined ? { licenseMode: product.licenseMode } : {}),
    // SUP-4: an order is an enablement-cloud (赋能云) order when the buyer bought on the enablement cloud.
    enablementCloud: buyer.enablementCloud ?? false,
    buyerPhone: buyer.phone,
    orderedAt: start.orderedAt,
    ...(period ? { period } : {}),
    ...(product.siteBuilding === true ? { siteBuilding: true } : {}),
  };
}

/** The command that creates `supervision:<orderId>` and opens its flow, at the current virtual time. */
export function openSupervisionCommand(run: RunContext, start: StartSupervisionParams): Command {
  return {
    target: { kind: SUPERVISION_KIND, id: start.orderId },
    event: { type: 'openSupervision', by: 'system', orderId: start.orderId },
    source: 'sim',
    create: { input: supervisionInput(run, start) },
  };
}

/** Effect `startSupervision` (an order of a supervised type was paid): open its service order now. */
export const startSupervisionHandler = (run: RunContext): TypedEffectHandler<'startSupervision'> => (effect, _source, world) => {
  const start = effect.params;
  if (world.snapshot({ kind: SUPERVISION_KIND, id: start.orderId })) return; // one service order per order
  world.schedule(world.now, openSupervisionCommand(run, start));
};

/** Effect `supervisionCompleted`: the order learns when it completed and where its validity starts (SUP-9). */
export const supervisionCompletedHandler = (): TypedEffectHandler<'supervisionCompleted'> => (effect, _source, world) => {
  const contract = effect.params;
  if (!world.snapshot({ kind: 'order', id: contract.orderId })) return;
  world.schedule(world.now, {
    target: { kind: 'order', id: contract.orderId },
    event: { type: 'supervisionCompleted', by: 'system', completedAt: contract.completedAt, validFrom: contract.validFrom },
    source: 'sim',
  });
};

/**
 * Timeline `openSupervision` (scenarios without orders): the item's product, buyer, spec and optional
 * `orderedAt` stand in for the order's StartSupervisionParams.
 */
export function prepareOpenSupervision(command: Command, world: { now: number }, run: RunContext): Command {
  if (command.create) return command; // opened by the startSupervision handler
  const e = command.event as { product?: string; buyer?: string; spec?: string; periods?: number; orderedAt?: number };
  const start: StartSupervisionParams = {
    orderId: command.target.id,
    productId: e.product ?? '',
    merchantId: run.products.get(e.product ?? '')?.merchantId ?? '',
    buyerId: e.buyer ?? '',
    orderedAt: e.orderedAt ?? world.now,
    ...(e.spec !== undefined ? { specId: e.spec } : {}),
    ...(e.periods !== undefined ? { periodCount: e.periods } : {}),
  };
  return { ...command, create: { input: supervisionInput(run, start) } };
}

/**
 * An event for `supervision:<orderId>` of an order that was never paid (its purchase refused) finds no service
 * order. Rather than crash, the service order is created unopened (flow.created) from the order's facts, so the
 * event is logged as refused there: no supervision without a paid order (SUP-10).
 */
export function prepareUnopenedSupervision(command: Command, world: World, run: RunContext): Command {
  if (command.create || world.snapshot(command.target)) return command;
  const order = world.snapshot({ kind: 'order', id: command.target.id })?.context as
    | { product?: { id?: string }; buyerId?: string; spec?: { id?: string }; periods?: number }
    | undefined;
  if (!order?.product?.id || !order.buyerId) throw new Error(`no order ${command.target.id} behind supervision:${command.target.id}`);
  const start: StartSupervisionParams = {
    orderId: command.target.id,
    productId: order.product.id,
    merchantId: run.products.get(order.product.id)?.merchantId ?? '',
    buyerId: order.buyerId,
    orderedAt: world.now,
    ...(order.spec?.id !== undefined ? { specId: order.spec.id } : {}),
  };
  return { ...command, create: { input: supervisionInput(run, start) } };
}

/** Preparers of the supervision events. */
export const SUPERVISION_PREPARERS: Readonly<Record<string, (command: Command, world: World, run: RunContext) => Command>> = {
  openSupervision: prepareOpenSupervision,
  ...Object.fromEntries(
    ['submitRequirement', 'confirmRequirement', 'rejectRequirement', 'deliver', 'ship', 'courierSignedOff', 'remindBuyer',
      'activateAuthCode', 'uploadDeliveryProof', 'acceptDelivery', 'openAppeal', 'resolveAppeal'].map((type) => [type, prepareUnopenedSupervision]),
  ),
};
