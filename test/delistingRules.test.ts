// Delisting, second pass: a spec is delisted under exactly the product's limits (DEL-1..3), its buyers cannot renew
// (DEL-5), a tencent request needs a valid notice to every existing buyer the notice period ahead (DEL-6, DEL-7), and
// no product is delisted while a pending settlement of it is not reconciled and confirmed (STL-5).
import { describe, expect, test } from 'vitest';
import { lifecycleStatus, purchaseAvailability, renewalAvailability } from '../machines/productAvailability.js';
import { MS } from '../machines/rules.js';
import { line, runText } from './support/orderHarness.js';
import { buyerNotice, productHarness, T0 } from './support/productHarness.js';

const REQUEST = { reason: 'Retired after the migration to v2', noticeUrl: 'https://example.com/n', reviewBusinessDays: 1 };

describe('DEL-1..3 for a single spec', () => {
  test('DEL-1: koogallery — the seller delists a spec of a general product; a buyer cannot, and the spec stays on sale', () => {
    const h = productHarness();
    h.toListed();
    const byBuyer = h.send('delist', { spec: 's1', by: 'buyer' });
    expect(byBuyer).toMatchObject({ accepted: false, rules: ['DEL-1'] });
    expect(byBuyer.reason).toMatch(/not the buyer/);
    expect(h.snapshot.context.specs.s1?.discontinued).toBe(false);
    expect(h.send('delist', { spec: 's1' })).toMatchObject({ accepted: true, rules: ['DEL-1'] });
    expect(purchaseAvailability(h.snapshot, 'url', 's1')).toMatchObject({ ok: false, rule: 'DEL-1' });
    expect(purchaseAvailability(h.snapshot, 'url', 's2')).toEqual({ ok: true });
  });

  test('DEL-1: koogallery — the class limit applies to a spec: a spec of an "other" product is not delisted by its seller', () => {
    const h = productHarness({ productClass: 'other' });
    h.toListed();
    const refused = h.send('delist', { spec: 's1' });
    expect(refused).toMatchObject({ accepted: false, rules: ['DEL-1'] });
    expect(refused.reason).toMatch(/neither whole nor one spec/);
    expect(h.snapshot.context.specs.s1?.discontinued).toBe(false);
    expect(h.send('delist', { spec: 's1', by: 'operator' }).accepted).toBe(true); // marketplace staff may
  });

  test('DEL-2: tencent — a spec of an image product is not delisted by its seller, neither at once nor by request', () => {
    const h = productHarness({ platform: 'tencent', deliveryType: 'image' });
    h.toListed();
    expect(h.send('delist', { spec: 's1' })).toMatchObject({ accepted: false, rules: ['DEL-2'] });
    expect(h.send('requestDelisting', { ...REQUEST, spec: 's1', notice: buyerNotice(T0) })).toMatchObject({ accepted: false, rules: ['DEL-2'] });
    expect(h.snapshot.context.specs.s1?.discontinued).toBe(false);
    expect(h.send('delist', { spec: 's1', by: 'operator' })).toMatchObject({ accepted: true, rules: ['DEL-1', 'DEL-2'] });
    expect(h.snapshot.context.specs.s1?.discontinued).toBe(true);
  });

  test('DEL-3: tencent — a general spec goes through the reviewed application; the product and its other spec stay on sale', () => {
    const h = productHarness({ platform: 'tencent' });
    h.toListed();
    expect(h.send('delist', { spec: 's1' })).toMatchObject({ accepted: false, rules: ['DEL-3'] });
    expect(h.send('delist', { spec: 's1', by: 'buyer' })).toMatchObject({ accepted: false, rules: ['DEL-3'] });
    expect(h.send('requestDelisting', { ...REQUEST, spec: 's1', notice: buyerNotice(T0) }).accepted).toBe(true);
    expect(purchaseAvailability(h.snapshot, 'url', 's1')).toEqual({ ok: true }); // on sale during the review
    h.advance(T0 + 7 * MS.day);
    expect(h.entries.at(-1)).toMatchObject({ event: 'after(delistingReview)', rules: ['DEL-3', 'DEL-1'] });
    expect(lifecycleStatus(h.snapshot)).toBe('listed');
    expect(purchaseAvailability(h.snapshot, 'url', 's1')).toMatchObject({ ok: false, rule: 'DEL-1' });
    expect(purchaseAvailability(h.snapshot, 'url', 's2')).toEqual({ ok: true });
  });
});

