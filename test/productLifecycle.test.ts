// Each publishing, hiding and delisting rule (PUB, HIDE, DEL) proven on the product machine through the engine:
// the accepted path, and the refusal that names the rule when the rule is broken.
import { describe, expect, test } from 'vitest';
import { lifecycleStatus, purchaseAvailability, renewalAvailability, visibleInStorefront } from '../machines/productAvailability.js';
import { MS } from '../machines/rules.js';
import { buyerNotice, productHarness, T0 } from './support/productHarness.js';

describe('PUB — publishing and review', () => {
  test('PUB-1: a draft is edited and saved before submission, staying a draft', () => {
    const h = productHarness();
    const entry = h.send('editDraft', { changes: { name: 'Renamed', copyrightCertificate: { name: 'Renamed' } } });
    expect(entry.accepted).toBe(true);
    expect(entry.rules).toContain('PUB-1');
    expect(lifecycleStatus(h.snapshot)).toBe('draft');
    expect(h.snapshot.context.listing.name).toBe('Renamed');
  });

  test('PUB-2: submitting creates a pending application; nothing is purchasable before approval and listing', () => {
    const h = productHarness();
    expect(purchaseAvailability(h.snapshot, 'url')).toMatchObject({ ok: false, rule: 'PUB-2' });
    expect(h.send('submit').state).toBe('pendingReview');
    expect(purchaseAvailability(h.snapshot, 'url')).toMatchObject({ ok: false, rule: 'PUB-2' });
    h.send('approve', { by: 'operator' });
    expect(purchaseAvailability(h.snapshot, 'url')).toMatchObject({ ok: false, rule: 'PUB-2' });
    const refusedList = productHarness();
    expect(refusedList.send('list')).toMatchObject({ accepted: false, rules: ['PUB-2'] });
    h.send('list');
    expect(purchaseAvailability(h.snapshot, 'storefront')).toEqual({ ok: true });
  });

  test.each(['license', 'manualService', 'hardware', 'image', 'saas', 'api'] as const)('PUB-3: a pending %s application can be withdrawn', (deliveryType) => {
    const h = productHarness({ deliveryType });
    h.send('submit');
    expect(h.send('withdraw')).toMatchObject({ accepted: true, state: 'draft' });
  });

  test.each(['dataFile', 'appOrchestration', 'container', 'consulting', 'apiGateway'] as const)('PUB-3: a pending %s application cannot be withdrawn', (deliveryType) => {
    const h = productHarness({ deliveryType });
    h.send('submit');
    expect(h.send('withdraw')).toMatchObject({ accepted: false, rules: ['PUB-3'], state: 'pendingReview' });
  });

  test('PUB-4: review ends approved or rejected; only operators decide; the rejected application is edited and resubmitted', () => {
    const h = productHarness();
    h.send('submit');
    expect(h.send('approve')).toMatchObject({ accepted: false, rules: ['PUB-4'] }); // by the seller
    expect(h.send('reject', { by: 'operator', reason: 'blurry logo' }).state).toBe('rejected');
    expect(h.send('editDraft', { changes: { name: 'Test Product' } })).toMatchObject({ accepted: true, state: 'rejected' });
    expect(h.send('submit')).toMatchObject({ accepted: true, state: 'pendingReview', rules: expect.arrayContaining(['PUB-4']) });
    expect(h.send('approve', { by: 'operator' }).state).toBe('approved');
  });

  test('PUB-5: the seller lists its approved product; image products are listed by an operator only', () => {
    const saas = productHarness();
    saas.send('submit');
    saas.send('approve', { by: 'operator' });
    expect(saas.send('list')).toMatchObject({ accepted: true, state: expect.stringMatching(/^listed/) });
    const image = productHarness({ deliveryType: 'image' });
    image.send('submit');
    image.send('approve', { by: 'operator' });
    expect(image.send('list')).toMatchObject({ accepted: false, rules: ['PUB-5'] });
    expect(image.send('list', { by: 'operator' }).accepted).toBe(true);
  });

  test('PUB-6: a change under review keeps the listed version on sale; approval replaces it, rejection keeps the old one', () => {
    const h = productHarness();
    h.toListed();
    const live = h.snapshot.context.liveListing;
    h.send('submitChange', { changes: { name: 'New Name', copyrightCertificate: { name: 'New Name' } } });
    expect(h.snapshot.matches({ listed: { change: 'pendingReview' } })).toBe(true);
    expect(purchaseAvailability(h.snapshot, 'storefront')).toEqual({ ok: true });
    expect(h.snapshot.context.liveListing).toBe(live);
    h.send('approve', { by: 'operator' });
    expect(h.snapshot.context.liveListing?.name).toBe('New Name');
    expect(h.snapshot.context.version).toBe(2);
    h.send('submitChange', { changes: { name: 'Bad', copyrightCertificate: { name: 'Bad' } } });
    h.send('reject', { by: 'operator' });
    expect(h.snapshot.context.liveListing?.name).toBe('New Name');
    expect(h.snapshot.context.listing.name).toBe('New Name');
  });

  test('PUB-6: with listedVersionStaysOnSale off, sales stop while a change is reviewed', () => {
    const h = productHarness({ params: { listedVersionStaysOnSale: false } });
    h.toListed();
    h.send('submitChange', { changes: {} });
    expect(purchaseAvailability(h.snapshot, 'storefront')).toMatchObject({ ok: false, rule: 'PUB-6' });
  });

  test('PUB-7: review results are notified on in-site message, application list, email and phone', () => {
    const h = productHarness();
    h.send('submit');
    const approved = h.send('approve', { by: 'operator' });
    expect(approved.rules).toContain('PUB-7');
    expect(approved.effects).toEqual([
      { type: 'notify', params: { topic: 'reviewResult', result: 'approved', channels: ['inSite', 'applicationList', 'email', 'phone'] } },
    ]);
    const r = productHarness();
    r.send('submit');
    expect(r.send('reject', { by: 'operator' }).effects?.[0]?.params).toMatchObject({ result: 'rejected' });
  });

  test('PUB-8: packages of gateway products are added while modifying, delisted, never deleted', () => {
    const h = productHarness({ deliveryType: 'apiGateway', product: { packages: [{ id: 'pk1', name: '1M', priceFen: 9900 }] } });
    h.toListed();
    expect(h.snapshot.context.packages.pk1?.status).toBe('listed');
    const pk2 = { id: 'pk2', name: '10M', priceFen: 89900 };
    expect(h.send('addPackage', { package: pk2 })).toMatchObject({ accepted: false, rules: ['PUB-8'] });
    h.send('submitChange', { changes: {} });
    expect(h.send('addPackage', { package: pk2 }).accepted).toBe(true);
    h.send('approve', { by: 'operator' });
    expect(h.snapshot.context.packages.pk2?.status).toBe('listed');
    expect(h.send('deletePackage', { packageId: 'pk1' })).toMatchObject({ accepted: false, rules: ['PUB-8'] });
    expect(h.send('delistPackage', { packageId: 'pk1' }).accepted).toBe(true);
    expect(h.snapshot.context.packages.pk1?.status).toBe('delisted');
    const saas = productHarness();
    saas.toListed();
    saas.send('submitChange', { changes: {} });
    expect(saas.send('addPackage', { package: pk2 }).accepted).toBe(false);
  });

  describe('PUB-9: submission validation', () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['support info lacking the hotline', { supportInfo: { serviceTime: 'x', serviceContent: 'y', email: 'e@x' } }, /hotline/],
      ['no usage guide', { usageGuide: { text: '' } }, /usage guide/],
      ['a certificate whose name differs', { copyrightCertificate: { name: 'Other' } }, /differs/],
      ['a 200 px logo', { logo: { widthPx: 200, heightPx: 200, background: '#FFFFFF', markWidthPx: 168, markHeightPx: 168, markCentred: true } }, /240×240/],
      ['a grey logo background', { logo: { widthPx: 240, heightPx: 240, background: '#EEEEEE', markWidthPx: 168, markHeightPx: 168, markCentred: true } }, /background/],
      ['an off-centre mark', { logo: { widthPx: 240, heightPx: 240, background: '#ffffff', markWidthPx: 168, markHeightPx: 168, markCentred: false } }, /centred/],
    ];
    test.each(cases)('refuses a submission with %s', (_, changes, reason) => {
      const h = productHarness();
      h.send('editDraft', { changes });
      const entry = h.send('submit');
      expect(entry).toMatchObject({ accepted: false, rules: ['PUB-9'], state: 'draft' });
      expect(entry.reason).toMatch(reason);
    });

    test('image usage guides must give ports and login; a complete form is accepted', () => {
      const h = productHarness({ deliveryType: 'image' });
      h.send('editDraft', { changes: { usageGuide: { text: 'see docs' } } });
      expect(h.send('submit').reason).toMatch(/ports/);
      h.send('editDraft', { changes: { usageGuide: { ports: [22], login: 'ssh root@ip' } } });
      expect(h.send('submit').accepted).toBe(true);
    });

    test('non-software products need no copyright certificate; the check can be switched off', () => {
      const hardware = productHarness({ deliveryType: 'hardware' });
      hardware.send('editDraft', { changes: { copyrightCertificate: { name: 'unrelated' } } });
      expect(hardware.send('submit').accepted).toBe(true);
      const off = productHarness({ params: { submissionChecks: false } });
      off.send('editDraft', { changes: { supportInfo: {} } });
      expect(off.send('submit').accepted).toBe(true);
    });
  });

  test('PUB-10: joint-operation products only by a plan member main account or a sub-user with the permission', () => {
    const merchant = { subUsers: [{ id: 'ops', permissions: ['publishJointOperation'] }, { id: 'intern', permissions: [] }] };
    const outside = productHarness({ productClass: 'jointOperation', merchant });
    expect(outside.send('submit')).toMatchObject({ accepted: false, rules: ['PUB-10'] });
    expect(outside.send('submit', { subUser: 'intern' })).toMatchObject({ accepted: false, rules: ['PUB-10'] });
    expect(outside.send('submit', { subUser: 'ops' }).accepted).toBe(true);
    const member = productHarness({ productClass: 'jointOperation', merchant: { jointOperationMember: true } });
    expect(member.send('submit').accepted).toBe(true);
    const general = productHarness();
    expect(general.send('submit', { subUser: 'anyone' }).accepted).toBe(true);
  });
});

