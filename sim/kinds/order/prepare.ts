// Preparers for order events: join the product lifecycle (availability), the buyer's wallet (ORD-7 payment),
// exclusive discounts (ORD-11), earlier no-reason refunds (REF-2) and image prices (ORD-8) into the event.
import type { SnapshotFrom } from 'xstate';
import type { ProductDef, SpecDef } from '../../../machines/catalog.js';
import type { OrderContext } from '../../../machines/order.js';
import type { orderMachine } from '../../../machines/orderMachine.js';
import { allocatePayment, NO_PAYMENT, type PaymentDecision, type PaymentMethod } from '../../../machines/payment.js';
import {
  purchaseAvailability,
  renewalAvailability,
  type Availability,
  type ProductSnapshot,
  type PurchaseChannel,
} from '../../../machines/productAvailability.js';
import type { ImageOnDisk } from '../../../machines/usage.js';
import type { World } from '../../engine/engine.js';
import type { Command } from '../../log/entry.js';
import { accruedUsageFen, walletOf } from './wallet.js';
import { demandDiscount } from '../../../machines/customerDemandMachine.js';
import { effectiveDiscount } from '../demand/index.js';
import type { EventPreparer } from '../../module.js';
import type { RunContext } from '../../runContext.js';

type OrderSnapshot = SnapshotFrom<typeof orderMachine>;

const FREE: PaymentDecision = { ok: true, sources: NO_PAYMENT, instruments: {}, discountFen: 0 };

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function specOf(product: ProductDef, specId: string | undefined): SpecDef | undefined {
  return specId === undefined ? product.specs[0] : product.specs.find((s) => s.id === specId);
}

function productSnapshot(world: World, productId: string): ProductSnapshot | undefined {
  return world.snapshot({ kind: 'product', id: productId }) as ProductSnapshot | undefined;
}

/**
 * ORD-11 / ORD-12: the exclusive discount behind a private link, if this buyer may use it on this product: one a
 * merchant created from a customer demand (only once in effect), or one the scenario's catalogue gives a buyer.
 */
function exclusiveDiscount(
  world: World,
  run: RunContext,
  link: string,
  buyerId: string,
  productId: string,
): { ok: true; basisPoints: number } | { ok: false; error: string; rule: string } {
  const { effective, pending } = effectiveDiscount(world, link);
  const fromDemand = demandDiscount(effective, pending, link, buyerId, productId);
  if (fromDemand) return fromDemand;
  for (const owner of run.buyers.values()) {
    const discount = owner.exclusiveDiscounts.find((d) => d.id === link);
    if (!discount) continue;
    if (owner.id !== buyerId) return { ok: false, error: `private link ${link} is designated to another customer; only they see and get it`, rule: 'ORD-11' };
    if (discount.product !== productId) return { ok: false, error: `private link ${link} is for product ${discount.product}`, rule: 'ORD-11' };
    return { ok: true, basisPoints: discount.discountBasisPoints };
  }
  return { ok: false, error: `no exclusive discount behind private link ${link}`, rule: 'ORD-11' };
}

interface PaymentAsk {
  readonly buyerId: string;
  readonly product: ProductDef;
  readonly priceFen: number;
  readonly discountBasisPoints: number;
  readonly couponIds: readonly string[];
  readonly cashCouponIds: readonly string[];
  readonly method: PaymentMethod;
}

/** ORD-7 against the buyer's wallet as it is now (the wallet changes only when the order's ledger effect runs). */
function payment(world: World, run: RunContext, ask: PaymentAsk): PaymentDecision {
  const wallet = walletOf(world, run.buyers, ask.buyerId);
  const missing = ask.couponIds.find((id) => !wallet.coupons.has(id));
  if (missing !== undefined) return { ok: false, rule: 'ORD-7', reason: `coupon ${missing} is not available to this buyer` };
  return allocatePayment(
    {
      priceFen: ask.priceFen,
      deliveryType: ask.product.deliveryType,
      discountBasisPoints: ask.discountBasisPoints,
      coupons: ask.couponIds.map((id) => ({ id, amountFen: wallet.coupons.get(id)! })),
      cashCoupons: ask.cashCouponIds.map((id) => ({ id, remainingFen: wallet.cashCoupons.get(id) ?? 0 })),
      // Hourly usage is billed lazily (ORD-8); the hours already ended are owed all the same.
      balanceCashFen: wallet.balanceCashFen - accruedUsageFen(world, wallet, world.now),
      balanceCreditFen: wallet.balanceCreditFen,
      method: ask.method,
    },
    run.params,
  );
}

