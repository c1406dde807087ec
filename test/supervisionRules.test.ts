// Service supervision rules through the real engine. Expectations come from RULES.md and its worked
// examples (SUP-9: 01-01..02-01 with the opening time, 02-01..03-01 without), never from the machine's output.
import { bindEffect } from '../sim/module.js';
import { describe, expect, test } from 'vitest';
import { createMachine } from 'xstate';
import { supervisionCompletedHandler, startSupervisionHandler } from '../sim/kinds/supervision/service.js';
import type { RunContext } from '../sim/runContext.js';
import type { ProductDef, BuyerDef } from '../machines/catalog.js';
import { PROFILES } from '../machines/rules.js';
import { completeListing } from '../machines/submissionChecks.js';
import { keyedDraws, Rng } from '../sim/rng.js';
import { BUYER_PHONE, DAY_MS, HOUR_MS, supervisionHarness, t } from './support/supervisionHarness.js';

/** A requirement-flow order taken to delivery. */
function deliveredManualService(openedAt?: string) {
  const h = supervisionHarness({ deliveryType: 'manualService', period: { unit: 'month', count: 1 } });
  h.send('2024-01-01T00:00', 'openSupervision', 'system');
  h.send('2024-01-01T00:10', 'submitRequirement', 'buyer');
  h.send('2024-01-01T00:20', 'confirmRequirement', 'seller');
  h.send('2024-01-01T08:00', 'deliver', 'seller', openedAt ? { openedAt: t(openedAt) } : {});
  return h;
}

describe('SUP-9 validity', () => {
  test('SUP-9 worked example, opening time filled in: validity 2024-01-01..2024-02-01', () => {
    const h = deliveredManualService('2024-01-01T00:00');
    expect(h.send('2024-02-01T00:00', 'acceptDelivery', 'buyer').accepted).toBe(true);
    const [done] = h.completions();
    expect(done?.validFrom).toBe(t('2024-01-01T00:00'));
    expect(done?.validUntil).toBe(t('2024-02-01T00:00'));
    expect(done?.validity).toBe('2024-01-01..2024-02-01');
  });

  test('SUP-9 worked example, no opening time: validity starts at acceptance, 2024-02-01..2024-03-01', () => {
    const h = deliveredManualService();
    h.send('2024-02-01T00:00', 'acceptDelivery', 'buyer');
    const [done] = h.completions();
    expect(done?.validFrom).toBe(t('2024-02-01T00:00'));
    expect(done?.validUntil).toBe(t('2024-03-01T00:00'));
  });
});

describe('SUP-1 SUP-2 SUP-6 requirement flows', () => {
  test('SUP-1: the seller rejects the requirement back any number of times; the buyer resubmits; then confirm → implement → deliver → accept', () => {
    const h = supervisionHarness({ deliveryType: 'manualService' });
    h.send('2024-01-01T00:00', 'openSupervision', 'system');
    for (let i = 0; i < 7; i++) {
      expect(h.send('2024-01-02T00:00', 'submitRequirement', 'buyer').state).toContain('flow.requirementSubmitted');
      expect(h.send('2024-01-02T00:00', 'rejectRequirement', 'seller').state).toContain('flow.awaitingRequirement');
    }
    expect(h.snapshot().context.rejections).toBe(7);
    h.send('2024-01-03T00:00', 'submitRequirement', 'buyer');
    expect(h.send('2024-01-03T00:00', 'confirmRequirement', 'buyer').accepted).toBe(false); // the seller confirms
    expect(h.send('2024-01-03T00:00', 'confirmRequirement', 'seller').state).toContain('flow.implementing');
    expect(h.send('2024-01-03T00:00', 'acceptDelivery', 'buyer').accepted).toBe(false); // nothing delivered yet
    h.send('2024-01-04T00:00', 'deliver', 'seller');
    expect(h.send('2024-01-05T00:00', 'acceptDelivery', 'seller').accepted).toBe(false); // the buyer accepts
    expect(h.send('2024-01-05T00:00', 'acceptDelivery', 'buyer').state).toContain('flow.completed');
  });

  test('SUP-2: a SaaS order starts with the requirement the seller confirms or rejects', () => {
    const h = supervisionHarness({ deliveryType: 'saas' });
    expect(h.send('2024-01-01T00:00', 'openSupervision', 'system').state).toContain('flow.awaitingRequirement');
    h.send('2024-01-01T01:00', 'submitRequirement', 'buyer');
    const entry = h.send('2024-01-01T02:00', 'rejectRequirement', 'seller');
    expect(entry.rules).toContain('SUP-2');
    expect(entry.state).toContain('flow.awaitingRequirement');
  });

  test('SUP-6: a data-file delivery without delivery-acceptance documents is refused; with them it awaits acceptance', () => {
    const h = supervisionHarness({ deliveryType: 'dataFile' });
    h.send('2024-01-01T00:00', 'openSupervision', 'system');
    h.send('2024-01-01T01:00', 'submitRequirement', 'buyer');
    h.send('2024-01-01T02:00', 'confirmRequirement', 'seller');
    const refused = h.send('2024-01-02T00:00', 'deliver', 'seller');
    expect(refused.accepted).toBe(false);
    expect(refused.rules).toContain('SUP-6');
    expect(h.send('2024-01-02T01:00', 'deliver', 'seller', { documents: ['acceptance.pdf'] }).state).toContain('flow.awaitingAcceptance');
  });
});

