// Publishing, second pass: hiding a listed koogallery product or spec is a reviewed modification (HIDE-1), a License
// product needs its delivery SLA (PUB-11), the merchant notices of koogallery (PUB-12, SUP-12) and the delivery-file
// proof after an online authorisation code is activated (SUP-11).
import { describe, expect, test } from 'vitest';
import type { MerchantNoticeParams } from '../machines/contracts.js';
import { purchaseAvailability, visibleInStorefront } from '../machines/productAvailability.js';
import type { LogEntry } from '../sim/log/entry.js';
import { line, runText } from './support/orderHarness.js';
import { productHarness } from './support/productHarness.js';
import { supervisionHarness } from './support/supervisionHarness.js';

const notices = (entries: readonly LogEntry[]): MerchantNoticeParams[] =>
  entries.flatMap((e) => (e.effects ?? []).filter((f) => f.type === 'noticeMerchant').map((f) => f.params as unknown as MerchantNoticeParams));

describe('HIDE-1: hiding a listed koogallery product is a modification application', () => {
  test('HIDE-1: hiding the listed product waits for review (still on the storefront), and takes effect on approval', () => {
    const h = productHarness();
    h.toListed();
    expect(h.send('hide')).toMatchObject({ accepted: true, rules: ['HIDE-1', 'PUB-6'], state: expect.stringContaining('change.pendingReview') });
    expect(h.snapshot.context.hidden).toBe(false);
    expect(purchaseAvailability(h.snapshot, 'storefront')).toEqual({ ok: true });
    expect(h.send('approve', { by: 'operator' })).toMatchObject({ accepted: true, rules: expect.arrayContaining(['HIDE-1', 'PUB-6']) });
    expect(visibleInStorefront(h.snapshot)).toBe(false);
    expect(h.send('unhide').accepted).toBe(true);
    expect(visibleInStorefront(h.snapshot)).toBe(false); // unhiding is a modification too
    h.send('approve', { by: 'operator' });
    expect(visibleInStorefront(h.snapshot)).toBe(true);
  });

  test('HIDE-1: a rejected or withdrawn hiding changes nothing; a spec is hidden the same way', () => {
    const h = productHarness();
    h.toListed();
    h.send('hide', { spec: 's2' });
    h.send('reject', { by: 'operator', reason: 'no reason given' });
    expect(h.snapshot.context.specs.s2?.hidden).toBe(false);
    expect(h.snapshot.context.pendingVisibility).toBeUndefined();
    h.send('hide', { spec: 's2' });
    h.send('withdraw');
    expect(h.snapshot.context.specs.s2?.hidden).toBe(false);
    h.send('hide', { spec: 's2' });
    h.send('approve', { by: 'operator' });
    expect(purchaseAvailability(h.snapshot, 'storefront', 's2')).toMatchObject({ ok: false, rule: 'HIDE-2' });
    expect(purchaseAvailability(h.snapshot, 'url', 's2')).toEqual({ ok: true });
  });

  test('HIDE-1: hiding joins a modification already under review and takes effect with it', () => {
    const h = productHarness();
    h.toListed();
    h.send('submitChange', { changes: { name: 'Test Product' } });
    expect(h.send('hide')).toMatchObject({ accepted: true, rules: ['HIDE-1', 'PUB-6'] });
    expect(h.snapshot.context.hidden).toBe(false);
    h.send('approve', { by: 'operator' });
    expect(h.snapshot.context.hidden).toBe(true);
    expect(h.send('hide', { spec: 'nope' }).accepted).toBe(false);
  });

  test('HIDE-3: tencent temporary delisting stays instant (it is not a modification there)', () => {
    const h = productHarness({ platform: 'tencent' });
    h.toListed();
    expect(h.send('hide').state).toContain('change.idle');
    expect(h.snapshot.context.hidden).toBe(true);
  });
});