describe('DEL-5 for a discontinued spec', () => {
  const yaml = `
name: del5-spec
profile: koogallery
seed: 3
start: 2024-01-01T00:00:00+08:00
end: 2024-03-31T00:00:00+08:00
merchants: [{ id: m1 }]
products:
  - { id: crm, merchant: m1, name: Acme CRM, deliveryType: image, specs: [{ id: basic, priceFen: 10000, period: month }, { id: pro, priceFen: 30000, period: month }] }
buyers: [{ id: b1 }]
timeline:
  - { at: 2024-01-02T09:00, event: submit, product: crm }
  - { at: 2024-01-02T10:00, event: approve, product: crm }
  - { at: 2024-01-02T11:00, event: list, product: crm, by: operator }
  - { at: 2024-01-03T09:00, event: purchase, order: o-basic, buyer: b1, product: crm, spec: basic }
  - { at: 2024-01-03T09:00, event: purchase, order: o-pro, buyer: b1, product: crm, spec: pro }
  - { at: 2024-01-10T09:00, event: delist, product: crm, spec: basic }
  - { at: 2024-01-20T09:00, event: renew, order: o-basic }
  - { at: 2024-01-20T09:00, event: renew, order: o-pro }
`;

  test('DEL-5: the buyer of a discontinued spec cannot renew; the buyer of a spec still on sale can', () => {
    const r = runText(yaml);
    expect(line(r, 'product:crm', 'delist')).toMatchObject({ accepted: true });
    expect(line(r, 'order:o-basic', 'renew')).toMatchObject({ accepted: false, rules: ['DEL-5'] });
    expect(line(r, 'order:o-basic', 'renew').reason).toMatch(/spec basic discontinued/);
    expect(line(r, 'order:o-pro', 'renew')).toMatchObject({ accepted: true });
  });

  test('DEL-5: availability knows specs; renewalAfterDelisting lets the discontinued spec renew', () => {
    const h = productHarness();
    h.toListed();
    h.send('delist', { spec: 's1' });
    expect(renewalAvailability(h.snapshot, 's1')).toMatchObject({ ok: false, rule: 'DEL-5' });
    expect(renewalAvailability(h.snapshot, 's2')).toEqual({ ok: true });
    const lenient = productHarness({ params: { renewalAfterDelisting: true } });
    lenient.toListed();
    lenient.send('delist', { spec: 's1' });
    expect(renewalAvailability(lenient.snapshot, 's1')).toEqual({ ok: true });
  });
});