describe('SUP-3 SUP-4 License', () => {
  test('SUP-3: an offline License order starts at delivery (no requirement), the buyer accepts', () => {
    const h = supervisionHarness({ deliveryType: 'license', licenseMode: 'offline' });
    expect(h.send('2024-01-01T00:00', 'openSupervision', 'system').state).toContain('flow.implementing');
    expect(h.send('2024-01-01T01:00', 'submitRequirement', 'buyer').accepted).toBe(false);
    h.send('2024-01-02T00:00', 'deliver', 'seller');
    expect(h.send('2024-01-03T00:00', 'acceptDelivery', 'buyer').state).toContain('flow.completed');
  });

  test('SUP-4: an authorisation-code order of 2024-09-13 keeps the old flow; activation is no supervision node', () => {
    const h = supervisionHarness({ deliveryType: 'license', licenseMode: 'onlineCode', orderedAt: '2024-09-13T10:00' });
    expect(h.send('2024-09-13T10:00', 'openSupervision', 'system').state).toContain('flow.implementing');
    h.send('2024-09-16T10:00', 'deliver', 'seller');
    const activation = h.send('2024-09-16T11:00', 'activateAuthCode', 'seller');
    expect(activation.accepted).toBe(false);
    expect(activation.rules).toContain('SUP-4');
    h.send('2024-09-17T10:00', 'acceptDelivery', 'buyer');
    expect(h.completions()[0]?.acceptedBy).toBe('buyer');
  });

  test('SUP-4: a non-enablement-cloud order of 2024-09-15 takes the new flow: activation closes it, opening time = activation time', () => {
    const h = supervisionHarness({ deliveryType: 'license', licenseMode: 'onlineCode', orderedAt: '2024-09-15T10:00' });
    expect(h.send('2024-09-15T10:00', 'openSupervision', 'system').state).toContain('flow.authCodeDelivery');
    expect(h.send('2024-09-16T10:00', 'deliver', 'seller').state).toContain('flow.codeIssued');
    expect(h.send('2024-09-18T14:00', 'activateAuthCode', 'seller').state).toContain('flow.completed');
    const [done] = h.completions();
    expect(done?.acceptedBy).toBe('system');
    expect(done?.validFrom).toBe(t('2024-09-18T14:00'));
  });

  test('SUP-4: an enablement-cloud order waits for the buyer after activation; validity still starts at activation (SUP-9)', () => {
    const h = supervisionHarness({ deliveryType: 'license', licenseMode: 'onlineCode', orderedAt: '2024-09-15T10:00', enablementCloud: true });
    h.send('2024-09-15T10:00', 'openSupervision', 'system');
    h.send('2024-09-16T10:00', 'deliver', 'seller');
    expect(h.send('2024-09-18T14:00', 'activateAuthCode', 'seller').state).toContain('flow.awaitingAcceptance');
    expect(h.completions()).toEqual([]);
    h.send('2024-10-08T10:00', 'acceptDelivery', 'buyer');
    const [done] = h.completions();
    expect(done?.acceptedBy).toBe('buyer');
    expect(done?.validFrom).toBe(t('2024-09-18T14:00'));
  });

  test('SUP-4: the cut-over instant 2024-09-14 00:00 (UTC+8) takes the new flow, one millisecond before it the old', () => {
    const at = (orderedAt: string) => {
      const h = supervisionHarness({ deliveryType: 'license', licenseMode: 'onlineCode', orderedAt });
      return h.send(orderedAt, 'openSupervision', 'system').state;
    };
    expect(at('2024-09-14T00:00:00.000')).toContain('flow.authCodeDelivery');
    expect(at('2024-09-13T23:59:59.999')).toContain('flow.implementing');
  });

  test('SUP-4: the cut-over is a rules parameter', () => {
    const h = supervisionHarness({
      deliveryType: 'license',
      licenseMode: 'onlineCode',
      orderedAt: '2024-09-15T10:00',
      params: { licenseAuthCodeNewFlowFrom: '2024-10-01T00:00:00+08:00' },
    });
    expect(h.send('2024-09-15T10:00', 'openSupervision', 'system').state).toContain('flow.implementing');
  });
});

