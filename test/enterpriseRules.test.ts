// Rule tests for enterprise management: each drives one enterprise through the real engine and
// checks what the rulebook says, with the numbers written out here rather than read back from the code.
import { describe, expect, test } from 'vitest';
import { effectiveApps } from '../machines/enterpriseOrg.js';
import { callsOf, enterpriseHarness, T0 } from './support/enterpriseHarness.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

function populated() {
  const h = enterpriseHarness();
  h.send('createDepartment', { department: 'sales', name: 'Sales' });
  h.send('addMember', { member: 'li', department: 'sales' });
  return h;
}

describe('ORG-1 a department with members cannot be deleted', () => {
  test('ORG-1: deleting a department with a member is rejected, then accepted once the member is gone', () => {
    const h = populated();
    const refused = h.send('deleteDepartment', { department: 'sales' });
    expect(refused.accepted).toBe(false);
    expect(refused.rules).toContain('ORG-1');
    expect(refused.reason).toContain('li');
    expect(h.snapshot.context.departments.sales).toBeDefined();
    expect(h.send('deleteMember', { member: 'li' }).accepted).toBe(true);
    const accepted = h.send('deleteDepartment', { department: 'sales' });
    expect(accepted.accepted).toBe(true);
    expect(accepted.rules).toContain('ORG-1');
    expect(h.snapshot.context.departments.sales).toBeUndefined();
  });

  test('ORG-1: a member moved out is enough; an empty sibling department is deletable all along', () => {
    const h = populated();
    h.send('createDepartment', { department: 'ops' });
    expect(h.send('deleteDepartment', { department: 'ops' }).accepted).toBe(true);
    expect(h.send('deleteDepartment', { department: 'sales' }).accepted).toBe(false);
  });
});

describe('ORG-2 an enterprise is dissolved only when empty', () => {
  test('ORG-2: dissolving with a department left is rejected', () => {
    const h = enterpriseHarness();
    h.send('createDepartment', { department: 'sales' });
    const refused = h.send('dissolve');
    expect(refused.accepted).toBe(false);
    expect(refused.rules).toContain('ORG-2');
    expect(h.snapshot.matches('active')).toBe(true);
  });

  test('ORG-2: dissolving with a member left at the root is rejected; accepted once both are deleted', () => {
    const h = populated();
    h.send('addMember', { member: 'wang' });
    h.send('deleteMember', { member: 'li' });
    h.send('deleteDepartment', { department: 'sales' });
    expect(h.send('dissolve').accepted).toBe(false);
    h.send('deleteMember', { member: 'wang' });
    const accepted = h.send('dissolve');
    expect(accepted.accepted).toBe(true);
    expect(h.snapshot.matches('dissolved')).toBe(true);
    expect(h.send('createDepartment', { department: 'again' }).accepted).toBe(false);
  });
});

