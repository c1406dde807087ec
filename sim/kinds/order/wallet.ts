// Each buyer's wallet during a run (balance cash and credit, coupons, cash coupons / stored-value cards), debited
// and credited only from `ledger` effects, so it always agrees with the money facts in the log (ORD-7).
import type { BuyerDef } from '../../../machines/catalog.js';
import type { LedgerParams } from '../../../machines/contracts.js';
import type { World } from '../../engine/engine.js';
import type { OrderContext } from '../../../machines/order.js';
import { billHours, endedHours } from '../../../machines/usage.js';

export interface Wallet {
  balanceCashFen: number;
  balanceCreditFen: number;
  /** Unused coupons (优惠券): one is consumed whole by the order that uses it. */
  coupons: ReadonlyMap<string, number>;
  /** Cash coupons / stored-value cards with what is left on each. */
  cashCoupons: ReadonlyMap<string, number>;
  /** The buyer's hourly orders whose usage may not be billed yet (ORD-8 bills lazily), in purchase order. */
  metered: readonly string[];
}

/** The cards of a buyer who has none, shared: most buyers have none, and two empty maps per buyer add up at scale. */
const NONE: ReadonlyMap<string, number> = new Map();
const NO_ORDERS: readonly string[] = [];

const cards = (list: readonly { id: string; amountFen: number }[] | undefined): ReadonlyMap<string, number> =>
  list && list.length > 0 ? new Map(list.map((c) => [c.id, c.amountFen])) : NONE;

/** The wallet's own copy of a card map, made on first write so that NONE is never written. */
function own(wallet: Wallet, key: 'coupons' | 'cashCoupons'): Map<string, number> {
  if (wallet[key] === NONE) wallet[key] = new Map();
  return wallet[key] as Map<string, number>;
}

const WALLETS = new WeakMap<World, Map<string, Wallet>>();

function fresh(buyer: BuyerDef | undefined): Wallet {
  return {
    balanceCashFen: buyer?.balanceCashFen ?? 0,
    balanceCreditFen: buyer?.balanceCreditFen ?? 0,
    coupons: cards(buyer?.coupons),
    cashCoupons: cards(buyer?.cashCoupons),
    metered: NO_ORDERS,
  };
}

/** The buyer's wallet in this run, created from the scenario's buyer on first use. */
export function walletOf(world: World, buyers: ReadonlyMap<string, BuyerDef>, buyerId: string): Wallet {
  let wallets = WALLETS.get(world);
  if (!wallets) {
    wallets = new Map();
    WALLETS.set(world, wallets);
  }
  let wallet = wallets.get(buyerId);
  if (!wallet) {
    wallet = fresh(buyers.get(buyerId));
    wallets.set(buyerId, wallet);
  }
  return wallet;
}

/**
 * Applies one money fact. Orders and usage debit; refunds give back the balance parts (assumption: coupon and
 * cash-coupon value is not returned to the cards); usage may take the cash balance below zero (arrears).
 */
export function applyLedger(wallet: Wallet, entry: LedgerParams): void {
  const { paymentSources: sources } = entry;
  wallet.balanceCashFen -= sources.balanceCash;
  wallet.balanceCreditFen -= sources.balanceCredit;
  // ORD-4: an hourly order's refund stops its billing, and bills what was left (its usage comes first).
  if (entry.chargingMode === 'hourly' && entry.entry === 'refund') wallet.metered = wallet.metered.filter((id) => id !== entry.relatesTo);
  if (entry.entry !== 'order') return;
  if (entry.chargingMode === 'hourly') wallet.metered = [...wallet.metered, entry.orderId];
  const coupon = entry.instruments?.coupon;
  if (coupon !== undefined && wallet.coupons.has(coupon)) own(wallet, 'coupons').delete(coupon);
  for (const use of entry.instruments?.cashCoupons ?? []) {
    own(wallet, 'cashCoupons').set(use.id, (wallet.cashCoupons.get(use.id) ?? 0) - use.amountFen);
  }
}

/**
 * ORD-8: what the buyer's hourly orders paid from the balance owe for hours already ended (before `now`) but not
 * yet billed. The hours are billed at each month's end; the balance a purchase sees is the same as if every hour
 * were billed the moment it ended.
 */
export function accruedUsageFen(world: World, wallet: Wallet, now: number): number {
  let owed = 0;
  for (const id of wallet.metered) {
    const order = world.snapshot({ kind: 'order', id })?.context as OrderContext | undefined;
    if (!order?.meter || order.method !== 'balance') continue;
    const hourMs = order.params.billingHourMs;
    for (const bill of billHours(order.meter, endedHours(order.meter, now, hourMs), hourMs).bills) owed += bill.hours * bill.image.unitPriceFen;
  }
  return owed;
}
