// Invariants of orders and instances: nothing bought that the profile forbids at that moment (PUB-2, HIDE-2/3,
// DEL-1/4), no instance active past its validity (REN-2, ORD-9), every merchant call applied at most once (INT-1).
import { purchaseAvailability, type ProductSnapshot, type PurchaseChannel } from '../../../machines/productAvailability.js';
import type { OrderSnapshot } from '../../../machines/orderRefusals.js';
import type { Invariant, World } from '../../engine/engine.js';
import { appliedCalls } from '../../merchant/peer.js';

const isOrder = (entity: string) => entity.startsWith('order:');

function activePastValidity(order: OrderSnapshot, now: number): boolean {
  const until = order.context.validUntil;
  return until !== undefined && now > until && order.matches({ serving: 'active' });
}

export const ORDER_INVARIANTS: readonly Invariant[] = [
  {
    id: 'INV-NO-FORBIDDEN-PURCHASE',
    rules: ['PUB-2', 'HIDE-2', 'HIDE-3', 'DEL-1', 'DEL-4'],
    description: 'an accepted purchase was of a product the profile let this buyer buy at that moment',
    afterStep: ({ entry, after }, world: World) => {
      if (!isOrder(entry.entity) || entry.event !== 'purchase' || !entry.accepted) return undefined;
      const order = after as OrderSnapshot;
      const product = world.snapshot({ kind: 'product', id: order.context.product.id }) as ProductSnapshot | undefined;
      if (!product) return `bought product ${order.context.product.id}, which is not in the run`;
      const availability = purchaseAvailability(product, order.context.channel as PurchaseChannel, order.context.spec.id);
      return availability.ok ? undefined : `bought although ${availability.rule}: ${availability.reason}`;
    },
  },
  {
    id: 'INV-NOT-ACTIVE-PAST-VALIDITY',
    rules: ['REN-2', 'ORD-9'],
    description: 'an instance is never active past its validity without a renewal',
    afterStep: ({ entry, after }, world: World) =>
      isOrder(entry.entity) && activePastValidity(after as OrderSnapshot, world.now)
        ? `active at ${world.now} past its validity ${(after as OrderSnapshot).context.validUntil}`
        : undefined,
    atEnd: (world: World) =>
      [...world.entities('order')]
        .filter(([, snapshot]) => activePastValidity(snapshot as OrderSnapshot, world.now))
        .map(([id]) => ({ entity: `order:${id}`, message: 'active past its validity at the end of the run' })),
  },
  {
    id: 'INV-MERCHANT-CALL-ONCE',
    rules: ['INT-1', 'INT-2', 'REN-6'],
    description: 'the merchant applies each callId at most once: a repeated call changes nothing',
    atEnd: (world: World) =>
      [...appliedCalls(world)]
        .filter(([, times]) => times > 1)
        .map(([callId, times]) => ({ entity: `merchant-call:${callId}`, message: `applied ${times} times` })),
  },
];