describe('ORG-3 password resets: admin phone code, once per 3 minutes, 15 an hour, 60 a day (sliding)', () => {
  /** Resets `member` at `at`; the clock moves there first. */
  const resetAt = (h: ReturnType<typeof enterpriseHarness>, at: number, fields: Record<string, unknown> = {}) => {
    h.advance(at);
    return h.send('resetPassword', { member: 'li', phoneCodeVerified: true, ...fields });
  };

  test("ORG-3: a reset without the admin phone's verification code is rejected", () => {
    const h = populated();
    const refused = resetAt(h, T0 + MIN, { phoneCodeVerified: false });
    expect(refused.accepted).toBe(false);
    expect(refused.rules).toContain('ORG-3');
    expect(resetAt(h, T0 + 2 * MIN).accepted).toBe(true);
  });

  test('ORG-3: the 4th reset within 3 minutes is rejected (as are the 2nd and 3rd), accepted again once 3 minutes pass', () => {
    const h = populated();
    expect(resetAt(h, T0 + 10 * MIN).accepted).toBe(true);
    const within = [T0 + 10 * MIN + 30_000, T0 + 11 * MIN, T0 + 13 * MIN - 1].map((at) => resetAt(h, at));
    expect(within.map((e) => e.accepted)).toEqual([false, false, false]);
    expect(within[2]!.rules).toContain('ORG-3');
    expect(resetAt(h, T0 + 13 * MIN).accepted).toBe(true);
  });

  test('ORG-3: the 16th reset within an hour is rejected, accepted again once the first leaves the hour', () => {
    const h = populated();
    const start = T0 + 10 * MIN;
    for (let i = 0; i < 15; i++) expect(resetAt(h, start + i * 3 * MIN).accepted, `reset ${i + 1}`).toBe(true);
    const sixteenth = resetAt(h, start + 45 * MIN);
    expect(sixteenth.accepted).toBe(false);
    expect(sixteenth.rules).toContain('ORG-3');
    expect(resetAt(h, start + HOUR - 1).accepted).toBe(false);
    expect(resetAt(h, start + HOUR).accepted).toBe(true);
  });

  test('ORG-3: the 61st reset within a day is rejected, accepted again once the first leaves the 24 hours', () => {
    const h = populated();
    const start = T0 + 10 * MIN;
    // 15 resets an hour, 4 minutes apart, for 4 hours: 60 resets, every one within the minute and hour limits.
    const times = Array.from({ length: 60 }, (_, i) => start + Math.floor(i / 15) * HOUR + (i % 15) * 4 * MIN);
    for (const [i, at] of times.entries()) expect(resetAt(h, at).accepted, `reset ${i + 1}`).toBe(true);
    const sixtyFirst = resetAt(h, start + 5 * HOUR);
    expect(sixtyFirst.accepted).toBe(false);
    expect(sixtyFirst.rules).toContain('ORG-3');
    expect(sixtyFirst.reason).toContain('24 hours');
    expect(resetAt(h, start + 24 * HOUR - 1).accepted).toBe(false);
    expect(resetAt(h, start + 24 * HOUR).accepted).toBe(true);
  });

  test('ORG-3: the limits are rules parameters (a scenario may loosen them)', () => {
    const h = enterpriseHarness({ params: { passwordResetMinIntervalMs: MIN, passwordResetsPerHour: 2 } });
    h.send('addMember', { member: 'li' });
    expect(resetAt(h, T0 + MIN).accepted).toBe(true);
    expect(resetAt(h, T0 + 2 * MIN).accepted).toBe(true);
    expect(resetAt(h, T0 + 3 * MIN).accepted).toBe(false);
  });
});

describe('ORG-4 disabled members lose their authorised apps until re-enabled; one by one and in batches', () => {
  function withApps() {
    const h = populated();
    h.send('addMember', { member: 'wang', department: 'sales' });
    h.send('addMember', { member: 'zhao' });
    for (const member of ['li', 'wang', 'zhao']) h.send('authoriseApps', { member, apps: ['crm'] });
    return h;
  }

  test('ORG-4: disabling one member takes their apps away (also in the tenant sync); enabling restores them', () => {
    const h = withApps();
    const disabled = h.send('disableMembers', { members: ['li'] });
    expect(disabled.accepted).toBe(true);
    expect(disabled.rules).toContain('ORG-4');
    expect(effectiveApps(h.snapshot.context.members.li!)).toEqual([]);
    expect(effectiveApps(h.snapshot.context.members.wang!)).toEqual(['crm']);
    expect(callsOf(disabled)[0]!.payload).toEqual({
      tenantId: 'e1',
      changed: ['li'],
      authorisations: [
        { member: 'li', apps: [] },
        { member: 'wang', apps: ['crm'] },
        { member: 'zhao', apps: ['crm'] },
      ],
    });
    const enabled = h.send('enableMembers', { members: ['li'] });
    expect(enabled.accepted).toBe(true);
    expect(effectiveApps(h.snapshot.context.members.li!)).toEqual(['crm']);
    expect(callsOf(enabled)[0]!.payload).toMatchObject({ changed: ['li'], authorisations: [{ member: 'li', apps: ['crm'] }, {}, {}] });
  });

  test('ORG-4: a batch disables and enables several members at once, in one sync call', () => {
    const h = withApps();
    const batch = h.send('disableMembers', { members: ['li', 'wang', 'zhao'] });
    expect(batch.accepted).toBe(true);
    expect(callsOf(batch)).toHaveLength(1);
    for (const m of ['li', 'wang', 'zhao']) expect(effectiveApps(h.snapshot.context.members[m]!)).toEqual([]);
    expect(h.send('enableMembers', { members: ['li', 'zhao'] }).accepted).toBe(true);
    expect(effectiveApps(h.snapshot.context.members.li!)).toEqual(['crm']);
    expect(effectiveApps(h.snapshot.context.members.wang!)).toEqual([]);
  });

  test('ORG-4: apps authorised while disabled wait for re-enabling; a batch naming a stranger is refused whole', () => {
    const h = withApps();
    h.send('disableMembers', { members: ['li'] });
    h.send('authoriseApps', { member: 'li', apps: ['crm', 'erp'] });
    expect(effectiveApps(h.snapshot.context.members.li!)).toEqual([]);
    h.send('enableMembers', { members: ['li'] });
    expect(effectiveApps(h.snapshot.context.members.li!)).toEqual(['crm', 'erp']);
    const refused = h.send('disableMembers', { members: ['wang', 'ghost'] });
    expect(refused.accepted).toBe(false);
    expect(refused.rules).toContain('ORG-4');
    expect(h.snapshot.context.members.wang!.enabled).toBe(true);
  });
});