describe('PUB-11: a License product is submitted with its delivery SLA', () => {
  test('PUB-11: koogallery refuses a License submission without 交付SLA and accepts it with one', () => {
    const h = productHarness({ deliveryType: 'license' });
    expect(h.send('editDraft', { changes: { deliverySla: '  ' } }).accepted).toBe(true);
    const refused = h.send('submit');
    expect(refused).toMatchObject({ accepted: false, rules: ['PUB-11'], state: 'draft' });
    expect(refused.reason).toMatch(/delivery SLA/);
    h.send('editDraft', { changes: { deliverySla: 'Licence key within 1 business day' } });
    expect(h.send('submit')).toMatchObject({ accepted: true, state: 'pendingReview' });
  });

  test('PUB-11: the SLA is a License rule of koogallery only: a SaaS product and a tencent License need none', () => {
    const saas = productHarness({ deliveryType: 'saas' });
    saas.send('editDraft', { changes: { deliverySla: '' } });
    expect(saas.send('submit').accepted).toBe(true);
    const tencent = productHarness({ platform: 'tencent', deliveryType: 'license' });
    tencent.send('editDraft', { changes: { deliverySla: '' } });
    expect(tencent.send('submit').accepted).toBe(true);
  });
});

describe('PUB-12: merchant notices of sale-status changes and operator edits (koogallery)', () => {
  test('PUB-12: an approved hiding or unhiding sends 产品创建开通通知(101); an approved change that hides nothing sends none', () => {
    const h = productHarness();
    h.toListed();
    h.send('hide');
    const approved = h.send('approve', { by: 'operator' });
    expect(approved.rules).toContain('PUB-12');
    expect(notices([approved])).toEqual([{ merchantId: 'm1', productId: 'p1', notice: 'productCreationOpening101', cause: 'saleStatusChanged' }]);
    h.send('submitChange', { changes: { name: 'Test Product' } });
    const plain = h.send('approve', { by: 'operator' });
    expect(plain.accepted).toBe(true);
    expect(notices([plain])).toEqual([]);
    h.send('hide'); // already hidden: no change of sale status, no notice
    expect(notices([h.send('approve', { by: 'operator' })])).toEqual([]);
  });

  test('PUB-12: operations editing the product in the console send 产品信息变更通知; the seller cannot use that door', () => {
    const h = productHarness();
    h.toListed();
    expect(h.send('editByOperator', { changes: { name: 'Fixed Name' } })).toMatchObject({ accepted: false });
    const edit = h.send('editByOperator', { by: 'operator', changes: { name: 'Fixed Name' } });
    expect(edit).toMatchObject({ accepted: true, rules: ['PUB-12'] });
    expect(notices([edit])).toEqual([{ merchantId: 'm1', productId: 'p1', notice: 'productInfoChanged', cause: 'operatorEdit' }]);
    expect(h.snapshot.context.liveListing?.name).toBe('Fixed Name');
    const tencent = productHarness({ platform: 'tencent' });
    tencent.toListed();
    expect(notices([tencent.send('editByOperator', { by: 'operator', changes: { name: 'X' } })])).toEqual([]);
  });
});

