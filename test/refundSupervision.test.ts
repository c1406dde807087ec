// A refund and an open service order (SUP-10, SUP-5, REF-3): no supervision without a paid order, so refunding the
// order closes its service order: a hardware order refunded by an operator is never accepted automatically after.
import { describe, expect, test } from 'vitest';
import { ledger, line, runText } from './support/orderHarness.js';

function scenario(rules = ''): string {
  return `name: refund-supervision
profile: koogallery
start: 2024-03-01T00:00:00+08:00
end: 2024-04-30T00:00:00+08:00
${rules}merchants: [{ id: m1 }]
products:
  - { id: gw, merchant: m1, name: Gateway, deliveryType: hardware, chargingMode: perUse, specs: [{ id: unit, priceFen: 399900 }] }
buyers: [{ id: b1, phone: '13800000001' }]
timeline:
  - { at: 2024-03-01T08:00, event: submit, product: gw }
  - { at: 2024-03-01T08:10, event: approve, product: gw }
  - { at: 2024-03-01T08:20, event: list, product: gw }
  - { at: 2024-03-01T09:00, event: purchase, order: o1, buyer: b1, product: gw }
  - { at: 2024-03-02T10:00, event: ship, supervision: o1, carrier: SF, trackingNo: SF100 }
  - { at: 2024-03-05T15:30, event: courierSignedOff, supervision: o1 }
  - { at: 2024-03-06T10:00, event: refund, order: o1, by: operator, reason: notAsDescribed, amountFen: 399900, expect: { accepted: true, state: refunded } }
  - { at: 2024-03-20T10:00, event: acceptDelivery, supervision: o1 }
`;
}

const completions = (r: ReturnType<typeof runText>) => r.entries.flatMap((e) => (e.effects ?? []).filter((f) => f.type === 'supervisionCompleted'));

describe('SUP-10 a refund closes the open service order', () => {
  test('SUP-10 SUP-5 REF-3: after an operator refund the hardware order is not accepted automatically 10 days after sign-off', () => {
    const r = runText(scenario());
    expect(r.violations).toEqual([]);
    expect(line(r, 'supervision:o1', 'orderRefunded')).toMatchObject({ accepted: true, state: 'flow.closed,appeal.none' });
    expect(completions(r)).toEqual([]);
    // Refusal side: the buyer cannot accept a closed service order either.
    expect(line(r, 'supervision:o1', 'acceptDelivery').accepted).toBe(false);
    // The money: paid and refunded, nothing left for settlement.
    expect(ledger(r).map((l) => l.amountFen)).toEqual([399900, -399900]);
  });

  test('SUP-10: refundClosesSupervision is a rules parameter; off, the old behaviour returns (auto-accepted after the refund)', () => {
    const r = runText(scenario('rules: { refundClosesSupervision: false }\n'));
    expect(r.entries.some((e) => e.entity === 'supervision:o1' && e.event === 'orderRefunded' && e.accepted)).toBe(false);
    expect(completions(r)).toHaveLength(1);
  });
});