/** REF-2: the same buyer's no-reason refund of the same product within the window, not yet re-ordered. */
/**
 * Order ids by buyer and product, in creation order: REF-2's re-order lookup reads one buyer's orders of one product
 * instead of every order of the run on every purchase (which was quadratic in the orders).
 */
const ordersByBuyerProduct = new WeakMap<RunContext, Map<string, string[]>>();

function ordersOf(run: RunContext, buyerId: string, productId: string): string[] {
  let index = ordersByBuyerProduct.get(run);
  if (!index) ordersByBuyerProduct.set(run, (index = new Map()));
  const key = `${buyerId}\u0000${productId}`;
  let ids = index.get(key);
  if (!ids) index.set(key, (ids = []));
  return ids;
}

/** REF-2: the latest no-reason refund of this product by this buyer, within the window, not yet re-ordered. */
function refundReordered(world: World, run: RunContext, buyerId: string, productId: string): string | undefined {
  if (!run.params.noReasonRefundExcludedFromSettlement) return undefined;
  const orders = ordersOf(run, buyerId, productId)
    .map((id) => (world.snapshot({ kind: 'order', id }) as OrderSnapshot | undefined)?.context)
    .filter((o): o is OrderContext => o !== undefined);
  // A re-order always names an order of its own buyer and product, so this bucket holds every claim on them.
  const taken = new Set(orders.map((o) => o.reorderOf).filter((id): id is string => id !== undefined));
  const candidates = orders.filter(
    (o) =>
      o.refund?.noReasonRefund === true &&
      world.now - o.refund.at <= run.params.noReasonReorderWindowMs &&
      !taken.has(o.orderId),
  );
  return candidates.sort((a, b) => b.refund!.at - a.refund!.at)[0]?.orderId;
}

function unavailable(rule: string, reason: string): Availability {
  return { ok: false, rule, reason };
}

/**
 * `purchase`: creates the order entity, with availability, payment and the REF-2 link joined in. The order's own
 * buyer may purchase it again, of the same product and spec, while it is new (after a refusal, say). Any other
 * purchase naming an existing order (another buyer, or another product or spec: the order keeps the ones it was
 * created with) is refused here (ORD-1: a purchase creates an order, of one buyer and one product), and nothing of
 * it is read or recorded: another buyer's wallet and REF-2 index are not this order's to touch (a run split by buyer
 * holds them in another shard), and another product's price is not this order's.
 */
export const preparePurchase: EventPreparer = (command, world, run) => {
  const event = command.event;
  const buyerId = text(event.buyer) ?? '';
  const product = run.products.get(text(event.product) ?? '');
  const spec = product && specOf(product, text(event.spec));
  const existing = world.snapshot(command.target)?.context as OrderContext | undefined;
  if (existing !== undefined && (existing.buyerId !== buyerId || existing.product.id !== product?.id || existing.spec.id !== spec?.id)) {
    const what = existing.buyerId !== buyerId ? `buyer ${existing.buyerId}` : `${existing.product.id} (${existing.spec.id})`;
    const reason = `order ${command.target.id} was created for ${what}: a purchase of it cannot name another`;
    return { ...command, event: { ...event, availability: unavailable('ORD-1', reason), payment: FREE } };
  }
  if (!product || !spec) {
    return { ...command, event: { ...event, availability: unavailable('PUB-2', 'unknown product or spec'), payment: FREE } };
  }
  const link = text(event.privateLink);
  const channel: PurchaseChannel = link !== undefined ? 'privateLink' : ((text(event.channel) as PurchaseChannel | undefined) ?? 'storefront');
  const snapshot = productSnapshot(world, product.id);
  const availability = snapshot ? purchaseAvailability(snapshot, channel, spec.id) : unavailable('PUB-2', 'product not in this run');
  const periods = typeof event.periods === 'number' ? event.periods : 1;
  const method: PaymentMethod = event.payWith === 'monthlySettlement' ? 'monthlySettlement' : 'balance';
  const discount = link !== undefined ? exclusiveDiscount(world, run, link, buyerId, product.id) : { ok: true as const, basisPoints: 0 };
  const paid: PaymentDecision =
    event.trial === true || product.chargingMode === 'hourly'
      ? FREE
      : !discount.ok
        ? { ok: false, rule: discount.rule, reason: discount.error } // a PaymentDecision: events.jsonl's field names
        : payment(world, run, {
            buyerId,
            product,
            priceFen: spec.priceFen * periods,
            discountBasisPoints: discount.basisPoints,
            couponIds: texts(event.coupons),
            cashCouponIds: texts(event.cashCoupons),
            method,
          });
  const reorderOf = refundReordered(world, run, buyerId, product.id);
  const sameBuyerAndProduct = ordersOf(run, buyerId, product.id);
  if (!sameBuyerAndProduct.includes(command.target.id)) sameBuyerAndProduct.push(command.target.id);
  return preparedPurchase(command, { channel, periods, method, availability, payment: paid, reorderOf }, run, product, spec, buyerId);
};

