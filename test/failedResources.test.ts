// ORD-10 / ORD-13: resources of an order that fail to open are unsubscribed automatically, one by one, with their
// share of what was paid; 软开云 (software-development-cloud) products are the exception.
import { createActor } from 'xstate';
import { describe, expect, test } from 'vitest';
import type { LedgerParams } from '../machines/contracts.js';
import type { OrderEvent } from '../machines/order.js';
import { orderMachine } from '../machines/orderMachine.js';
import { NO_PAYMENT } from '../machines/payment.js';
import { PROFILES } from '../machines/rules.js';
import { interfaceMessages, ledger, order, runText } from './support/orderHarness.js';

const at = Date.UTC(2024, 0, 5, 2);

/** One order of 3 resources paid 100.00 (30.00 coupon, 70.00 cash), driven event by event; its money facts kept. */
function threeResources(softwareDevelopmentCloud = false) {
  const facts: LedgerParams[] = [];
  const calls: string[] = [];
  const machine = orderMachine.provide({
    actions: {
      ledger: (_, params: LedgerParams) => void facts.push(params),
      callMerchant: (_, params: { callId: string }) => void calls.push(params.callId),
    },
  });
  const actor = createActor(machine, {
    input: {
      params: PROFILES.koogallery,
      orderId: 'o1',
      product: { id: 'p1', merchantId: 'm1', deliveryType: 'api', chargingMode: 'period', ...(softwareDevelopmentCloud ? { softwareDevelopmentCloud } : {}) },
      spec: { id: 's1', name: 'Std', priceFen: 10000, period: 'month' },
      buyerId: 'b1',
    },
  }).start();
  const purchase: OrderEvent = {
    type: 'purchase', at, by: 'buyer', channel: 'storefront', periods: 1, autoRenew: false, trial: false, method: 'balance', resources: 3,
    availability: { ok: true },
    payment: { ok: true, sources: { ...NO_PAYMENT, coupon: 3000, balanceCash: 7000 }, instruments: {}, discountFen: 0 },
  };
  actor.send(purchase);
  const reply = (callId: string, ok: boolean) => actor.send({ type: 'merchantReplied', at: at + 1, callId, ok, endpoint: 'createInstance' });
  return { actor, facts, calls, reply };
}

describe('ORD-10 failed resources are unsubscribed', () => {
  test('ORD-10: one call per resource; the one that fails is unsubscribed with its share, the order keeps running', () => {
    const o = threeResources();
    expect(o.calls).toEqual(['o1:createInstance:1', 'o1:createInstance:2', 'o1:createInstance:3']);
    o.reply('o1:createInstance:1', true);
    o.reply('o1:createInstance:2', false);
    o.reply('o1:createInstance:3', true);
    const refunds = o.facts.filter((f) => f.entry === 'refund');
    expect(refunds.map((f) => [f.orderId, f.amountFen, f.tags.autoUnsubscribed])).toEqual([['o1-RF1', -3333, true]]);
    // Refusal side: the whole order is not refunded; the two open resources stay in service.
    expect(o.actor.getSnapshot().matches({ serving: 'active' })).toBe(true);
    expect(o.actor.getSnapshot().context.unsubscribed).toMatchObject({ count: 1, amountFen: 3333 });
  });

  test('ORD-10: when every resource fails the shares add up to exactly what was paid and the order is refunded', () => {
    const o = threeResources();
    for (const r of [1, 2, 3]) o.reply(`o1:createInstance:${r}`, false);
    const refunds = o.facts.filter((f) => f.entry === 'refund');
    expect(refunds.map((f) => f.amountFen)).toEqual([-3333, -3333, -3334]);
    const back = refunds.reduce((s, f) => s + f.paymentSources.coupon + f.paymentSources.balanceCash, 0);
    expect(back).toBe(-10000);
    expect(o.actor.getSnapshot().value).toBe('refunded');
  });

  test('ORD-10: a later refund gives back only what the unsubscribed resources did not', () => {
    const o = threeResources();
    o.reply('o1:createInstance:1', false);
    o.actor.send({ type: 'refund', at: at + 2, by: 'operator', reason: 'notAsDescribed', amountFen: 10000 });
    expect(o.actor.getSnapshot().matches('serving')).toBe(true); // more than is left: refused (REF-3)
    o.actor.send({ type: 'refund', at: at + 3, by: 'operator', reason: 'notAsDescribed', amountFen: 6667 });
    expect(o.actor.getSnapshot().value).toBe('refunded');
    expect(o.facts.filter((f) => f.entry === 'refund').map((f) => f.amountFen)).toEqual([-3333, -6667]);
  });

  test('ORD-13: a 软开云 product’s failed resource is not unsubscribed: no refund, the order stays', () => {
    const o = threeResources(true);
    o.reply('o1:createInstance:2', false);
    expect(o.facts.filter((f) => f.entry === 'refund')).toEqual([]);
    expect(o.actor.getSnapshot().context.unsubscribed.count).toBe(0);
    expect(o.actor.getSnapshot().matches({ serving: 'active' })).toBe(true);
  });
});

function scenario(product: string): string {
  return `name: failed-resources
profile: koogallery
start: 2024-01-01T00:00:00+08:00
end: 2024-01-31T00:00:00+08:00
rules: { supervisedDeliveryTypes: [] }
merchants: [{ id: m1 }]
products:
  - { id: api, merchant: m1, name: Api, deliveryType: api, chargingMode: period, specs: [{ id: month, priceFen: 1000, period: month }]${product} }
buyers: [{ id: b1 }]
faults: [{ endpoint: createInstance, down: { from: 2024-01-05T10:00, to: 2024-01-05T11:00 } }]
timeline:
  - { at: 2024-01-02T09:00, event: submit, product: api }
  - { at: 2024-01-02T10:00, event: approve, product: api }
  - { at: 2024-01-02T11:00, event: list, product: api }
  - { at: 2024-01-05T10:00, event: purchase, order: o1, buyer: b1, product: api, resources: 2 }
`;
}

describe('ORD-10 / ORD-13 in a run', () => {
  test('ORD-10: the merchant fails both resources: each is unsubscribed, the order refunded in full', () => {
    const r = runText(scenario(''));
    expect(r.violations).toEqual([]);
    expect(order(r, 'o1').value).toBe('refunded');
    expect(ledger(r).map((l) => [l.orderId, l.amountFen])).toEqual([['o1', 1000], ['o1-RF1', -500], ['o1-RF2', -500]]);
  });

  test('ORD-13: the same failure on a 软开云 product unsubscribes nothing; the failures are listed', () => {
    const r = runText(scenario(', softwareDevelopmentCloud: true'));
    expect(r.violations).toEqual([]);
    expect(order(r, 'o1').matches('serving')).toBe(true);
    expect(ledger(r).map((l) => l.orderId)).toEqual(['o1']);
    expect(interfaceMessages(r).map((m) => m.params.callId)).toEqual(['o1:createInstance:1', 'o1:createInstance:2']);
  });
});
