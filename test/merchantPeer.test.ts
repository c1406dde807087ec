// The simulated merchant peer and the calls orders make to it: REN-4..6, ORD-10, INT-1, INT-2.
import { describe, expect, test } from 'vitest';
import { Rng } from '../sim/rng.js';
import { callDraws, callFault, faultRules } from '../sim/merchant/faults.js';
import { applyCall, appliedCalls, emptyView, merchantView, MERCHANT_APPLIERS, type MerchantView } from '../sim/merchant/peer.js';
import type { MerchantCallParams } from '../machines/contracts.js';
import { calls, cst, interfaceMessages, ledger, order, runText } from './support/orderHarness.js';

function scenario(timeline: string, extra = ''): string {
  return `name: peer
profile: koogallery
start: 2024-01-01T00:00:00+08:00
end: 2024-03-31T00:00:00+08:00
rules: { supervisedDeliveryTypes: [] }
merchants: [{ id: m1 }]
products:
  - { id: img, merchant: m1, name: Img, deliveryType: image, chargingMode: period, specs: [{ id: month, priceFen: 1000, period: month }] }
buyers: [{ id: b1 }]
${extra}
timeline:
  - { at: 2024-01-02T09:00, event: submit, product: img }
  - { at: 2024-01-02T10:00, event: approve, product: img }
  - { at: 2024-01-02T11:00, event: list, product: img, by: operator }
${timeline}`;
}

const snapshotOf = (view: MerchantView) => JSON.stringify([[...view.instances], [...view.orders], [...view.tenants], [...view.departments]]);

