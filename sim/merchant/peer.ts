// The simulated merchant peer: answers `callMerchant` effects per the fault plan, keeps each merchant's view
// (instances, tenants, departments) and applies each callId at most once (INT-1, INT-2, REN-3..6).
import type { World } from '../engine/engine.js';
import type { TypedEffectHandler } from '../module.js';
import type { MerchantCallParams, MerchantEndpoint, MerchantReplyEvent } from '../../machines/contracts.js';
import { callDraws, callFault, faultRules } from './faults.js';
import type { RunContext } from '../runContext.js';

export type InstanceStatus = 'active' | 'frozen' | 'released';

export interface MerchantInstance {
  readonly instanceId: string;
  readonly orderId: string;
  readonly productId: string;
  readonly buyerId: string;
  readonly validUntil: number | undefined;
  readonly status: InstanceStatus;
  readonly trial: boolean;
}

/** What one merchant's own system holds, as built from the calls it received. */
export interface MerchantView {
  readonly instances: Map<string, MerchantInstance>;
  /** REN-6: orders the merchant was notified of (and queried). */
  readonly orders: Set<string>;
  /** INT-2: tenant authorisations and departments, by id. */
  readonly tenants: Map<string, Readonly<Record<string, unknown>>>;
  readonly departments: Map<string, Readonly<Record<string, unknown>>>;
}

interface Peer {
  readonly views: Map<string, MerchantView>;
  /** callId → times the peer applied it (never more than once: INT-1). */
  readonly applied: Map<string, number>;
  /** callId → attempts received, failed ones included. */
  readonly attempts: Map<string, number>;
}

type Applier = (view: MerchantView, payload: Readonly<Record<string, unknown>>) => void;

const text = (value: unknown): string => (typeof value === 'string' ? value : String(value));

function setStatus(view: MerchantView, payload: Readonly<Record<string, unknown>>, status: InstanceStatus): void {
  const current = view.instances.get(text(payload.instanceId));
  if (current) view.instances.set(current.instanceId, { ...current, status });
}

/** Keyed record sync: `deleted: true` removes, anything else replaces (INT-2: incremental, idempotent). */
function syncRecord(records: Map<string, Readonly<Record<string, unknown>>>, key: unknown, payload: Readonly<Record<string, unknown>>): void {
  if (payload.deleted === true) records.delete(text(key));
  else records.set(text(key), payload);
}

/** How each endpoint changes the merchant's view. Every applier sets state (never increments), so it is idempotent. */
export const MERCHANT_APPLIERS: Readonly<Record<MerchantEndpoint, Applier>> = {
  orderNotify: (view, payload) => void view.orders.add(text(payload.orderId)),
  createInstance: (view, payload) => {
    view.orders.add(text(payload.orderId));
    view.instances.set(text(payload.instanceId), {
      instanceId: text(payload.instanceId),
      orderId: text(payload.orderId),
      productId: text(payload.productId),
      buyerId: text(payload.buyerId),
      validUntil: typeof payload.validUntil === 'number' ? payload.validUntil : undefined,
      status: 'active',
      trial: payload.trial === true,
    });
  },
  updateInstance: (view, payload) => {
    const current = view.instances.get(text(payload.instanceId));
    if (!current) return;
    const validUntil = typeof payload.validUntil === 'number' ? payload.validUntil : current.validUntil;
    view.instances.set(current.instanceId, { ...current, validUntil, status: 'active', trial: false });
  },
  expireInstance: (view, payload) => setStatus(view, payload, 'frozen'),
  freezeInstance: (view, payload) => setStatus(view, payload, 'frozen'),
  releaseInstance: (view, payload) => setStatus(view, payload, 'released'),
  tenantSync: (view, payload) => syncRecord(view.tenants, payload.tenantId, payload),
  departmentSync: (view, payload) => syncRecord(view.departments, payload.departmentId, payload),
};

const PEERS = new WeakMap<World, Peer>();

function peerOf(world: World): Peer {
  let peer = PEERS.get(world);
  if (!peer) {
    peer = { views: new Map(), applied: new Map(), attempts: new Map() };
    PEERS.set(world, peer);
  }
  return peer;
}

export function emptyView(): MerchantView {
  return { instances: new Map(), orders: new Set(), tenants: new Map(), departments: new Map() };
}

/** One merchant's view at this point of a run (tests and invariants read it; nothing else writes it). */
export function merchantView(world: World, merchantId: string): MerchantView {
  return PEERS.get(world)?.views.get(merchantId) ?? emptyView();
}

/** callId → how many times it was applied, for the idempotency invariant (INT-1). */
export function appliedCalls(world: World): ReadonlyMap<string, number> {
  return PEERS.get(world)?.applied ?? new Map();
}

/** callId → attempts received (failed ones included). */
export function callAttempts(world: World): ReadonlyMap<string, number> {
  return PEERS.get(world)?.attempts ?? new Map();
}

/** Applies one call unless its callId was applied before: a repeated call changes nothing (INT-1, INT-2, REN-6). */
export function applyCall(peer: Pick<Peer, 'views' | 'applied'>, call: MerchantCallParams): void {
  if (peer.applied.has(call.callId)) return;
  const view = peer.views.get(call.merchantId) ?? emptyView();
  peer.views.set(call.merchantId, view);
  MERCHANT_APPLIERS[call.endpoint](view, call.payload);
  peer.applied.set(call.callId, (peer.applied.get(call.callId) ?? 0) + 1);
}

/** The `callMerchant` handler: fail per the fault plan or apply, then reply to the caller at the same instant. */
export function createMerchantHandler(run: RunContext): TypedEffectHandler<'callMerchant'> {
  const rules = faultRules(run.scenario.faults ?? []);
  const faults = run.rng.fork('faults');
  return (effect, source, world) => {
    const call = effect.params;
    const peer = peerOf(world);
    const attempt = (peer.attempts.get(call.callId) ?? 0) + 1;
    peer.attempts.set(call.callId, attempt);
    const error = callFault(rules, call.merchantId, call.endpoint, world.now, () => callDraws(faults, call.merchantId, call.callId, attempt));
    if (error === undefined) applyCall(peer, call);
    const reply: MerchantReplyEvent = {
      type: 'merchantReplied',
      callId: call.callId,
      ok: error === undefined,
      endpoint: call.endpoint,
      ...(error !== undefined ? { error } : {}),
    };
    world.schedule(world.now, { target: source, event: { ...reply, by: 'system' }, source: 'sim' });
  };
}
