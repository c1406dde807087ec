// INT-2 against the real simulated merchant peer (sim/merchant.ts) and its fault plan: a duplicated sync call
// leaves the merchant's view unchanged, and a failed sync stays failed until the admin retries it.
import { describe, expect, test } from 'vitest';
import { parseScenarioText } from '../scenarios/loader.js';
import type { EffectHandler } from '../sim/engine/engine.js';
import type { Effect, LogEntry } from '../sim/log/entry.js';
import { bindEffect } from '../sim/module.js';
import { appliedCalls, callAttempts, createMerchantHandler, merchantView } from '../sim/merchant/peer.js';
import { keyedDraws, Rng } from '../sim/rng.js';
import { resolveRun } from '../runs/run.js';
import type { RunContext } from '../sim/runContext.js';
import { enterpriseHarness, T0 } from './support/enterpriseHarness.js';

const HOUR = 3_600_000;

/** A run context whose fault plan takes tenantSync down for the first hour from T0. */
function runContext(): RunContext {
  const text = [
    'name: int2',
    'start: 2024-06-03T08:00',
    'end: 2024-07-03T08:00',
    'merchants: [{ id: m1 }]',
    'faults: [{ merchant: m1, endpoint: tenantSync, down: { from: 2024-06-03T09:00, to: 2024-06-03T10:00 } }]',
  ].join('\n');
  const loaded = parseScenarioText(text, 'int2.yaml');
  if (!loaded.ok) throw new Error(loaded.error.toString());
  const resolved = resolveRun(loaded.scenario);
  if (!resolved.ok) throw new Error(resolved.error.toString());
  const rng = new Rng('int2');
  return { params: resolved.setup.params, scenario: loaded.scenario, merchants: new Map(), products: new Map(), buyers: new Map(), rng, drawsFor: keyedDraws(rng) };
}

function withPeer() {
  const handler: EffectHandler = bindEffect('callMerchant', createMerchantHandler(runContext()));
  const h = enterpriseHarness({ effects: { callMerchant: handler } });
  /** Offers a command and lets the peer's same-instant reply arrive. */
  const act = (type: string, fields: Record<string, unknown> = {}): LogEntry => {
    const entry = h.send(type, fields);
    h.advance(h.engine.now);
    return entry;
  };
  const effectOf = (entry: LogEntry): Effect => entry.effects!.find((e) => e.type === 'callMerchant')!;
  const view = () => merchantView(h.engine, 'm1');
  /** The merchant's view as plain data, to compare before and after. */
  const viewData = () => JSON.stringify({ tenants: [...view().tenants], departments: [...view().departments] });
  return { h, act, handler, effectOf, view, viewData };
}

describe('INT-2 org sync through the simulated merchant peer', () => {
  test('INT-2: a duplicated sync call leaves the merchant view unchanged (applied once)', () => {
    const { h, act, handler, effectOf, view, viewData } = withPeer();
    const created = act('createDepartment', { department: 'sales', name: 'Sales' });
    const callId = String(effectOf(created).params.callId);
    expect(view().departments.get('e1/sales')).toMatchObject({ name: 'Sales', op: 'create' });
    expect(h.snapshot.context.syncs[callId]!.status).toBe('done');
    act('renameDepartment', { department: 'sales', name: 'Sales East' });
    const before = viewData();
    // The marketplace sends the first call again (a duplicate delivery): the merchant must not re-apply it.
    handler(effectOf(created), { kind: 'enterprise', id: 'e1' }, h.engine);
    h.advance(h.engine.now);
    expect(viewData()).toBe(before);
    expect(view().departments.get('e1/sales')).toMatchObject({ name: 'Sales East' });
    expect(appliedCalls(h.engine).get(callId)).toBe(1);
    expect(callAttempts(h.engine).get(callId)).toBe(2);
    expect(h.entries.at(-1)).toMatchObject({ event: 'merchantReplied', accepted: false });
  });

  test('INT-2: a failed sync stays failed until the admin retries; the retry reuses the callId and applies once', () => {
    const { h, act, effectOf, view } = withPeer();
    h.advance(T0 + 60_000);
    const added = act('addMember', { member: 'li' });
    const callId = String(effectOf(added).params.callId);
    expect(h.snapshot.context.syncs[callId]!.status).toBe('failed');
    expect(view().tenants.has('e1')).toBe(false);
    // Hours pass and the endpoint is back up: nothing retries by itself.
    h.advance(T0 + 3 * HOUR);
    expect(h.snapshot.context.syncs[callId]!.status).toBe('failed');
    expect(h.snapshot.matches({ active: { sync: 'failed' } })).toBe(true);
    expect(callAttempts(h.engine).get(callId)).toBe(1);
    const retried = act('retrySync', { callId });
    expect(retried.accepted).toBe(true);
    expect(effectOf(retried).params.callId).toBe(callId);
    expect(h.snapshot.context.syncs[callId]!.status).toBe('done');
    expect(view().tenants.get('e1')).toMatchObject({ authorisations: [{ member: 'li', apps: [] }] });
    expect(callAttempts(h.engine).get(callId)).toBe(2);
    expect(appliedCalls(h.engine).get(callId)).toBe(1);
  });
});