describe('merchant interface', () => {
  test('REN-6: a new purchase makes the merchant create the instance with the order number and its expiry', () => {
    const r = runText(scenario('  - { at: 2024-01-05T10:00, event: purchase, order: o1, buyer: b1, product: img }'));
    const instance = merchantView(r.engine, 'm1').instances.get('o1');
    expect(instance).toMatchObject({ orderId: 'o1', buyerId: 'b1', validUntil: cst(2024, 2, 5, 10) });
    expect(merchantView(r.engine, 'm1').orders.has('o1')).toBe(true);
  });

  test('REN-5: trial → paid updates the merchant’s instance expiry', () => {
    const r = runText(
      scenario(`  - { at: 2024-01-05T10:00, event: purchase, order: o1, buyer: b1, product: img, trial: true, expect: { accepted: true } }
  - { at: 2024-01-08T10:00, event: convertTrial, order: o1, expect: { accepted: true, state: serving.active } }`),
    );
    expect(r.violations).toEqual([]);
    const updates = calls(r).filter((c) => c.params.endpoint === 'updateInstance');
    expect(updates.map((u) => u.params.payload.validUntil)).toEqual([cst(2024, 2, 8, 10)]);
    expect(ledger(r).map((l) => [l.orderId, l.amountFen])).toEqual([['o1', 1000]]);
  });

  test('REN-4: a violation freeze by an operator calls the merchant to freeze the instance', () => {
    const r = runText(
      scenario(`  - { at: 2024-01-05T10:00, event: purchase, order: o1, buyer: b1, product: img }
  - { at: 2024-01-06T10:00, event: freeze, order: o1, reason: violation, expect: { accepted: true, state: frozen } }`),
    );
    expect(calls(r).some((c) => c.params.endpoint === 'freezeInstance')).toBe(true);
    const freezeLine = r.entries.find((e) => e.entity === 'order:o1' && e.event === 'merchantReplied' && e.state === 'frozen.confirmed');
    expect(freezeLine).toBeDefined();
  });

  test('INT-1: the order records every merchant reply it took, in arrival order, failures included', () => {
    const r = runText(
      scenario(
        '  - { at: 2024-01-05T10:00, event: purchase, order: o1, buyer: b1, product: img }',
        'faults: [{ endpoint: createInstance, errorRate: { numerator: 1, denominator: 1 } }]',
      ),
    );
    const replied = r.entries.filter((e) => e.entity === 'order:o1' && e.event === 'merchantReplied' && e.accepted).length;
    const replies = order(r, 'o1').context.replies;
    expect(replies.length).toBe(replied);
    expect(replies[0]).toEqual({ callId: calls(r).find((c) => c.params.endpoint === 'createInstance')!.params.callId, ok: false });
  });

  test('ORD-10: when the merchant fails to create the instance the order is unsubscribed and refunded', () => {
    const r = runText(
      scenario(
        '  - { at: 2024-01-05T10:00, event: purchase, order: o1, buyer: b1, product: img }',
        'faults: [{ endpoint: createInstance, errorRate: { numerator: 1, denominator: 1 } }]',
      ),
    );
    expect(order(r, 'o1').value).toBe('refunded');
    expect(ledger(r).map((l) => [l.orderType, l.amountFen, l.tags.autoUnsubscribed ?? false])).toEqual([
      ['purchase', 1000, false],
      ['refund', -1000, true],
    ]);
    expect(interfaceMessages(r)).toHaveLength(1);
  });

  test('INT-1: a repeated call changes nothing (each callId is applied once)', () => {
    const peer = { views: new Map<string, MerchantView>(), applied: new Map<string, number>() };
    const create: MerchantCallParams = { callId: 'c1', merchantId: 'm1', endpoint: 'createInstance', payload: { orderId: 'o1', instanceId: 'o1', productId: 'p', buyerId: 'b', validUntil: 10 } };
    applyCall(peer, create);
    applyCall(peer, { callId: 'c2', merchantId: 'm1', endpoint: 'expireInstance', payload: { instanceId: 'o1' } });
    const before = snapshotOf(peer.views.get('m1')!);
    applyCall(peer, create); // a retry of the first call must not resurrect the frozen instance
    expect(snapshotOf(peer.views.get('m1')!)).toBe(before);
    expect(peer.applied.get('c1')).toBe(1);
  });

  test('INT-1: over a run with retries no callId is applied twice', () => {
    const r = runText(
      scenario(
        '  - { at: 2024-01-05T10:00, event: purchase, order: o1, buyer: b1, product: img }',
        'faults: [{ endpoint: expireInstance, errorRate: { numerator: 1, denominator: 2 } }]',
      ),
    );
    expect([...appliedCalls(r.engine).values()].every((n) => n === 1)).toBe(true);
    expect(r.violations.filter((v) => v.check === 'INV-MERCHANT-CALL-ONCE')).toEqual([]);
  });

  test('INT-2: tenant and department sync appliers are idempotent (applying the same payload twice = once)', () => {
    const payloads = {
      tenantSync: { tenantId: 't1', name: 'Acme', apps: ['crm'] },
      departmentSync: { departmentId: 'd1', name: 'Ops', parent: 'root' },
    } as const;
    for (const [endpoint, payload] of Object.entries(payloads)) {
      const once = emptyView();
      const twice = emptyView();
      MERCHANT_APPLIERS[endpoint as keyof typeof payloads](once, payload);
      MERCHANT_APPLIERS[endpoint as keyof typeof payloads](twice, payload);
      MERCHANT_APPLIERS[endpoint as keyof typeof payloads](twice, payload);
      expect(snapshotOf(twice), endpoint).toBe(snapshotOf(once));
    }
  });

  test('REN-3 fault plan: an endpoint is down in [from, to); error rates are integer ratios drawn from the seed', () => {
    const rules = faultRules([{ merchant: 'm1', endpoint: 'expireInstance', down: { from: '2024-02-10T10:00', to: '2024-02-10T12:00' } }]);
    const noDraw = (): Rng => {
      throw new Error('a down window needs no draw');
    };
    expect(callFault(rules, 'm1', 'expireInstance', cst(2024, 2, 10, 11, 59), noDraw)).toBeDefined();
    expect(callFault(rules, 'm1', 'expireInstance', cst(2024, 2, 10, 12), noDraw)).toBeUndefined();
    expect(callFault(rules, 'm2', 'expireInstance', cst(2024, 2, 10, 11), noDraw)).toBeUndefined();
    const half = faultRules([{ errorRate: { numerator: 1, denominator: 2 } }]);
    const faults = new Rng('s').fork('faults');
    const outcomes = (root: Rng) => Array.from({ length: 1000 }, (_, i) => callFault(half, 'm1', 'createInstance', 0, () => callDraws(root, 'm1', `c${i}`, 1)) !== undefined);
    expect(outcomes(faults)).toEqual(outcomes(new Rng('s').fork('faults')));
    expect(outcomes(faults)).not.toEqual(outcomes(new Rng('t').fork('faults')));
    const failures = outcomes(faults).filter(Boolean).length;
    expect(failures).toBeGreaterThan(400);
    expect(failures).toBeLessThan(600);
    // A retry is drawn afresh: the attempts of one call do not all share the first one's outcome.
    const attempts = Array.from({ length: 40 }, (_, a) => callFault(half, 'm1', 'createInstance', 0, () => callDraws(faults, 'm1', 'c0', a + 1)) !== undefined);
    expect(new Set(attempts).size).toBe(2);
  });

  test('REN-3: a call fails or not by the seed, the call and its attempt alone: another order before it shifts nothing', () => {
    const faults = 'faults: [{ endpoint: createInstance, errorRate: { numerator: 1, denominator: 2 } }]';
    const mine = Array.from({ length: 12 }, (_, i) => `  - { at: 2024-01-10T10:${String(i).padStart(2, '0')}, event: purchase, order: mine${i}, buyer: b1, product: img }`);
    const others = Array.from({ length: 12 }, (_, i) => `  - { at: 2024-01-05T10:${String(i).padStart(2, '0')}, event: purchase, order: other${i}, buyer: b1, product: img }`);
    const replies = (text: string) =>
      runText(text)
        .entries.filter((e) => e.entity.startsWith('order:mine') && e.event === 'merchantReplied')
        .map((e) => `${e.entity} ${e.at} ${e.state}`);
    const alone = replies(scenario(mine.join('\n'), faults));
    const after = replies(scenario([...others, ...mine].join('\n'), faults));
    expect(alone.length).toBeGreaterThan(12);
    expect(after).toEqual(alone);
  });
});
