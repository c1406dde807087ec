// Drives one enterprise through the real engine, command by command, for the ORG and INT-2 rule tests.
// Merchant replies are fed by hand unless a test registers effect handlers (e.g. the simulated merchant peer).
import type { EnterpriseSnapshot } from '../../machines/enterpriseRefusals.js';
import { PROFILES, type RulesParams } from '../../machines/rules.js';
import type { MerchantCallParams } from '../../machines/contracts.js';
import { Engine, type EffectHandler, type Invariant } from '../../sim/engine/engine.js';
import type { Effect, LogEntry } from '../../sim/log/entry.js';
import { enterpriseModule } from '../../sim/kinds/enterprise/index.js';
import { Rng } from '../../sim/rng.js';
import { parseTime } from '../../machines/time.js';

export const T0 = parseTime('2024-06-03T09:00:00+08:00')!;

export interface EnterpriseHarnessOptions {
  readonly params?: Partial<RulesParams>;
  readonly effects?: Readonly<Record<string, EffectHandler>>;
  readonly apps?: readonly string[];
  readonly invariants?: readonly Invariant[];
}

export function enterpriseHarness(options: EnterpriseHarnessOptions = {}) {
  const params: RulesParams = { ...PROFILES.koogallery, ...options.params };
  const entries: LogEntry[] = [];
  const engine = new Engine({
    start: T0,
    end: T0 + 30 * 86_400_000,
    rng: new Rng('enterprise-harness'),
    kinds: { enterprise: enterpriseModule.entity },
    ...(options.effects ? { effects: options.effects } : {}),
    ...(options.invariants ? { invariants: options.invariants } : {}),
    onEntry: (e) => entries.push(e),
  });
  const ref = { kind: 'enterprise', id: 'e1' };
  engine.spawn(ref, { params, id: 'e1' });
  const send = (type: string, fields: Record<string, unknown> = {}): LogEntry =>
    engine.step({ target: ref, event: { type, by: 'buyer', ...fields }, source: 'timeline' });
  send('createEnterprise', { merchant: 'm1', apps: options.apps ?? ['crm', 'erp'], adminPhone: '13800000000' });
  return {
    engine,
    entries,
    params,
    send,
    /** A reply from the merchant, as the peer would send it. */
    reply(callId: string, ok: boolean): LogEntry {
      return engine.step({ target: ref, event: { type: 'merchantReplied', callId, ok }, source: 'sim' });
    },
    /** Lets the virtual clock run to `at`. */
    advance(at: number): void {
      engine.runUntil(at);
    },
    get snapshot(): EnterpriseSnapshot {
      return engine.snapshot(ref) as EnterpriseSnapshot;
    },
  };
}

/** The merchant calls a log line asked for. */
export function callsOf(entry: LogEntry): MerchantCallParams[] {
  return (entry.effects ?? []).filter((e: Effect) => e.type === 'callMerchant').map((e) => e.params as unknown as MerchantCallParams);
}