describe('SUP-5 hardware', () => {
  function shipped(recipientPhone: string, params = {}) {
    const h = supervisionHarness({ deliveryType: 'hardware', orderedAt: '2024-03-01T09:00', params });
    h.send('2024-03-01T09:00', 'openSupervision', 'system');
    h.send('2024-03-02T10:00', 'ship', 'seller', { recipientPhone });
    return h;
  }

  test('SUP-5: the system accepts exactly 10 days after the courier sign-off, to the millisecond', () => {
    const h = shipped(BUYER_PHONE);
    const signOff = t('2024-03-05T15:30');
    h.send(signOff, 'courierSignedOff', 'system');
    h.runUntil(signOff + 10 * DAY_MS - 1);
    expect(h.completions()).toEqual([]);
    h.runUntil(signOff + 10 * DAY_MS);
    const [done] = h.completions();
    expect(done?.completedAt).toBe(signOff + 10 * DAY_MS);
    expect(done?.acceptedBy).toBe('system');
    expect(h.timers().map((e) => e.event)).toEqual(['after(hardwareAutoAccept)']);
  });

  test('SUP-5: the automatic-acceptance delay comes from the rules parameters (5 days when overridden)', () => {
    const h = shipped(BUYER_PHONE, { hardwareAutoAcceptDelayMs: 5 * DAY_MS });
    const signOff = t('2024-03-05T15:30');
    h.send(signOff, 'courierSignedOff', 'system');
    h.runUntil(signOff + 5 * DAY_MS);
    expect(h.completions()[0]?.completedAt).toBe(signOff + 5 * DAY_MS);
  });

  test('SUP-5: the buyer can accept before the automatic acceptance; no timer fires afterwards', () => {
    const h = shipped(BUYER_PHONE);
    h.send('2024-03-05T15:30', 'courierSignedOff', 'system');
    h.send('2024-03-07T09:00', 'acceptDelivery', 'buyer');
    h.runUntil('2024-06-01T00:00');
    expect(h.completions().map((c) => c.acceptedBy)).toEqual(['buyer']);
    expect(h.timers()).toEqual([]);
  });

  test('SUP-5: with a logistics phone other than the buyer\'s there is never an automatic acceptance', () => {
    const h = shipped('139 0000 0009');
    const signOff = h.send('2024-03-05T15:30', 'courierSignedOff', 'system');
    expect(signOff.accepted).toBe(false);
    expect(signOff.rules).toContain('SUP-5');
    h.runUntil(t('2024-03-05T15:30') + 365 * DAY_MS);
    expect(h.timers()).toEqual([]);
    expect(h.completions()).toEqual([]);
    expect(h.snapshot().matches({ flow: { delivered: 'untracked' } })).toBe(true);
    expect(h.send(t('2025-03-06T00:00'), 'remindBuyer', 'seller').accepted).toBe(true);
    h.send(t('2025-03-07T00:00'), 'acceptDelivery', 'buyer');
    expect(h.completions().map((c) => c.acceptedBy)).toEqual(['buyer']);
  });

  test('SUP-5: phones compare by their digits (a formatted buyer number still tracks)', () => {
    const h = shipped('138-0000-0001');
    expect(h.snapshot().matches({ flow: { delivered: 'inTransit' } })).toBe(true);
  });
});

describe('SUP-7 app orchestration', () => {
  test('SUP-7: 处理中 after acceptance, 已完成 exactly 3 hours later; settled by the UTC+8 month of completion (SUP-10)', () => {
    const h = supervisionHarness({ deliveryType: 'appOrchestration', orderedAt: '2024-05-20T09:00' });
    expect(h.send('2024-05-20T09:00', 'openSupervision', 'system').state).toContain('flow.implementing');
    h.send('2024-05-28T17:00', 'deliver', 'seller');
    const accepted = t('2024-05-31T22:00');
    expect(h.send(accepted, 'acceptDelivery', 'buyer').state).toContain('flow.finishing');
    h.runUntil(accepted + 3 * HOUR_MS - 1);
    expect(h.completions()).toEqual([]);
    h.runUntil(accepted + 3 * HOUR_MS);
    const [done] = h.completions();
    expect(done?.completedAt).toBe(accepted + 3 * HOUR_MS);
    expect(done?.validFrom).toBe(accepted); // SUP-9: acceptance, no opening time
    expect(done?.settlementMonth).toBe('2024-07'); // completed 2024-06-01 01:00 UTC+8 (still May in UTC)
  });
});