describe('HIDE — hiding', () => {
  test('HIDE-1: a product or a single spec is hidden while publishing or modifying', () => {
    const h = productHarness();
    expect(h.send('hide', { spec: 's2' }).accepted).toBe(true);
    expect(h.snapshot.context.specs.s2?.hidden).toBe(true);
    h.toListed();
    expect(h.send('hide').rules).toContain('HIDE-1');
    h.send('approve', { by: 'operator' }); // a listed product is hidden by a reviewed modification
    expect(h.snapshot.context.hidden).toBe(true);
    expect(h.send('hide', { spec: 'nope' }).accepted).toBe(false);
  });

  test('HIDE-2: koogallery — a hidden listed product is off the storefront but bought through its URL', () => {
    const h = productHarness({ platform: 'koogallery' });
    h.toListed();
    h.send('hide');
    h.send('approve', { by: 'operator' });
    expect(visibleInStorefront(h.snapshot)).toBe(false);
    expect(purchaseAvailability(h.snapshot, 'storefront')).toMatchObject({ ok: false, rule: 'HIDE-2' });
    expect(purchaseAvailability(h.snapshot, 'url')).toEqual({ ok: true });
    const spec = productHarness({ platform: 'koogallery' });
    spec.toListed();
    spec.send('hide', { spec: 's2' });
    spec.send('approve', { by: 'operator' });
    expect(purchaseAvailability(spec.snapshot, 'url', 's2')).toEqual({ ok: true });
    expect(purchaseAvailability(spec.snapshot, 'storefront', 's2')).toMatchObject({ ok: false, rule: 'HIDE-2' });
    expect(purchaseAvailability(spec.snapshot, 'storefront', 's1')).toEqual({ ok: true });
  });

  test('HIDE-3: tencent — temporary delisting stops new purchases even by URL, and is reversible at any time', () => {
    const h = productHarness({ platform: 'tencent' });
    h.toListed();
    h.send('hide');
    expect(purchaseAvailability(h.snapshot, 'url')).toMatchObject({ ok: false, rule: 'HIDE-3' });
    expect(renewalAvailability(h.snapshot)).toEqual({ ok: true }); // existing buyers unaffected
    expect(h.send('unhide').accepted).toBe(true);
    expect(purchaseAvailability(h.snapshot, 'url')).toEqual({ ok: true });
  });
});

