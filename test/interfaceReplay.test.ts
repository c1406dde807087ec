// INT-1: saved interface test cases are replayed when a product is published, modified and reviewed, and periodically;
// the replay tests the merchant's interface (a repeated call must leave its state unchanged), not the simulator's own
// callId de-duplication.
import { describe, expect, test } from 'vitest';
import type { MerchantDef, ProductDef } from '../machines/catalog.js';
import type { InterfaceReplay } from '../machines/contracts.js';
import { PROFILES } from '../machines/rules.js';
import { completeListing } from '../machines/submissionChecks.js';
import { replaySavedCases, SAVED_CASES } from '../sim/merchant/interfaceTests.js';
import { applyCall, emptyView, type MerchantView } from '../sim/merchant/peer.js';
import { line, runText } from './support/orderHarness.js';
import { productHarness } from './support/productHarness.js';

const scenario = (merchant: string, steps: string, rules = '') => `
name: int1
profile: koogallery
seed: 9
start: 2024-01-01T00:00:00+08:00
end: 2024-04-30T00:00:00+08:00
${rules}
merchants: [${merchant}]
products:
  - { id: crm, merchant: m1, name: Acme CRM, deliveryType: saas, specs: [{ id: month, priceFen: 10000, period: month }] }
  - { id: kit, merchant: m1, name: Acme Kit, deliveryType: dataFile, specs: [{ id: set, priceFen: 10000, period: month }] }
timeline:
${steps}`;

const LISTED = `  - { at: 2024-01-02T09:00, event: submit, product: crm }
  - { at: 2024-01-02T10:00, event: approve, product: crm }
  - { at: 2024-01-02T11:00, event: list, product: crm }`;

const replayOf = (entry: { payload?: Readonly<Record<string, unknown>> }): InterfaceReplay | undefined =>
  entry.payload?.interfaceReplay as InterfaceReplay | undefined;

