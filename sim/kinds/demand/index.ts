// The customer-demand entity kind (`demand:<id>`, ORD-11/ORD-12): its machine, refusal reasons, the preparer that
// creates it, and the effect handler that keeps each discount in effect for the purchases that use its link.
import { customerDemandMachine, explainDemandRefusal, type CustomerDemandInput, type ExclusiveDiscountEffectiveParams } from '../../../machines/customerDemandMachine.js';
import type { World } from '../../engine/engine.js';
import { explainedBy, type EventPreparer, type KindModule, type TypedEffectHandler } from '../../module.js';

/** `submitDemand` creates `demand:<id>` for the named customer and product (the merchant is the product's). */
const prepareSubmitDemand: EventPreparer = (command, _world, run) => {
  const productId = typeof command.event.product === 'string' ? command.event.product : '';
  const input: CustomerDemandInput = {
    demandId: command.target.id,
    customerId: typeof command.event.customer === 'string' ? command.event.customer : '',
    productId,
    merchantId: run.products.get(productId)?.merchantId ?? '',
  };
  return { ...command, create: { input } };
};

/** Discounts in effect per run, by private link (the demand id): kept here, not read from the demand's snapshot. */
const EFFECTIVE = new WeakMap<World, Map<string, ExclusiveDiscountEffectiveParams>>();

const discountEffectiveHandler = (): TypedEffectHandler<'discountEffective'> => (effect, _source, world) => {
  let byLink = EFFECTIVE.get(world);
  if (!byLink) EFFECTIVE.set(world, (byLink = new Map()));
  byLink.set(effect.params.demandId, effect.params);
};

/** The discount in effect behind a private link, and whether a demand of that id exists but is not in effect yet. */
export function effectiveDiscount(world: World, link: string): { effective: ExclusiveDiscountEffectiveParams | undefined; pending: boolean } {
  const effective = EFFECTIVE.get(world)?.get(link);
  return { effective, pending: effective === undefined && world.snapshot({ kind: 'demand', id: link }) !== undefined };
}

export const demandModule: KindModule = {
  name: 'demand',
  entity: { kind: 'demand', machine: customerDemandMachine, explain: explainedBy(explainDemandRefusal) },
  preparers: { submitDemand: prepareSubmitDemand },
  effects: { discountEffective: discountEffectiveHandler },
};