describe('DEL — delisting', () => {
  test('DEL-1: koogallery — a delisted product is discontinued (已停售) and can never be listed again', () => {
    const h = productHarness();
    h.toListed();
    expect(h.send('delist')).toMatchObject({ accepted: true, state: 'discontinued', rules: ['DEL-1', 'STL-5'] });
    for (const [type, by] of [['list', 'seller'], ['list', 'operator'], ['unhide', 'seller'], ['submitChange', 'seller']] as const) {
      expect(h.send(type, { by, changes: {} })).toMatchObject({ accepted: false, rules: ['DEL-1'] });
    }
    expect(purchaseAvailability(h.snapshot, 'url')).toMatchObject({ ok: false, rule: 'DEL-1' });
  });

  test('DEL-1: a single spec is discontinued for good while the product stays on sale', () => {
    const h = productHarness();
    h.toListed();
    h.send('delist', { spec: 's1' });
    expect(purchaseAvailability(h.snapshot, 'url', 's1')).toMatchObject({ ok: false, rule: 'DEL-1' });
    expect(purchaseAvailability(h.snapshot, 'url', 's2')).toEqual({ ok: true });
    expect(h.send('unhide', { spec: 's1' })).toMatchObject({ accepted: false, rules: ['DEL-1'] });
    expect(h.send('delist', { spec: 's1' }).accepted).toBe(false);
  });

  test('DEL-1: only general and joint-operation products are delisted by the seller', () => {
    for (const productClass of ['general', 'jointOperation'] as const) {
      const h = productHarness({ productClass, merchant: { jointOperationMember: true } });
      h.toListed();
      expect(h.send('delist').state).toBe('discontinued');
    }
    const other = productHarness({ productClass: 'other' });
    other.toListed();
    expect(other.send('delist')).toMatchObject({ accepted: false, rules: ['DEL-1'] });
  });

  test('DEL-2: tencent — image products are delisted by marketplace staff only', () => {
    const h = productHarness({ platform: 'tencent', deliveryType: 'image' });
    h.toListed();
    const request = { reason: 'Superseded by the 2.0 image', noticeUrl: 'https://example.com/n', reviewBusinessDays: 1 };
    expect(h.send('requestDelisting', request)).toMatchObject({ accepted: false, rules: ['DEL-2'] });
    expect(h.send('delist')).toMatchObject({ accepted: false, rules: ['DEL-2'] });
    expect(h.send('delist', { by: 'operator' })).toMatchObject({ accepted: true, state: 'delisted' });
  });

  test('DEL-3: tencent — a delisting request is reviewed in the drawn business days; stays on sale meanwhile', () => {
    const h = productHarness({ platform: 'tencent' });
    h.toListed();
    // Friday 2024-03-01 09:00 + 2 business days = Tuesday 2024-03-05 09:00 (the weekend does not count)
    h.send('requestDelisting', { reason: 'Retired after the migration to v2', noticeUrl: 'https://example.com/n', reviewBusinessDays: 2, notice: buyerNotice(T0) });
    expect(purchaseAvailability(h.snapshot, 'storefront')).toEqual({ ok: true });
    h.advance(T0 + 4 * MS.day - 1);
    expect(lifecycleStatus(h.snapshot)).toBe('listed');
    h.advance(T0 + 4 * MS.day);
    expect(lifecycleStatus(h.snapshot)).toBe('delisted');
    const review = h.entries.at(-1)!;
    expect(review).toMatchObject({ event: 'after(delistingReview)', at: '2024-03-05T09:00:00+08:00', rules: ['DEL-3', 'DEL-4'] });
    expect(purchaseAvailability(h.snapshot, 'url')).toMatchObject({ ok: false, rule: 'DEL-4' });
  });

  test.each([
    ['a vague reason', { reason: 'bye', noticeUrl: 'https://example.com/n' }],
    ['no notice link', { reason: 'Retired after the migration to v2' }],
  ])('DEL-3: a request with %s is rejected by the review and the product stays listed', (_, request) => {
    const h = productHarness({ platform: 'tencent' });
    h.toListed();
    h.send('requestDelisting', { ...request, reviewBusinessDays: 1, notice: buyerNotice(T0) });
    h.advance(T0 + 7 * MS.day);
    expect(lifecycleStatus(h.snapshot)).toBe('listed');
    expect(h.entries.at(-1)).toMatchObject({ event: 'after(delistingReview)', effects: [{ params: { result: 'rejected' } }] });
  });

  test('DEL-3: koogallery has no delisting request; tencent has no immediate seller delisting', () => {
    const koo = productHarness();
    koo.toListed();
    expect(koo.send('requestDelisting', { reason: 'Retired after migration', noticeUrl: 'x', reviewBusinessDays: 1 })).toMatchObject({ accepted: false, rules: ['DEL-1'] });
    const tencent = productHarness({ platform: 'tencent' });
    tencent.toListed();
    expect(tencent.send('delist')).toMatchObject({ accepted: false, rules: ['DEL-3'] });
  });

  test('DEL-4: tencent — permanently offline is irreversible: link dead, no relisting, no unhiding', () => {
    const h = productHarness({ platform: 'tencent' });
    h.toListed();
    h.send('delist', { by: 'operator' });
    expect(h.send('list', { by: 'operator' })).toMatchObject({ accepted: false, rules: ['DEL-4'] });
    expect(h.send('unhide')).toMatchObject({ accepted: false, rules: ['DEL-4'] });
    expect(purchaseAvailability(h.snapshot, 'url')).toMatchObject({ ok: false, rule: 'DEL-4' });
    expect(visibleInStorefront(h.snapshot)).toBe(false);
  });

  test.each(['koogallery', 'tencent'] as const)('DEL-5: %s — after delisting, no renewal or new instance; before it, renewals are fine', (platform) => {
    const h = productHarness({ platform });
    h.toListed();
    expect(renewalAvailability(h.snapshot)).toEqual({ ok: true });
    h.send('delist', { by: 'operator' });
    expect(renewalAvailability(h.snapshot)).toMatchObject({ ok: false, rule: 'DEL-5' });
    const lenient = productHarness({ platform, params: { renewalAfterDelisting: true } });
    lenient.toListed();
    lenient.send('delist', { by: 'operator' });
    expect(renewalAvailability(lenient.snapshot)).toEqual({ ok: true });
  });
});