describe('SUP-8 appeals', () => {
  test('SUP-8: an appeal opened mid-implementation keeps the flow where it was; resolving returns to it', () => {
    const h = supervisionHarness({ deliveryType: 'saas' });
    h.send('2024-01-01T00:00', 'openSupervision', 'system');
    h.send('2024-01-01T01:00', 'submitRequirement', 'buyer');
    h.send('2024-01-01T02:00', 'confirmRequirement', 'seller');
    expect(h.send('2024-01-03T00:00', 'openAppeal', 'buyer', { reason: 'late' }).state).toBe('flow.implementing,appeal.open');
    expect(h.send('2024-01-03T01:00', 'openAppeal', 'seller', { reason: 'no reply' }).accepted).toBe(true);
    expect(h.send('2024-01-03T02:00', 'openAppeal', 'operator', { reason: 'x' }).accepted).toBe(false);
    expect(h.send('2024-01-04T00:00', 'resolveAppeal', 'buyer', { appealId: 'A2' }).accepted).toBe(false); // not theirs
    expect(h.send('2024-01-04T00:00', 'resolveAppeal', 'operator').state).toBe('flow.implementing,appeal.open');
    expect(h.send('2024-01-04T01:00', 'resolveAppeal', 'seller').state).toBe('flow.implementing,appeal.none'); // withdrawn
    expect(h.snapshot().context.appeals.map((a) => [a.by, a.resolvedAt !== undefined])).toEqual([
      ['buyer', true],
      ['seller', true],
    ]);
    expect(h.send('2024-01-05T00:00', 'deliver', 'seller').state).toBe('flow.awaitingAcceptance,appeal.none');
  });

  test('SUP-8: appeals at any node, from the service order\'s opening; never once supervision completed', () => {
    const h = supervisionHarness({ deliveryType: 'license', licenseMode: 'offline' });
    expect(h.send('2024-01-01T00:00', 'openAppeal', 'seller', { reason: 'early' }).accepted).toBe(false); // not opened yet
    h.send('2024-01-01T00:00', 'openSupervision', 'system');
    expect(h.send('2024-01-01T00:00', 'openAppeal', 'seller', { reason: 'early' }).accepted).toBe(true);
    h.send('2024-01-02T00:00', 'deliver', 'seller');
    expect(h.send('2024-01-02T01:00', 'openAppeal', 'buyer', { reason: 'wrong key' }).accepted).toBe(true);
    h.send('2024-01-03T00:00', 'acceptDelivery', 'buyer');
    expect(h.completions()[0]?.openAppeals).toBe(2);
    const late = h.send('2024-01-04T00:00', 'openAppeal', 'buyer', { reason: 'late' });
    expect(late.accepted).toBe(false);
    expect(late.rules).toContain('SUP-8');
    expect(h.send('2024-01-05T00:00', 'resolveAppeal', 'operator').accepted).toBe(true); // open ones still resolvable
  });

  test('SUP-8 SUP-5: an open appeal does not pause the automatic acceptance (assumption, README)', () => {
    const h = supervisionHarness({ deliveryType: 'hardware', orderedAt: '2024-03-01T09:00' });
    h.send('2024-03-01T09:00', 'openSupervision', 'system');
    h.send('2024-03-02T10:00', 'ship', 'seller');
    const signOff = t('2024-03-05T15:30');
    h.send(signOff, 'courierSignedOff', 'system');
    h.send('2024-03-06T10:00', 'openAppeal', 'buyer', { reason: 'damaged box' });
    h.runUntil(signOff + 10 * DAY_MS);
    expect(h.completions()[0]?.completedAt).toBe(signOff + 10 * DAY_MS);
    expect(h.snapshot().matches({ appeal: 'open' })).toBe(true);
  });
});

