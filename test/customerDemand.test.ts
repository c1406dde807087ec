// ORD-11 / ORD-12: the customer-demand flow (客户服务商 submits → 待接收 → 接收 → 需求转化中 → the merchant creates the
// exclusive discount) and its private link: only a discount in effect (已生效) has one, only for its customer.
import { describe, expect, test } from 'vitest';
import { ledger, line, runText } from './support/orderHarness.js';

const SCENARIO = `name: customer-demand
profile: koogallery
start: 2024-01-01T00:00:00+08:00
end: 2024-01-31T00:00:00+08:00
rules: { supervisedDeliveryTypes: [] }
merchants: [{ id: m1 }]
products:
  - { id: api, merchant: m1, name: Api, deliveryType: api, chargingMode: period, specs: [{ id: month, priceFen: 10000, period: month }] }
buyers: [{ id: b1 }, { id: b2 }]
timeline:
  - { at: 2024-01-02T09:00, event: submit, product: api }
  - { at: 2024-01-02T10:00, event: approve, product: api }
  - { at: 2024-01-02T11:00, event: list, product: api }
  - { at: 2024-01-03T09:00, event: submitDemand, demand: d0, customer: b1, product: api, by: seller, expect: { accepted: false, rule: ORD-11 } }
  - { at: 2024-01-03T10:00, event: submitDemand, demand: d1, customer: b1, product: api, expect: { accepted: true, state: pendingAcceptance } }
  - { at: 2024-01-03T10:30, event: createDiscount, demand: d1, name: VIP, discountBasisPoints: 1000, expect: { accepted: false, rule: ORD-11 } }
  - { at: 2024-01-03T10:40, event: purchase, order: o-early, buyer: b1, product: api, privateLink: d1, expect: { accepted: false, rule: ORD-12 } }
  - { at: 2024-01-03T11:00, event: acceptDemand, demand: d1, by: buyer, expect: { accepted: false, rule: ORD-11 } }
  - { at: 2024-01-03T11:10, event: acceptDemand, demand: d1, expect: { accepted: true, state: converting } }
  - { at: 2024-01-03T11:20, event: purchase, order: o-converting, buyer: b1, product: api, privateLink: d1, expect: { accepted: false, rule: ORD-12 } }
  - { at: 2024-01-03T12:00, event: createDiscount, demand: d1, name: VIP, discountBasisPoints: 1000, expect: { accepted: true, state: effective } }
  - { at: 2024-01-03T13:00, event: purchase, order: o-other, buyer: b2, product: api, privateLink: d1, expect: { accepted: false, rule: ORD-12 } }
  - { at: 2024-01-03T14:00, event: purchase, order: o-vip, buyer: b1, product: api, privateLink: d1, expect: { accepted: true } }
`;

describe('ORD-11 ORD-12 customer demand and exclusive discount', () => {
  const r = runText(SCENARIO);

  test('ORD-11: only a customer service provider submits; the merchant accepts it (待接收 → 需求转化中) and creates the discount', () => {
    expect(r.violations).toEqual([]);
    expect(line(r, 'demand:d1', 'submitDemand')).toMatchObject({ accepted: true, by: 'serviceProvider' });
    expect(line(r, 'demand:d1', 'createDiscount', 1)).toMatchObject({ accepted: true, state: 'effective' });
    // Refusals: a seller cannot submit; a buyer cannot accept; no discount before acceptance.
    expect(line(r, 'demand:d0', 'submitDemand')).toMatchObject({ accepted: false, rules: ['ORD-11'] });
    expect(line(r, 'demand:d1', 'acceptDemand')).toMatchObject({ accepted: false, rules: ['ORD-11'] });
    expect(line(r, 'demand:d1', 'createDiscount')).toMatchObject({ accepted: false, rules: ['ORD-11'] });
  });

  test('ORD-12: no private link before the discount is in effect; once in effect only the designated customer gets it', () => {
    expect(line(r, 'order:o-early', 'purchase')).toMatchObject({ accepted: false, rules: ['ORD-12'] });
    expect(line(r, 'order:o-converting', 'purchase')).toMatchObject({ accepted: false, rules: ['ORD-12'] });
    expect(line(r, 'order:o-other', 'purchase')).toMatchObject({ accepted: false, rules: ['ORD-12'] });
    const vip = ledger(r).find((l) => l.orderId === 'o-vip')!;
    expect([vip.amountFen, vip.discountFen]).toEqual([9000, 1000]); // ORD-3: the buyer pays 90.00, the 10.00 is no one's
  });
});
