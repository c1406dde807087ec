// Every id a scenario mentions names something it declares (or an earlier item created), and time windows run
// forwards: otherwise the loader refuses the file with the path of the bad reference (exit 2, one line).
import { describe, expect, test } from 'vitest';
import { parseScenarioText } from '../scenarios/loader.js';

const BASE = `name: refs
start: 2024-01-01
end: 2024-03-01
merchants: [{ id: m1, subUsers: [{ id: ops }] }, { id: m2 }]
products:
  - { id: p1, merchant: m1, name: P, deliveryType: image, chargingMode: hourly, specs: [{ id: s1, priceFen: 100 }], packages: [{ id: k1, name: K, priceFen: 5 }] }
  - { id: p2, merchant: m2, name: Q, deliveryType: image, chargingMode: hourly, specs: [{ id: s2, priceFen: 100 }] }
buyers:
  - { id: b1, coupons: [{ id: c1, amountFen: 10 }], cashCoupons: [{ id: card1, amountFen: 10 }], exclusiveDiscounts: [{ id: vip, product: p1, name: V, discountBasisPoints: 9000 }] }
`;

function withTimeline(...items: string[]): string {
  return `${BASE}timeline:\n${items.map((i) => `  - ${i}\n`).join('')}`;
}

function refused(text: string): string {
  const loaded = parseScenarioText(text, 'refs.yaml');
  if (loaded.ok) throw new Error('the scenario loaded');
  return loaded.error.toString();
}

const PURCHASE = '{ at: 2024-01-02, event: purchase, order: o1, buyer: b1, product: p1';

describe('cross-references in the timeline name declared entities', () => {
  test('the well-formed scenario loads (the cases below change one reference each)', () => {
    const ok = parseScenarioText(
      withTimeline(
        `${PURCHASE}, spec: s1, coupons: [c1], cashCoupons: [card1], privateLink: vip }`,
        '{ at: 2024-01-03, event: replaceSystemDisk, order: o1, toProduct: p2, toSpec: s2 }',
        '{ at: 2024-01-03, event: submit, product: p1, subUser: ops }',
        '{ at: 2024-01-04, event: createEnterprise, enterprise: e1, merchant: m1, apps: [p1] }',
      ),
      'refs.yaml',
    );
    expect(ok.ok).toBe(true);
  });

  test.each([
    ['buyer', `${PURCHASE.replace('b1', 'b9')} }`, 'timeline[0].buyer: unknown buyer "b9"'],
    ['spec', `${PURCHASE}, spec: s9 }`, 'timeline[0].spec: unknown spec "s9" of product "p1"'],
    ['coupon', `${PURCHASE}, coupons: [c1, c9] }`, 'timeline[0].coupons[1]: unknown coupon "c9"'],
    ['cash coupon', `${PURCHASE}, cashCoupons: [card9] }`, 'timeline[0].cashCoupons[0]: unknown cash coupon "card9"'],
    ['private link', `${PURCHASE}, privateLink: nolink }`, 'timeline[0].privateLink: unknown exclusive discount "nolink"'],
    ['toProduct', '{ at: 2024-01-03, event: replaceSystemDisk, order: o1, toProduct: p9 }', 'timeline[1].toProduct: unknown product "p9"'],
    ['toSpec', '{ at: 2024-01-03, event: replaceSystemDisk, order: o1, toProduct: p2, toSpec: s1 }', 'timeline[1].toSpec: unknown spec "s1" of product "p2"'],
    ['sub-user', '{ at: 2024-01-03, event: submit, product: p1, subUser: intern }', 'timeline[1].subUser: unknown sub-user "intern" of merchant "m1"'],
    ['enterprise merchant', '{ at: 2024-01-04, event: createEnterprise, enterprise: e1, merchant: m9 }', 'timeline[1].merchant: unknown merchant "m9"'],
    ['enterprise app', '{ at: 2024-01-04, event: createEnterprise, enterprise: e1, merchant: m1, apps: [p1, ghost] }', 'timeline[1].apps[1]: unknown product "ghost"'],
    ['enterprise target', '{ at: 2024-01-04, event: addMember, enterprise: e9, member: li }', 'timeline[1].enterprise: unknown enterprise "e9"'],
  ])('an unknown %s', (_, item, message) => {
    const items = item.startsWith(PURCHASE.slice(0, 20)) ? [item] : [`${PURCHASE} }`, item];
    expect(refused(withTimeline(...items))).toBe(`refs.yaml: ${message}`);
  });
});

describe('cross-references outside the timeline', () => {
  test('an exclusive discount of an unknown product', () => {
    expect(refused(BASE.replace('product: p1, name: V', 'product: p7, name: V'))).toBe('refs.yaml: buyers[0].exclusiveDiscounts[0].product: unknown product "p7"');
  });

  test('a coupon id given twice, a package id given twice', () => {
    expect(refused(BASE.replace('coupons: [{ id: c1, amountFen: 10 }]', 'coupons: [{ id: c1, amountFen: 10 }, { id: c1, amountFen: 20 }]'))).toBe(
      'refs.yaml: buyers[0].coupons[1].id: duplicate id "c1"',
    );
    expect(refused(BASE.replace('packages: [{ id: k1, name: K, priceFen: 5 }]', 'packages: [{ id: k1, name: K, priceFen: 5 }, { id: k1, name: L, priceFen: 6 }]'))).toBe(
      'refs.yaml: products[0].packages[1].id: duplicate id "k1"',
    );
  });

  test('a fault of an unknown merchant, and an outage window that ends before it starts', () => {
    expect(refused(`${BASE}faults: [{ merchant: m9, errorRate: { numerator: 1, denominator: 2 } }]\n`)).toBe('refs.yaml: faults[0].merchant: unknown merchant "m9"');
    expect(refused(`${BASE}faults: [{ merchant: m1, down: { from: 2024-01-05, to: 2024-01-05 } }]\n`)).toMatch(/^refs\.yaml: faults\[0\]\.down\.to: .*not after from/);
    expect(refused(`${BASE}faults: [{ down: { from: 2024-01-06, to: 2024-01-05 } }]\n`)).toMatch(/^refs\.yaml: faults\[0\]\.down\.to: /);
  });
});