describe('DEL-6 / DEL-7: the notice to every existing buyer before a tencent delisting request', () => {
  test.each([
    ['no notice at all', undefined, /no notice to existing buyers/],
    ['one channel only', buyerNotice(T0, { channels: ['inSite'] }), /1 channel\(s\), at least 2/],
    ['the same channel twice', buyerNotice(T0, { channels: ['email', 'email'] }), /1 channel\(s\)/],
    ['a sample of buyers', buyerNotice(T0, { audience: 'someBuyers' }), /every existing buyer/],
    ['no impact stated', buyerNotice(T0, { impact: ' ' }), /does not state its impact/],
    ['no follow-up solution', buyerNotice(T0, { followUp: '' }), /does not state its followUp/],
    ['no data export tool', buyerNotice(T0, { dataExportTool: false }), /export tool/],
    ['published after the request', buyerNotice(T0 + MS.hour), /before the delisting request/],
  ])('DEL-6: a request with %s is refused and nothing goes to review', (_, notice, reason) => {
    const h = productHarness({ platform: 'tencent' });
    h.toListed();
    const refused = h.send('requestDelisting', { ...REQUEST, ...(notice ? { notice } : {}) });
    expect(refused).toMatchObject({ accepted: false, rules: ['DEL-6'] });
    expect(refused.reason).toMatch(reason);
    expect(h.snapshot.context.delisting).toBeUndefined();
  });

  test('DEL-6: a notice on several channels with reason, effective time, impact and follow-up is accepted for review', () => {
    const h = productHarness({ platform: 'tencent' });
    h.toListed();
    const accepted = h.send('requestDelisting', { ...REQUEST, notice: buyerNotice(T0 - MS.day) });
    expect(accepted).toMatchObject({ accepted: true, rules: expect.arrayContaining(['DEL-3', 'DEL-6', 'DEL-7']) });
    expect(h.snapshot.context.delisting?.notice?.channels).toHaveLength(3);
  });

  test('DEL-7: the notice states an effective time at least the notice period after it went out; the delisting waits for it', () => {
    const params = { delistNoticePeriodMs: 30 * MS.day };
    const tooSoon = productHarness({ platform: 'tencent', params });
    tooSoon.toListed();
    const refused = tooSoon.send('requestDelisting', { ...REQUEST, notice: buyerNotice(T0 - 10 * MS.day, { effectiveAt: T0 + 10 * MS.day }) });
    expect(refused).toMatchObject({ accepted: false, rules: ['DEL-7'] });

    const h = productHarness({ platform: 'tencent', params });
    h.toListed();
    const effectiveAt = T0 + 20 * MS.day; // published 10 days before the request, 30 days before it takes effect
    expect(h.send('requestDelisting', { ...REQUEST, notice: buyerNotice(T0 - 10 * MS.day, { effectiveAt }) }).accepted).toBe(true);
    h.advance(T0 + 7 * MS.day); // the review approved after one business day…
    expect(h.entries.some((e) => e.event === 'after(delistingReview)' && e.rules.includes('DEL-7'))).toBe(true);
    h.advance(effectiveAt - 1);
    expect(lifecycleStatus(h.snapshot)).toBe('listed'); // …but buyers were told a later date: still on sale
    expect(purchaseAvailability(h.snapshot, 'storefront')).toEqual({ ok: true });
    h.advance(effectiveAt);
    expect(lifecycleStatus(h.snapshot)).toBe('delisted');
    expect(h.entries.at(-1)).toMatchObject({ event: 'after(delistingEffective)', rules: ['DEL-4', 'DEL-7'] });
  });
});