describe('INT-2 org sync calls: idempotency key, and the admin decides on failures', () => {
  test('INT-2: each org change sends one call with its own callId, department changes to departmentSync', () => {
    const h = enterpriseHarness();
    const created = callsOf(h.send('createDepartment', { department: 'sales', name: 'Sales' }));
    const renamed = callsOf(h.send('renameDepartment', { department: 'sales', name: 'Sales East' }));
    const added = callsOf(h.send('addMember', { member: 'li', department: 'sales' }));
    expect(created).toEqual([
      { callId: 'e1.sync.1', merchantId: 'm1', endpoint: 'departmentSync', payload: { departmentId: 'e1/sales', tenantId: 'e1', op: 'create', name: 'Sales' } },
    ]);
    expect(renamed[0]!.endpoint).toBe('departmentSync');
    expect(renamed[0]!.payload).toMatchObject({ departmentId: 'e1/sales', op: 'update', name: 'Sales East' });
    expect(added[0]!.endpoint).toBe('tenantSync');
    expect(new Set([created[0]!.callId, renamed[0]!.callId, added[0]!.callId]).size).toBe(3);
    expect(h.snapshot.matches({ active: { sync: 'awaitingMerchant' } })).toBe(true);
  });

  test('INT-2: a failed sync stays failed until the admin retries, and the retry reuses the callId and payload', () => {
    const h = enterpriseHarness();
    const [call] = callsOf(h.send('createDepartment', { department: 'sales' }));
    expect(h.reply(call!.callId, false).accepted).toBe(true);
    h.advance(T0 + 7 * 86_400_000);
    h.send('createDepartment', { department: 'ops' });
    h.reply('e1.sync.2', true);
    expect(h.snapshot.context.syncs[call!.callId]!.status).toBe('failed');
    expect(h.snapshot.matches({ active: { sync: 'failed' } })).toBe(true);
    const retried = h.send('retrySync', { callId: call!.callId });
    expect(retried.accepted).toBe(true);
    expect(callsOf(retried)).toEqual([call]);
    expect(h.snapshot.context.syncs[call!.callId]!.attempts).toBe(2);
    h.reply(call!.callId, true);
    expect(h.snapshot.matches({ active: { sync: 'settled' } })).toBe(true);
  });

  test('INT-2: only a failed call can be retried or abandoned; a duplicate reply changes nothing', () => {
    const h = enterpriseHarness();
    const [call] = callsOf(h.send('createDepartment', { department: 'sales' }));
    expect(h.send('retrySync', { callId: call!.callId }).accepted).toBe(false);
    h.reply(call!.callId, true);
    expect(h.reply(call!.callId, false).accepted).toBe(false);
    expect(h.snapshot.context.syncs[call!.callId]!.status).toBe('done');
    const [second] = callsOf(h.send('createDepartment', { department: 'ops' }));
    h.reply(second!.callId, false);
    const abandoned = h.send('abandonSync', { callId: second!.callId });
    expect(abandoned.accepted).toBe(true);
    expect(h.snapshot.matches({ active: { sync: 'settled' } })).toBe(true);
    expect(h.send('retrySync', { callId: second!.callId }).accepted).toBe(false);
  });

  test('INT-2: a failed call superseded by a later one about the same tenant cannot be retried (it would roll back), only abandoned', () => {
    const h = enterpriseHarness();
    const [first] = callsOf(h.send('addMember', { member: 'li' }));
    h.reply(first!.callId, false);
    const [second] = callsOf(h.send('addMember', { member: 'wang' }));
    expect(second!.payload).toMatchObject({ tenantId: 'e1', authorisations: [{ member: 'li' }, { member: 'wang' }] });
    const refused = h.send('retrySync', { callId: first!.callId });
    expect(refused.accepted).toBe(false);
    expect(refused.rules).toContain('INT-2');
    expect(refused.reason).toContain(second!.callId);
    expect(h.send('abandonSync', { callId: first!.callId }).accepted).toBe(true);
  });
});
