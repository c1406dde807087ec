// INT-1: the saved interface test cases (调测用例) of a product, replayed against the merchant's interface. Each case
// is sent twice on purpose, with no de-duplication in between: the merchant's interface itself must tolerate repeated
// calls (调测接口需可重复调用), so a second identical call must leave the merchant's state as the first one left it.
// The harness's own callId de-duplication (peer.ts) is not involved, so the check tests the merchant, not the harness.
import type { MerchantDef, ProductDef } from '../../machines/catalog.js';
import type { InterfaceReplay, MerchantEndpoint } from '../../machines/contracts.js';
import type { RulesParams } from '../../machines/rules.js';
import { emptyView, MERCHANT_APPLIERS, type MerchantView } from './peer.js';

/** The cases a product's debugging saved: the instance lifecycle of the production interface (REN-2..6). */
export const SAVED_CASES: readonly MerchantEndpoint[] = ['orderNotify', 'createInstance', 'updateInstance', 'expireInstance', 'freezeInstance', 'releaseInstance'];

type Implementation = (view: MerchantView, payload: Readonly<Record<string, unknown>>) => void;

/**
 * The merchant's implementation of one endpoint. A merchant that lists the endpoint as non-idempotent does the work
 * again on every call; the extra record stands for whatever its system repeats (a second instance, a second e-mail).
 */
export function merchantImplementation(merchant: MerchantDef | undefined, endpoint: MerchantEndpoint): Implementation {
  const apply = MERCHANT_APPLIERS[endpoint];
  if (!merchant?.nonIdempotentEndpoints?.includes(endpoint)) return apply;
  return (view, payload) => {
    apply(view, payload);
    view.orders.add(`${endpoint}:work#${view.orders.size}`);
  };
}

/** The merchant's state as text, so two states compare by value. */
function fingerprint(view: MerchantView): string {
  const sorted = <V>(map: ReadonlyMap<string, V>): [string, V][] => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([sorted(view.instances), [...view.orders].sort(), sorted(view.tenants), sorted(view.departments)]);
}

/** Replays the product's saved cases; undefined when the product's delivery type has no merchant interface to test. */
export function replaySavedCases(product: ProductDef, merchant: MerchantDef | undefined, params: RulesParams): InterfaceReplay | undefined {
  if (!params.interfaceTestDeliveryTypes.includes(product.deliveryType)) return undefined;
  // Placeholder values, as the console's debugging page uses (e.g. "123456789").
  const payload = { orderId: 'test-123456789', instanceId: `test-${product.id}`, productId: product.id, buyerId: 'test-buyer', validUntil: 0 };
  const failures: string[] = [];
  for (const endpoint of SAVED_CASES) {
    const view = emptyView();
    // Cases on an existing instance start from one the fixture created.
    if (endpoint !== 'orderNotify' && endpoint !== 'createInstance') MERCHANT_APPLIERS.createInstance(view, payload);
    const call = merchantImplementation(merchant, endpoint);
    call(view, payload);
    const once = fingerprint(view);
    call(view, payload);
    if (fingerprint(view) !== once) failures.push(`${endpoint}: a repeated call changed the merchant's state`);
  }
  return { ok: failures.length === 0, cases: SAVED_CASES.length, failures };
}
