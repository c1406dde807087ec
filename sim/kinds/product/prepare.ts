// Preparers for product events: the DEL-3 review length drawn from the seed, the pending settlements of the product
// (STL-5) and the replay of its saved interface test cases (INT-1), joined into the command before the machine sees it.
import type { OrderContext } from '../../../machines/order.js';
import { addMonthsToMonth, localMonth } from '../../../machines/time.js';
import { hourStartOf } from '../../../machines/usage.js';
import type { World } from '../../engine/engine.js';
import type { Command } from '../../log/entry.js';
import { replaySavedCases } from '../../merchant/interfaceTests.js';
import { withFields, type EventPreparer } from '../../module.js';
import type { RunContext } from '../../runContext.js';

/** A product command, or undefined when the event type is shared with another kind and this one is not a product's. */
function productCommand(command: Command): Command | undefined {
  return command.target.kind === 'product' ? command : undefined;
}

/**
 * STL-5: the product's orders with money whose settlement is still pending now: under supervision and not completed
 * (SUP-10), or with a money movement whose statement month has not passed (a statement month is open for the whole
 * month, as the settlement report counts it). An order with renewals counts from the last event it took, which is
 * never earlier than its last payment: a guard must not miss a pending settlement. Reads every buyer's orders.
 */
export function pendingSettlements(world: World, run: RunContext, productId: string): string[] {
  const { settlementUtcOffsetMinutes: offset, settlementLagMonths: lag, supervisedDeliveryTypes } = run.params;
  const month = localMonth(world.now, offset);
  const open = (at: number): boolean => addMonthsToMonth(localMonth(at, offset), lag) >= month;
  const pending: string[] = [];
  for (const [id, snapshot] of world.entities('order')) {
    const order = snapshot.context as OrderContext;
    if (order.product.id !== productId || order.paidAt === undefined || order.trial) continue;
    if (supervisedDeliveryTypes.includes(order.product.deliveryType)) {
      const supervision = world.snapshot({ kind: 'supervision', id: order.orderId })?.context as { completedAt?: number } | undefined;
      if (supervision?.completedAt === undefined || open(supervision.completedAt)) pending.push(id);
      continue;
    }
    const last = Math.max(order.paidAt, order.refund?.at ?? 0, order.renewals.length > 0 ? order.clock : 0, order.meter ? hourStartOf(order.meter, world.now, run.params.billingHourMs) : 0);
    if (open(last)) pending.push(id);
  }
  pending.sort();
  // Split by buyer, a shard holds only its buyers' orders: the other shards' pending settlements are joined in.
  return run.shards ? run.shards.pendingSettlements(productId, pending) : pending;
}

/** `delist` / `requestDelisting`: the pending settlements, when there are any (a product without any needs none). */
const withPendingSettlements: EventPreparer = (command, world, run) => {
  if (!productCommand(command) || command.event.spec !== undefined) return command;
  const pending = pendingSettlements(world, run, command.target.id);
  return pending.length > 0 ? withFields(command, { pendingSettlements: pending }) : command;
};

/** INT-1: the saved cases replayed now, for publication, modification, review and the periodic replay. */
const withInterfaceReplay: EventPreparer = (command, _world, run) => {
  const product = productCommand(command) && run.products.get(command.target.id);
  if (!product) return command;
  const replay = replaySavedCases(product, run.merchants.get(product.merchantId), run.params);
  return replay ? withFields(command, { interfaceReplay: replay }) : command;
};

/** DEL-3: the platform answers in 1–3 business days; the seed decides how many when the file does not. */
const withReviewLength: EventPreparer = (command, world, { params, drawsFor }) =>
  typeof command.event.reviewBusinessDays === 'number'
    ? command
    : withFields(command, {
        reviewBusinessDays: drawsFor(`${command.target.kind}:${command.target.id}/reviewBusinessDays@${world.now}`).int(
          params.delistReviewBusinessDaysMin,
          params.delistReviewBusinessDaysMax,
        ),
      });

export const PRODUCT_PREPARERS: Readonly<Record<string, EventPreparer>> = {
  submit: withInterfaceReplay,
  submitChange: withInterfaceReplay,
  approve: withInterfaceReplay,
  replayInterfaceTests: withInterfaceReplay,
  delist: withPendingSettlements,
  requestDelisting: (command, world, run) => withPendingSettlements(withReviewLength(command, world, run), world, run),
  confirmSettlements: (command, world, run) =>
    productCommand(command) ? withFields(command, { pendingSettlements: pendingSettlements(world, run, command.target.id) }) : command,
};