function preparedPurchase(
  command: Command,
  fields: { channel: PurchaseChannel; periods: number; method: PaymentMethod; availability: Availability; payment: PaymentDecision; reorderOf: string | undefined },
  run: RunContext,
  product: ProductDef,
  spec: SpecDef,
  buyerId: string,
): Command {
  const { reorderOf, ...rest } = fields;
  return {
    ...command,
    event: {
      ...command.event,
      ...rest,
      autoRenew: command.event.autoRenew === true,
      trial: command.event.trial === true,
      ...(reorderOf !== undefined ? { reorderOf } : {}),
    },
    create: {
      input: {
        params: run.params,
        orderId: command.target.id,
        product: orderProduct(product, run),
        spec,
        buyerId,
        statementsUntil: run.scenario.end,
      },
    },
  };
}

/** What an order keeps of its product: one frozen object per product, shared by all its orders (a large run has many). */
function orderProduct(product: ProductDef, run: RunContext): OrderContext['product'] {
  let kept = ORDER_PRODUCTS.get(product);
  if (!kept) {
    const eInvoice = run.merchants.get(product.merchantId)?.eInvoiceByDefault === true;
    kept = Object.freeze({
      id: product.id,
      merchantId: product.merchantId,
      deliveryType: product.deliveryType,
      chargingMode: product.chargingMode,
      ...(product.softwareDevelopmentCloud === true ? { softwareDevelopmentCloud: true } : {}),
      ...(eInvoice ? { eInvoiceByDefault: true } : {}),
    });
    ORDER_PRODUCTS.set(product, kept);
  }
  return kept;
}

const ORDER_PRODUCTS = new WeakMap<ProductDef, OrderContext['product']>();

function orderContext(world: World, command: Command): OrderContext | undefined {
  return (world.snapshot(command.target) as OrderSnapshot | undefined)?.context;
}

/** `renew` (buyer, or the system for auto-renewal): DEL-5 from the lifecycle, payment from the wallet. */
export const prepareRenewal: EventPreparer = (command, world, run) => {
  const order = orderContext(world, command);
  const product = order && run.products.get(order.product.id);
  if (!order || !product) return command;
  const snapshot = productSnapshot(world, product.id);
  const periods = typeof command.event.periods === 'number' ? command.event.periods : 1;
  const availability = snapshot ? renewalAvailability(snapshot, order.spec.id) : unavailable('DEL-5', 'product not in this run');
  const paid = payment(world, run, {
    buyerId: order.buyerId,
    product,
    priceFen: order.spec.priceFen * periods,
    discountBasisPoints: 0,
    couponIds: texts(command.event.coupons),
    cashCouponIds: texts(command.event.cashCoupons),
    method: order.method,
  });
  return { ...command, event: { ...command.event, periods, auto: command.event.auto === true, availability, payment: paid } };
};

/** `convertTrial` (REN-5): the trial becomes a paid order of the period bought. */
export const prepareTrialConversion: EventPreparer = (command, world, run) => {
  const order = orderContext(world, command);
  const product = order && run.products.get(order.product.id);
  if (!order || !product) return command;
  const method: PaymentMethod = command.event.payWith === 'monthlySettlement' ? 'monthlySettlement' : order.method;
  const paid = payment(world, run, {
    buyerId: order.buyerId,
    product,
    priceFen: order.spec.priceFen * order.periods,
    discountBasisPoints: 0,
    couponIds: texts(command.event.coupons),
    cashCouponIds: texts(command.event.cashCoupons),
    method,
  });
  return { ...command, event: { ...command.event, payment: paid } };
};

/** `replaceSystemDisk` (ORD-8): the named market image, with its hourly price and merchant. */
export const prepareDiskSwap: EventPreparer = (command, _world, run) => {
  const product = run.products.get(text(command.event.toProduct) ?? '');
  const spec = product && specOf(product, text(command.event.toSpec));
  const image: ImageOnDisk | undefined =
    product && spec && product.deliveryType === 'image' && product.chargingMode === 'hourly'
      ? { productId: product.id, merchantId: product.merchantId, specId: spec.id, unitPriceFen: spec.priceFen }
      : undefined;
  return { ...command, event: { ...command.event, image } };
};
