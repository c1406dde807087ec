// The enterprise invariants (sim/enterpriseInvariants.ts) stay quiet on lawful runs and speak up on a step that
// breaks their rule; the broken steps are hand-made snapshots, since the real machine never produces them.
import { describe, expect, test } from 'vitest';
import type { AnyMachineSnapshot } from 'xstate';
import type { EnterpriseSnapshot } from '../machines/enterpriseRefusals.js';
import type { Invariant, StepInfo } from '../sim/engine/engine.js';
import type { LogEntry } from '../sim/log/entry.js';
import { ENTERPRISE_INVARIANTS } from '../sim/kinds/enterprise/invariants.js';
import { enterpriseHarness, T0 } from './support/enterpriseHarness.js';

const byId = (id: string): Invariant => ENTERPRISE_INVARIANTS.find((i) => i.id === id)!;

function step(entry: Partial<LogEntry>, before: EnterpriseSnapshot, after: EnterpriseSnapshot): StepInfo {
  const full: LogEntry = { seq: 0, at: '', entity: 'enterprise:e1', event: '', source: 'sim', accepted: true, state: '', rules: [], ...entry };
  const cast = (s: EnterpriseSnapshot) => s as unknown as AnyMachineSnapshot;
  return { entry: full, command: { target: { kind: 'enterprise', id: 'e1' }, event: { type: full.event }, source: 'sim' }, before: cast(before), after: cast(after), effects: [] };
}

function withContext(snapshot: EnterpriseSnapshot, change: Partial<EnterpriseSnapshot['context']>): EnterpriseSnapshot {
  return { ...snapshot, context: { ...snapshot.context, ...change } } as EnterpriseSnapshot;
}

describe('enterprise invariants', () => {
  test('ORG-2 ORG-3 INT-2: a lawful run through every rule raises no violation', () => {
    const h = enterpriseHarness({ invariants: ENTERPRISE_INVARIANTS });
    h.send('createDepartment', { department: 'sales' });
    h.send('addMember', { member: 'li', department: 'sales' });
    h.reply('e1.sync.1', false);
    h.reply('e1.sync.2', true);
    for (let i = 0; i < 20; i++) {
      h.advance(T0 + i * 60_000);
      h.send('resetPassword', { member: 'li', phoneCodeVerified: true });
    }
    h.send('retrySync', { callId: 'e1.sync.1' });
    h.send('deleteMember', { member: 'li' });
    h.send('dissolve');
    h.send('deleteDepartment', { department: 'sales' });
    h.send('dissolve');
    expect(h.snapshot.matches('dissolved')).toBe(true);
    expect(h.engine.violations).toEqual([]);
  });

  test('INT-2: a failed sync that settles without the admin is reported', () => {
    const h = enterpriseHarness();
    h.send('createDepartment', { department: 'sales' });
    h.reply('e1.sync.1', false);
    const before = h.snapshot;
    const call = before.context.syncs['e1.sync.1']!;
    const after = withContext(before, { syncs: { 'e1.sync.1': { ...call, status: 'done' } } });
    const check = byId('INV-SYNC-FAILED-WAITS-FOR-ADMIN').afterStep!;
    expect(check(step({ event: 'merchantReplied' }, before, after), h.engine)).toContain('e1.sync.1');
    expect(check(step({ event: 'retrySync' }, before, after), h.engine)).toBeUndefined();
  });

  test('ORG-2: dissolving with a department left is reported', () => {
    const h = enterpriseHarness();
    h.send('createDepartment', { department: 'sales' });
    const before = h.snapshot;
    const after = { ...before, value: 'dissolved', matches: (v: string) => v === 'dissolved' } as unknown as EnterpriseSnapshot;
    expect(byId('INV-DISSOLVED-ONLY-EMPTY').afterStep!(step({ event: 'dissolve' }, before, after), h.engine)).toContain('sales');
  });

  test('ORG-3: two accepted resets less than 3 minutes apart, or a 16th in an hour, are reported', () => {
    const h = enterpriseHarness();
    const snap = h.snapshot;
    const check = byId('INV-PASSWORD-RESET-LIMITS').afterStep!;
    const close = withContext(snap, { passwordResets: [T0, T0 + 179_999] });
    expect(check(step({ event: 'resetPassword' }, snap, close), h.engine)).toContain('apart');
    const sixteen = withContext(snap, { passwordResets: Array.from({ length: 16 }, (_, i) => T0 + i * 180_000) });
    expect(check(step({ event: 'resetPassword' }, snap, sixteen), h.engine)).toContain('within an hour');
    const fifteen = withContext(snap, { passwordResets: Array.from({ length: 15 }, (_, i) => T0 + i * 180_000) });
    expect(check(step({ event: 'resetPassword' }, snap, fifteen), h.engine)).toBeUndefined();
  });
});
