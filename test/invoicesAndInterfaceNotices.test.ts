// ORD-14 invoices (the buyer applies, the merchant issues; default e-invoices by SMS and email), INT-3 failure
// e-mails for instance-status calls, INT-4 the merchant's fix-and-notify after a failed expiry call.
import { describe, expect, test } from 'vitest';
import type { InterfaceFailureEmailParams, InvoiceIssuedParams } from '../machines/contracts.js';
import { calls, line, runBuiltIn, runText } from './support/orderHarness.js';

function effectsOf<P>(r: ReturnType<typeof runText>, type: string): P[] {
  return r.entries.flatMap((e) => (e.effects ?? []).filter((f) => f.type === type).map((f) => f.params as unknown as P));
}

function invoices(merchant: string, timeline: string): ReturnType<typeof runText> {
  return runText(`name: invoices
profile: koogallery
start: 2024-01-01T00:00:00+08:00
end: 2024-01-31T00:00:00+08:00
rules: { supervisedDeliveryTypes: [] }
merchants: [${merchant}]
products:
  - { id: api, merchant: m1, name: Api, deliveryType: api, chargingMode: period, specs: [{ id: month, priceFen: 1000, period: month }] }
buyers: [{ id: b1 }]
timeline:
  - { at: 2024-01-02T09:00, event: submit, product: api }
  - { at: 2024-01-02T10:00, event: approve, product: api }
  - { at: 2024-01-02T11:00, event: list, product: api }
  - { at: 2024-01-05T10:00, event: purchase, order: o1, buyer: b1, product: api }
  - { at: 2024-01-05T10:00, event: purchase, order: o-trial, buyer: b1, product: api, trial: true }
${timeline}`);
}

describe('ORD-14 invoices', () => {
  test('ORD-14: the buyer applies, then the merchant issues; the merchant cannot apply, nor issue before the application', () => {
    const r = invoices('{ id: m1 }', `  - { at: 2024-01-06T09:00, event: issueInvoice, order: o1, expect: { accepted: false, rule: ORD-14 } }
  - { at: 2024-01-06T09:30, event: applyInvoice, order: o1, by: seller, expect: { accepted: false, rule: ORD-14 } }
  - { at: 2024-01-06T10:00, event: applyInvoice, order: o1, expect: { accepted: true } }
  - { at: 2024-01-06T10:30, event: issueInvoice, order: o1, by: buyer, expect: { accepted: false, rule: ORD-14 } }
  - { at: 2024-01-07T10:00, event: issueInvoice, order: o1, electronic: true, expect: { accepted: true } }
  - { at: 2024-01-08T10:00, event: applyInvoice, order: o-trial, expect: { accepted: false, rule: ORD-14 } }`);
    expect(r.violations).toEqual([]);
    expect(effectsOf<InvoiceIssuedParams>(r, 'invoiceIssued')).toEqual([
      { orderId: 'o1', merchantId: 'm1', buyerId: 'b1', electronic: true, channels: ['sms', 'email'] },
    ]);
    expect(line(r, 'order:o1', 'issueInvoice', 2)).toMatchObject({ accepted: true, at: '2024-01-07T10:00:00+08:00' });
  });

  test('ORD-14: a merchant that issues e-invoices by default issues one at the application, by SMS and email', () => {
    const r = invoices('{ id: m1, eInvoiceByDefault: true }', '  - { at: 2024-01-06T10:00, event: applyInvoice, order: o1 }\n');
    const issued = r.entries.filter((e) => (e.effects ?? []).some((f) => f.type === 'invoiceIssued'));
    expect(issued.map((e) => [e.event, e.at])).toEqual([['applyInvoice', '2024-01-06T10:00:00+08:00']]);
    expect(effectsOf<InvoiceIssuedParams>(r, 'invoiceIssued')[0]).toMatchObject({ electronic: true, channels: ['sms', 'email'] });
  });
});

describe('INT-3 INT-4 after a failed instance-status call', () => {
  test('INT-3: a failed expiry call e-mails the customer-service address and the account address, once per call', () => {
    const r = runBuiltIn('renewal-expiry-calls');
    const mails = effectsOf<InterfaceFailureEmailParams>(r, 'interfaceFailureEmail');
    expect(mails.map((m) => m.callId.split(':')[0]).sort()).toEqual(['o-api', 'o-lic', 'o-saas']);
    for (const m of mails) expect(m).toMatchObject({ merchantId: 'm1', endpoint: 'expireInstance', to: ['customerServiceEmail', 'accountEmail'] });
    // Refusal side: a call that succeeds sends no e-mail.
    const healthy = runBuiltIn('renewal-expiry-calls', (t) => t.replace(/faults:\n.*\n/, ''));
    expect(effectsOf(healthy, 'interfaceFailureEmail')).toEqual([]);
  });

  test('INT-4: after the given-up expiry call the merchant notifies its fix; no call is re-sent; refused before any failure', () => {
    const r = runBuiltIn('renewal-expiry-calls', (t) =>
      `${t}  - { at: 2024-02-09T10:00, event: notifyInterfaceFixed, order: o-lic, expect: { accepted: false, rule: INT-4 } }
  - { at: 2024-02-10T14:00, event: notifyInterfaceFixed, order: o-lic, by: buyer, expect: { accepted: false, rule: INT-4 } }
  - { at: 2024-02-10T15:00, event: notifyInterfaceFixed, order: o-lic, expect: { accepted: true, state: frozen.fixNotified } }
`,
    );
    expect(r.violations).toEqual([]);
    const fixed = line(r, 'order:o-lic', 'notifyInterfaceFixed', 2);
    expect(fixed.effects?.map((e) => e.type)).toEqual(['interfaceFixNotified']);
    // No re-sent call: the License过期 call was made once, before and after the notice.
    expect(calls(r).filter((c) => c.params.payload.orderId === 'o-lic' && c.params.endpoint === 'expireInstance')).toHaveLength(1);
  });
});
