// Exploration model of the enterprise machine: one department, one member and one app are enough to reach
// every state; merchant replies and the admin's retry/abandon are offered for the calls the snapshot holds.
import type { SnapshotFrom } from 'xstate';
import { windowBoundaries } from './boundaries.js';
import { enterpriseMachine, type EnterpriseEvent } from './enterpriseMachine.js';
import { syncsIn } from './enterpriseOrg.js';
import { defineModel } from './models.js';
import { PROFILES } from './rules.js';

/** A fixed instant for generated commands; the password-reset boundaries are offsets from the last reset. */
export const ENTERPRISE_MODEL_TIME = Date.UTC(2024, 5, 3, 1, 0, 0);

type Snapshot = SnapshotFrom<typeof enterpriseMachine>;
const at = ENTERPRISE_MODEL_TIME;
const by = 'buyer' as const;

/** The admin's commands tried from every state; the machine refuses those its rules forbid there. */
const COMMANDS: readonly EnterpriseEvent[] = [
  { type: 'createEnterprise', at, by, merchant: 'm1', apps: ['crm'], adminPhone: '13800000000' },
  { type: 'createDepartment', at, by, department: 'd1', name: 'Sales' },
  { type: 'renameDepartment', at, by, department: 'd1', name: 'Sales East' },
  { type: 'deleteDepartment', at, by, department: 'd1' },
  { type: 'addMember', at, by, member: 'u1', department: 'd1' },
  { type: 'addMember', at, by, member: 'u2' },
  { type: 'deleteMember', at, by, member: 'u1' },
  { type: 'deleteMember', at, by, member: 'u2' },
  { type: 'authoriseApps', at, by, member: 'u1', apps: ['crm'] },
  { type: 'disableMembers', at, by, members: ['u1'] },
  { type: 'enableMembers', at, by, members: ['u1'] },
  { type: 'resetPassword', at, by, member: 'u1', phoneCodeVerified: true },
  { type: 'resetPassword', at, by, member: 'u1', phoneCodeVerified: false },
  { type: 'dissolve', at, by },
];

/** Replies for calls awaiting one, and the admin's decisions on failed ones (INT-2). */
function syncEvents(snapshot: Snapshot): EnterpriseEvent[] {
  const pending = syncsIn(snapshot.context, 'pending').flatMap((callId): EnterpriseEvent[] => [
    { type: 'merchantReplied', at, by: 'system', callId, ok: true },
    { type: 'merchantReplied', at, by: 'system', callId, ok: false, error: 'HTTP 500' },
  ]);
  const failed = syncsIn(snapshot.context, 'failed').flatMap((callId): EnterpriseEvent[] => [
    { type: 'retrySync', at, by, callId },
    { type: 'abandonSync', at, by, callId },
  ]);
  return [...pending, ...failed];
}

const capped = (n: number) => Math.min(n, 1);

export const enterpriseModel = defineModel({
  name: 'enterprise',
  machine: enterpriseMachine,
  rules: ['ORG-1', 'ORG-2', 'ORG-3', 'ORG-4', 'INT-2'],
  variants: [
    {
      name: 'koogallery',
      profile: 'koogallery',
      input: { params: PROFILES.koogallery, id: 'e1' },
      facts: { platform: 'koogallery (joint-operation enterprise management, 联营)' },
    },
  ],
  events: (snapshot: Snapshot) => [...COMMANDS, ...syncEvents(snapshot)],
  serialize: (snapshot: Snapshot) => {
    const { context } = snapshot;
    return JSON.stringify([
      snapshot.value,
      Object.keys(context.departments),
      context.members,
      capped(syncsIn(context, 'pending').length),
      capped(syncsIn(context, 'failed').length),
      context.passwordResets.length > 0,
    ]);
  },
  maxDepth: 10,
  unreachable: {
    // A sync can only fail through a merchant reply, and a reply only arrives while the call is pending, i.e. in
    // awaitingMerchant; the guard on settled is defensive (a reply racing a state change) and kept for safety.
    'enterprise.active.sync.settled|always|enterprise.active.sync.failed':
      'a sync fails only by a merchant reply to a pending call, which is always seen from awaitingMerchant',
  },
  /** ORG-3: a reset just inside and just outside the minimum interval after the last one. */
  boundaries: (snapshot: Snapshot) => {
    const last = snapshot.context.passwordResets.at(-1);
    if (last === undefined) return [];
    return windowBoundaries(snapshot.context.params.passwordResetMinIntervalMs).map((b) => ({
      label: `password reset ${b.label} after the last one`,
      event: { type: 'resetPassword', at: last + b.value, by, member: 'u1', phoneCodeVerified: true } as EnterpriseEvent,
    }));
  },
});