describe('SUP-10 settlement readiness', () => {
  test('SUP-10: completed on 2024-01-31 23:30 UTC+8 → billed in the 2024-02 settlement; unfinished → no completion', () => {
    const h = supervisionHarness({ deliveryType: 'license', licenseMode: 'offline' });
    h.send('2024-01-01T00:00', 'openSupervision', 'system');
    h.send('2024-01-02T00:00', 'deliver', 'seller');
    expect(h.completions()).toEqual([]);
    h.send('2024-01-31T23:30', 'acceptDelivery', 'buyer');
    const [done] = h.completions();
    expect(done).toMatchObject({ orderId: 'o1', merchantId: 'm1', deliveryType: 'license', settlementMonth: '2024-02' });
  });

  test('SUP-10: the lag is settlementLagMonths', () => {
    const h = supervisionHarness({ deliveryType: 'license', licenseMode: 'offline', params: { settlementLagMonths: 2 } });
    h.send('2024-01-01T00:00', 'openSupervision', 'system');
    h.send('2024-01-02T00:00', 'deliver', 'seller');
    h.send('2024-12-15T00:00', 'acceptDelivery', 'buyer');
    expect(h.completions()[0]?.settlementMonth).toBe('2025-02');
  });

  test('SUP-10: a delivery type outside supervisedDeliveryTypes gets no service order', () => {
    const h = supervisionHarness({ deliveryType: 'container' });
    const entry = h.send('2024-01-01T00:00', 'openSupervision', 'system');
    expect(entry.accepted).toBe(false);
    expect(entry.rules).toContain('SUP-10');
  });
});

describe('SUP-10 SUP-9 effect contracts', () => {
  const params = PROFILES.koogallery;
  const product: ProductDef = {
    id: 'p1', merchantId: 'm1', deliveryType: 'license', chargingMode: 'period', productClass: 'general',
    listing: completeListing('Key', params), specs: [{ id: 'y', name: 'Year', priceFen: 100, period: 'year' }],
    packages: [], hidden: false, licenseMode: 'offline',
  };
  // Only the fields supervision reads; wallet fields belong to orders.
  const buyer = { id: 'b1', name: 'B', phone: BUYER_PHONE, enablementCloud: false } as BuyerDef;
  const run = {
    params,
    products: new Map([[product.id, product]]),
    buyers: new Map([[buyer.id, buyer]]),
    merchants: new Map(),
    rng: new Rng('x'),
    drawsFor: keyedDraws(new Rng('y')),
  } as unknown as RunContext;

  /** Stands in for the orders engineer's order: records that it was told. */
  const orderDouble = createMachine({
    id: 'order',
    initial: 'paid',
    states: { paid: { on: { supervisionCompleted: 'supervised' } }, supervised: {} },
  });

  test('SUP-10 SUP-9: startSupervision opens supervision:<orderId>; its completion is forwarded to order:<orderId>', () => {
    const h = supervisionHarness({
      deliveryType: 'license',
      licenseMode: 'offline',
      kinds: { order: { kind: 'order', machine: orderDouble } },
      effects: {
        startSupervision: bindEffect('startSupervision', startSupervisionHandler(run)),
        supervisionCompleted: bindEffect('supervisionCompleted', supervisionCompletedHandler()),
      },
    });
    h.engine.spawn({ kind: 'order', id: 'ord-9' }, {});
    // the order's payment effect, as the order machine emits it
    startSupervisionHandler(run)(
      { type: 'startSupervision', params: { orderId: 'ord-9', productId: 'p1', merchantId: 'm1', buyerId: 'b1', orderedAt: t('2024-01-01T00:00') } },
      { kind: 'order', id: 'ord-9' },
      h.engine,
    );
    h.runUntil('2024-01-01T00:00');
    const sup = { kind: 'supervision', id: 'ord-9' };
    expect(h.engine.snapshot(sup)?.matches({ flow: 'implementing' })).toBe(true);
    h.engine.step({ target: sup, event: { type: 'deliver', by: 'seller' }, source: 'timeline' });
    h.engine.step({ target: sup, event: { type: 'acceptDelivery', by: 'buyer' }, source: 'timeline' });
    h.runUntil('2024-01-01T00:01');
    const told = h.entries.find((e) => e.entity === 'order:ord-9' && e.event === 'supervisionCompleted');
    expect(told?.accepted).toBe(true);
    expect(told?.payload).toMatchObject({ completedAt: t('2024-01-01T00:00'), validFrom: t('2024-01-01T00:00') });
    // SUP-9: the year spec gives the validity end
    const done = h.entries.flatMap((e) => e.effects ?? []).find((f) => f.type === 'supervisionCompleted');
    expect(done?.params.validUntil).toBe(t('2025-01-01T00:00'));
  });
});