describe('SUP-12: notice 101 on purchases and on supervision messages of site-building and hardware products', () => {
  const scenario = (profile: string) => `
name: sup12
profile: ${profile}
seed: 2
start: 2024-01-01T00:00:00+08:00
end: 2024-02-28T00:00:00+08:00
merchants: [{ id: m1 }]
products:
  - { id: crm, merchant: m1, name: Acme API, deliveryType: api, chargingMode: perUse, specs: [{ id: call, priceFen: 100 }] }
  - { id: setup, merchant: m1, name: Acme Setup, deliveryType: manualService, specs: [{ id: once, priceFen: 50000, period: month }] }
  - { id: site, merchant: m1, name: Acme Sites, deliveryType: manualService, siteBuilding: true, specs: [{ id: once, priceFen: 90000, period: month }] }
  - { id: box, merchant: m1, name: Acme Box, deliveryType: hardware, specs: [{ id: unit, priceFen: 200000, period: year }] }
buyers: [{ id: b1 }]
timeline:
${['crm', 'setup', 'site', 'box']
  .map((p) => `  - { at: 2024-01-02T09:00, event: submit, product: ${p} }
  - { at: 2024-01-02T10:00, event: approve, product: ${p} }
  - { at: 2024-01-02T11:00, event: list, product: ${p} }`)
  .join('\n')}
  - { at: 2024-01-03T09:00, event: purchase, order: o-crm, buyer: b1, product: crm }
  - { at: 2024-01-03T09:00, event: purchase, order: o-setup, buyer: b1, product: setup }
  - { at: 2024-01-03T09:00, event: purchase, order: o-site, buyer: b1, product: site }
  - { at: 2024-01-03T09:00, event: purchase, order: o-box, buyer: b1, product: box }
`;

  test('SUP-12: koogallery — every purchase notifies 101 (service products as such); supervision messages only for site-building and hardware', () => {
    const r = runText(scenario('koogallery'));
    expect(notices([line(r, 'order:o-crm', 'purchase')])).toEqual([
      { merchantId: 'm1', productId: 'crm', notice: 'productCreationOpening101', cause: 'purchased', orderId: 'o-crm' },
    ]);
    expect(notices([line(r, 'order:o-setup', 'purchase')])).toMatchObject([{ notice: 'productCreationOpening101', cause: 'servicePurchased' }]);
    const supervisionNotices = (order: string) => notices(r.entries.filter((e) => e.entity === `supervision:${order}`));
    expect(supervisionNotices('o-box')).toEqual([
      { merchantId: 'm1', productId: 'box', notice: 'productCreationOpening101', cause: 'supervisionMessage', orderId: 'o-box' },
    ]);
    expect(supervisionNotices('o-site')).toMatchObject([{ cause: 'supervisionMessage', productId: 'site' }]);
    expect(supervisionNotices('o-setup')).toEqual([]);
  });

  test('SUP-12: tencent sends none of these notices', () => {
    const r = runText(scenario('tencent'));
    expect(notices(r.entries)).toEqual([]);
  });
});

describe('SUP-11: delivery-file proof after activating an online authorisation code', () => {
  const licence = () => {
    const h = supervisionHarness({ deliveryType: 'license', licenseMode: 'onlineCode', orderedAt: '2024-09-15T10:00' });
    h.send('2024-09-15T10:00', 'openSupervision', 'system');
    h.send('2024-09-15T11:00', 'deliver', 'seller');
    return h;
  };

  test('SUP-11: proof is refused before the code is activated, and recorded after it (even once the order closed)', () => {
    const h = licence();
    const early = h.send('2024-09-15T12:00', 'uploadDeliveryProof', 'seller', { documents: ['delivery-note.pdf'] });
    expect(early).toMatchObject({ accepted: false, rules: ['SUP-11'] });
    expect(h.send('2024-09-16T11:00', 'activateAuthCode', 'seller').state).toContain('flow.completed');
    const proof = h.send('2024-09-16T12:00', 'uploadDeliveryProof', 'seller', { documents: ['delivery-note.pdf', 'activation.png'] });
    expect(proof).toMatchObject({ accepted: true, rules: ['SUP-11'] });
    expect(h.snapshot().context.deliveryProof).toEqual(['delivery-note.pdf', 'activation.png']);
  });

  test('SUP-11: only the seller uploads, and an upload carries at least one document', () => {
    const h = licence();
    h.send('2024-09-16T11:00', 'activateAuthCode', 'seller');
    expect(h.send('2024-09-16T12:00', 'uploadDeliveryProof', 'buyer', { documents: ['x.pdf'] })).toMatchObject({ accepted: false, rules: ['SUP-11'] });
    expect(h.send('2024-09-16T12:00', 'uploadDeliveryProof', 'seller', { documents: [] })).toMatchObject({ accepted: false, rules: ['SUP-11'] });
    expect(h.snapshot().context.deliveryProof).toEqual([]);
  });

  test('SUP-11: an offline License (no code to activate) has no proof upload of this kind', () => {
    const h = supervisionHarness({ deliveryType: 'license', licenseMode: 'offline', orderedAt: '2024-09-15T10:00' });
    h.send('2024-09-15T10:00', 'openSupervision', 'system');
    expect(h.send('2024-09-15T12:00', 'uploadDeliveryProof', 'seller', { documents: ['x.pdf'] })).toMatchObject({ accepted: false, rules: ['SUP-11'] });
  });
});