describe('STL-5: every pending settlement is reconciled and confirmed before delisting', () => {
  const scenario = (profile: string, steps: string) => `
name: stl5
profile: ${profile}
seed: 4
start: 2024-01-01T00:00:00+08:00
end: 2024-06-30T00:00:00+08:00
merchants: [{ id: m1 }]
products:
  - { id: crm, merchant: m1, name: Acme CRM, deliveryType: saas, specs: [{ id: month, priceFen: 10000, period: month }] }
  - { id: svc, merchant: m1, name: Acme Setup, deliveryType: manualService, specs: [{ id: once, priceFen: 50000, period: month }] }
buyers: [{ id: b1 }, { id: b2 }]
timeline:
  - { at: 2024-01-02T09:00, event: submit, product: crm }
  - { at: 2024-01-02T10:00, event: approve, product: crm }
  - { at: 2024-01-02T11:00, event: list, product: crm }
  - { at: 2024-01-02T09:00, event: submit, product: svc }
  - { at: 2024-01-02T10:00, event: approve, product: svc }
  - { at: 2024-01-02T11:00, event: list, product: svc }
  - { at: 2024-01-03T09:00, event: purchase, order: o1, buyer: b1, product: crm }
${steps}`;

  test('STL-5: koogallery — a delisting with an unconfirmed pending settlement is refused, naming the order; confirmed, it proceeds', () => {
    const r = runText(
      scenario(
        'koogallery',
        `  - { at: 2024-01-10T09:00, event: delist, product: crm }
  - { at: 2024-01-10T10:00, event: confirmSettlements, product: crm }
  - { at: 2024-01-10T11:00, event: delist, product: crm }`,
      ),
    );
    const refused = line(r, 'product:crm', 'delist', 0);
    expect(refused).toMatchObject({ accepted: false, rules: ['STL-5'], payload: { pendingSettlements: ['o1'] } });
    expect(refused.reason).toMatch(/not reconciled and confirmed: o1/);
    expect(line(r, 'product:crm', 'confirmSettlements')).toMatchObject({ accepted: true, rules: ['STL-5'], payload: { pendingSettlements: ['o1'] } });
    expect(line(r, 'product:crm', 'delist', 1)).toMatchObject({ accepted: true, state: 'discontinued', rules: ['DEL-1', 'STL-5'] });
  });

  test('STL-5: a purchase after the confirmation is pending again; an order whose statement is out needs none', () => {
    const r = runText(
      scenario(
        'koogallery',
        `  - { at: 2024-01-10T10:00, event: confirmSettlements, product: crm }
  - { at: 2024-01-10T10:30, event: purchase, order: o2, buyer: b2, product: crm }
  - { at: 2024-01-10T11:00, event: delist, product: crm }
  - { at: 2024-01-04T09:00, event: purchase, order: s1, buyer: b1, product: svc }
  - { at: 2024-01-05T09:00, event: submitRequirement, supervision: s1, requirement: set it up }
  - { at: 2024-01-05T10:00, event: confirmRequirement, supervision: s1 }
  - { at: 2024-01-06T10:00, event: deliver, supervision: s1 }
  - { at: 2024-01-07T10:00, event: acceptDelivery, supervision: s1 }
  - { at: 2024-03-05T09:00, event: delist, product: svc }`,
      ),
    );
    expect(line(r, 'product:crm', 'delist')).toMatchObject({ accepted: false, rules: ['STL-5'], payload: { pendingSettlements: ['o1', 'o2'] } });
    expect(line(r, 'product:crm', 'delist').reason).toMatch(/: o2$/);
    // completed in January, billed in February's statement: by March nothing of svc is pending
    expect(line(r, 'product:svc', 'delist')).toMatchObject({ accepted: true, state: 'discontinued' });
    expect(line(r, 'product:svc', 'delist').payload?.pendingSettlements).toBeUndefined();
  });

  test('STL-5: an order still under supervision is pending until its supervision completes', () => {
    const r = runText(
      scenario(
        'koogallery',
        `  - { at: 2024-01-04T09:00, event: purchase, order: s1, buyer: b1, product: svc }
  - { at: 2024-04-05T09:00, event: delist, product: svc }`,
      ),
    );
    expect(line(r, 'product:svc', 'delist')).toMatchObject({ accepted: false, rules: ['STL-5'], payload: { pendingSettlements: ['s1'] } });
  });

  test('STL-5: tencent — a delisting request with an unconfirmed pending settlement is refused', () => {
    const request = `event: requestDelisting, product: crm, reason: Retired after the migration to v2, noticeUrl: https://example.com/n, reviewBusinessDays: 1, notice: { channels: [inSite, email], publishedAt: 2024-01-09T09:00, reason: retired, effectiveAt: 2024-01-10T09:00, impact: served to term, followUp: export your data, dataExportTool: true }`;
    const r = runText(
      scenario(
        'tencent',
        `  - { at: 2024-01-10T09:00, ${request} }
  - { at: 2024-01-10T10:00, event: confirmSettlements, product: crm }
  - { at: 2024-01-10T11:00, ${request} }`,
      ),
    );
    expect(line(r, 'product:crm', 'requestDelisting', 0)).toMatchObject({ accepted: false, rules: ['STL-5'] });
    expect(line(r, 'product:crm', 'requestDelisting', 1)).toMatchObject({ accepted: true, state: expect.stringContaining('underReview') });
  });
});