describe('INT-1: the replay at publication, modification and review', () => {
  test('INT-1: an idempotent merchant interface passes every saved case at submit, approve and submitChange', () => {
    const r = runText(scenario('{ id: m1 }', `${LISTED}\n  - { at: 2024-01-05T09:00, event: submitChange, product: crm, changes: { name: Acme CRM } }`));
    for (const event of ['submit', 'approve', 'submitChange']) {
      const entry = line(r, 'product:crm', event);
      expect(entry).toMatchObject({ accepted: true, rules: expect.arrayContaining(['INT-1']) });
      expect(replayOf(entry)).toEqual({ ok: true, cases: SAVED_CASES.length, failures: [] });
    }
  });

  test('INT-1: a merchant whose createInstance does the work again on a repeated call cannot publish: submission refused, naming the case', () => {
    const r = runText(scenario('{ id: m1, nonIdempotentEndpoints: [createInstance] }', LISTED));
    const submit = line(r, 'product:crm', 'submit');
    expect(submit).toMatchObject({ accepted: false, rules: ['INT-1'], state: 'draft' });
    expect(submit.reason).toMatch(/createInstance: a repeated call changed the merchant's state/);
    expect(replayOf(submit)).toMatchObject({ ok: false, failures: [expect.stringContaining('createInstance')] });
  });

  test('INT-1: products without a merchant interface (data files) carry no saved cases and are not replayed', () => {
    const r = runText(
      scenario(
        '{ id: m1, nonIdempotentEndpoints: [expireInstance] }',
        `  - { at: 2024-01-02T09:00, event: submit, product: kit }
  - { at: 2024-01-02T10:00, event: approve, product: kit }`,
      ),
    );
    // dataFile products carry no saved interface cases (a rules parameter), so nothing is replayed or refused
    expect(line(r, 'product:kit', 'submit')).toMatchObject({ accepted: true });
    expect(replayOf(line(r, 'product:kit', 'submit'))).toBeUndefined();
  });
});

describe('INT-1: the periodic replay', () => {
  test('INT-1: while listed, the platform replays every 30 days (default) and records each outcome on the product', () => {
    const r = runText(scenario('{ id: m1 }', LISTED));
    const replays = r.entries.filter((e) => e.entity === 'product:crm' && e.event === 'replayInterfaceTests');
    // listed 2024-01-02 11:00, run ends 2024-04-30: replays on 02-01, 03-02, 04-01
    expect(replays.map((e) => e.at)).toEqual(['2024-02-01T11:00:00+08:00', '2024-03-02T11:00:00+08:00', '2024-04-01T11:00:00+08:00']);
    expect(replays.every((e) => e.accepted && e.by === 'system' && replayOf(e)?.ok === true)).toBe(true);
  });

  test('INT-1: the period is a rules parameter: every 10 days gives 11 replays over the same run', () => {
    const periodic = runText(scenario('{ id: m1 }', LISTED, 'rules: { interfaceTestReplayPeriodMs: 10d }'));
    expect(periodic.entries.filter((e) => e.event === 'replayInterfaceTests')).toHaveLength(11);
  });

  test('INT-1: a failing periodic replay is kept on the product; only the platform (system) replays', () => {
    const h = productHarness();
    h.toListed();
    const failing: InterfaceReplay = { ok: false, cases: 6, failures: ["updateInstance: a repeated call changed the merchant's state"] };
    expect(h.send('replayInterfaceTests', { by: 'system', interfaceReplay: failing })).toMatchObject({ accepted: true, rules: ['INT-1'] });
    expect(h.snapshot.context.interfaceReplay).toEqual(failing);
    expect(h.send('replayInterfaceTests', { interfaceReplay: { ok: true, cases: 6, failures: [] } }).accepted).toBe(false);
    h.send('submitChange', { changes: { name: 'Test Product' } });
    const review = h.send('approve', { by: 'operator', interfaceReplay: failing });
    expect(review).toMatchObject({ accepted: false, rules: ['INT-1'] });
    expect(review.reason).toMatch(/updateInstance/);
  });
});

describe('INT-1 tests the merchant, not the harness', () => {
  const product: ProductDef = {
    id: 'crm',
    merchantId: 'm1',
    deliveryType: 'saas',
    chargingMode: 'period',
    productClass: 'general',
    listing: completeListing('Acme CRM', PROFILES.koogallery),
    specs: [{ id: 'month', name: 'Month', priceFen: 100, period: 'month' }],
    packages: [],
    hidden: false,
  };
  const merchant = (nonIdempotentEndpoints?: MerchantDef['nonIdempotentEndpoints']): MerchantDef => ({
    id: 'm1',
    name: 'M',
    jointOperationMember: false,
    subUsers: [],
    ...(nonIdempotentEndpoints ? { nonIdempotentEndpoints } : {}),
  });

  test('INT-1: the harness de-duplicates a repeated callId either way, yet the replay tells the two merchants apart', () => {
    const views = new Map<string, MerchantView>();
    const peer = { views, applied: new Map<string, number>() };
    const call = { callId: 'c1', merchantId: 'm1', endpoint: 'createInstance' as const, payload: { orderId: 'o1', instanceId: 'i1' } };
    applyCall(peer, call);
    const once = JSON.stringify([...(views.get('m1') ?? emptyView()).instances]);
    applyCall(peer, call);
    expect(JSON.stringify([...views.get('m1')!.instances])).toBe(once); // the harness hides any repeat…
    expect(replaySavedCases(product, merchant(), PROFILES.koogallery)).toEqual({ ok: true, cases: 6, failures: [] });
    const broken = replaySavedCases(product, merchant(['createInstance', 'releaseInstance']), PROFILES.koogallery);
    expect(broken?.ok).toBe(false); // …the replay does not
    expect(broken?.failures).toEqual([
      "createInstance: a repeated call changed the merchant's state",
      "releaseInstance: a repeated call changed the merchant's state",
    ]);
  });
});
