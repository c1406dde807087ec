// Every rules parameter of the product slice (PUB-11, PUB-12, SUP-12, HIDE-1, DEL-6, DEL-7, STL-5, INT-1) changes
// behaviour: each is flipped from its profile default and the same commands come out differently.
import { describe, expect, test } from 'vitest';
import type { DeliveryType, Platform } from '../machines/domain.js';
import { MS, paramMeta, PROFILES, RULES_PARAM_NAMES, type RulesParams } from '../machines/rules.js';
import { line, runText } from './support/orderHarness.js';
import { buyerNotice, productHarness, T0 } from './support/productHarness.js';
import { supervisionHarness } from './support/supervisionHarness.js';

type Probe = (params: Partial<RulesParams>) => unknown;

const REQUEST = { reason: 'Retired after the migration to v2', noticeUrl: 'https://example.com/n', reviewBusinessDays: 1 };

function listed(platform: Platform, params: Partial<RulesParams>, deliveryType: DeliveryType = 'saas') {
  const h = productHarness({ platform, params, deliveryType });
  h.toListed();
  return h;
}

const effectTypes = (entry: { effects?: readonly { type: string }[] }) => (entry.effects ?? []).map((e) => e.type);

const pendingOrderScenario = (rules: string) => `
name: flip
profile: koogallery
seed: 1
start: 2024-01-01T00:00:00+08:00
end: 2024-03-31T00:00:00+08:00
rules: ${rules}
merchants: [{ id: m1 }]
products: [{ id: crm, merchant: m1, name: Acme CRM, deliveryType: saas, specs: [{ id: month, priceFen: 10000, period: month }] }]
buyers: [{ id: b1 }]
timeline:
  - { at: 2024-01-02T09:00, event: submit, product: crm }
  - { at: 2024-01-02T10:00, event: approve, product: crm }
  - { at: 2024-01-02T11:00, event: list, product: crm }
  - { at: 2024-01-03T09:00, event: purchase, order: o1, buyer: b1, product: crm }
  - { at: 2024-01-10T09:00, event: delist, product: crm }
`;

/** For each parameter: the flipped value, and what a fixed sequence of commands shows under a given value. */
const FLIPS: Record<string, { readonly flipped: unknown; readonly probe: Probe }> = {
  deliverySlaDeliveryTypes: {
    flipped: [],
    probe: (params) => {
      const h = productHarness({ deliveryType: 'license', params });
      h.send('editDraft', { changes: { deliverySla: '' } });
      return h.send('submit').accepted;
    },
  },
  merchantNotices: {
    flipped: false,
    probe: (params) => {
      const h = listed('koogallery', params);
      return effectTypes(h.send('editByOperator', { by: 'operator', changes: { name: 'X' } }));
    },
  },
  supervisionNoticeDeliveryTypes: {
    flipped: [],
    probe: (params) => {
      const h = supervisionHarness({ deliveryType: 'hardware', params });
      return effectTypes(h.send('2024-01-01T00:00', 'openSupervision', 'system'));
    },
  },
  hideListedByModification: {
    flipped: false,
    probe: (params) => {
      const h = listed('koogallery', params);
      h.send('hide');
      return h.snapshot.context.hidden;
    },
  },
  delistNoticeRequired: {
    flipped: false,
    probe: (params) => listed('tencent', params).send('requestDelisting', REQUEST).accepted,
  },
  delistNoticeMinChannels: {
    flipped: 3,
    probe: (params) => listed('tencent', params).send('requestDelisting', { ...REQUEST, notice: buyerNotice(T0, { channels: ['inSite', 'email'] }) }).accepted,
  },
  delistNoticePeriodMs: {
    flipped: 7 * MS.day,
    probe: (params) => listed('tencent', params).send('requestDelisting', { ...REQUEST, notice: buyerNotice(T0) }).accepted,
  },
  reconcileBeforeDelisting: {
    flipped: false,
    probe: (params) => line(runText(pendingOrderScenario(JSON.stringify(params))), 'product:crm', 'delist').accepted,
  },
  interfaceTestDeliveryTypes: {
    flipped: [],
    probe: (params) => line(runText(pendingOrderScenario(JSON.stringify(params))), 'product:crm', 'submit').payload?.interfaceReplay !== undefined,
  },
  interfaceTestReplayPeriodMs: {
    flipped: 0,
    probe: (params) => runText(pendingOrderScenario(JSON.stringify(params))).entries.filter((e) => e.event === 'replayInterfaceTests').length,
  },
};

describe('product-slice rules parameters each change behaviour', () => {
  test.each(Object.keys(FLIPS))('%s: flipped from the koogallery/tencent default, the same commands give a different outcome', (name) => {
    const { flipped, probe } = FLIPS[name]!;
    expect(probe({ [name]: flipped })).not.toEqual(probe({}));
  });

  test('PUB-11 PUB-12 SUP-12 HIDE-1 DEL-6 DEL-7 STL-5 INT-1: every parameter of the slice is flipped above', () => {
    const rules = new Set(['PUB-11', 'PUB-12', 'SUP-12', 'HIDE-1', 'DEL-6', 'DEL-7', 'STL-5', 'INT-1']);
    const slice = RULES_PARAM_NAMES.filter((name) => rules.has(paramMeta(name).rule));
    expect(slice.sort()).toEqual(Object.keys(FLIPS).sort());
  });
});
