// Buyer wallets (ORD-7): money facts debit and credit them; buyers without cards share no mutable state.
import { describe, expect, test } from 'vitest';
import type { BuyerDef } from '../machines/catalog.js';
import type { LedgerParams } from '../machines/contracts.js';
import type { World } from '../sim/engine/engine.js';
import { applyLedger, walletOf } from '../sim/kinds/order/wallet.js';

const buyer = (id: string, extra: Partial<BuyerDef> = {}): BuyerDef =>
  ({ id, name: id, phone: '1', balanceCashFen: 5000, balanceCreditFen: 0, coupons: [], cashCoupons: [], exclusiveDiscounts: [], ...extra }) as BuyerDef;

const order = (buyerId: string, cash: number, instruments?: LedgerParams['instruments']): LedgerParams =>
  ({
    entry: 'order',
    orderId: 'o',
    orderType: 'purchase',
    merchantId: 'm',
    productId: 'p',
    specId: 's',
    buyerId,
    deliveryType: 'saas',
    chargingMode: 'period',
    amountFen: cash,
    at: 0,
    paymentSources: { coupon: 0, cashCoupons: 0, balanceCash: cash, balanceCredit: 0, monthlySettlement: 0 },
    ...(instruments ? { instruments } : {}),
    tags: {},
  }) as LedgerParams;

describe('ORD-7 wallets', () => {
  test('ORD-7: a card spent by a buyer who had none is that buyer’s alone (buyers without cards share one empty map)', () => {
    const world = {} as World;
    const buyers = new Map([['a', buyer('a')], ['b', buyer('b')]]);
    applyLedger(walletOf(world, buyers, 'a'), order('a', 100, { cashCoupons: [{ id: 'card', amountFen: 30 }] }));
    expect(walletOf(world, buyers, 'a').cashCoupons.get('card')).toBe(-30);
    expect(walletOf(world, buyers, 'b').cashCoupons.size).toBe(0);
    expect(walletOf(world, buyers, 'a').balanceCashFen).toBe(4900);
    expect(walletOf(world, buyers, 'b').balanceCashFen).toBe(5000);
  });

  test('ORD-7: a coupon is consumed whole and a stored-value card keeps what is left, per buyer', () => {
    const world = {} as World;
    const buyers = new Map([
      ['a', buyer('a', { coupons: [{ id: 'c1', amountFen: 500 }], cashCoupons: [{ id: 'k1', amountFen: 800 }] })],
      ['b', buyer('b', { coupons: [{ id: 'c1', amountFen: 500 }] })],
    ]);
    applyLedger(walletOf(world, buyers, 'a'), order('a', 0, { coupon: 'c1', cashCoupons: [{ id: 'k1', amountFen: 300 }] }));
    expect(walletOf(world, buyers, 'a').coupons.has('c1')).toBe(false);
    expect(walletOf(world, buyers, 'a').cashCoupons.get('k1')).toBe(500);
    expect(walletOf(world, buyers, 'b').coupons.get('c1')).toBe(500);
  });
});
