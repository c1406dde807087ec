// The enterprise's organisation (departments, members, app authorisations) and its sync calls to the merchant,
// as plain data and pure functions the enterprise machine's guards and actions are built from (ORG-1, 2, 4, INT-2).
import type { MerchantCallParams } from './contracts.js';
import type { RulesParams } from './rules.js';

export interface Department {
  readonly name: string;
}

export interface Member {
  /** Absent: the member sits at the enterprise root, outside any department. */
  readonly department?: string;
  readonly enabled: boolean;
  /** Apps the admin authorised; they are usable only while the member is enabled (ORG-4). */
  readonly apps: readonly string[];
}

export type SyncEndpoint = 'tenantSync' | 'departmentSync';
/** pending: sent, no reply yet; failed: waits for the admin (INT-2); done; abandoned: the admin chose not to retry. */
export type SyncStatus = 'pending' | 'failed' | 'done' | 'abandoned';

export interface SyncCall {
  readonly endpoint: SyncEndpoint;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly status: SyncStatus;
  readonly attempts: number;
  readonly error?: string;
}

export interface Organisation {
  readonly id: string;
  readonly merchantId: string;
  /** Apps bound to the enterprise; only these can be authorised to members. */
  readonly apps: readonly string[];
  readonly departments: Readonly<Record<string, Department>>;
  readonly members: Readonly<Record<string, Member>>;
  /** By callId, the idempotency key the merchant sees on every attempt (INT-2). */
  readonly syncs: Readonly<Record<string, SyncCall>>;
  readonly callsMade: number;
}

export interface EnterpriseInput {
  readonly params: RulesParams;
  readonly id: string;
}

/** ORG-4: the apps a member can use right now; a disabled member can use none. */
export function effectiveApps(member: Member): readonly string[] {
  return member.enabled ? member.apps : [];
}

/** ORG-1 */
export function membersOf(org: Organisation, department: string): string[] {
  return Object.keys(org.members).filter((id) => org.members[id]!.department === department);
}

/** ORG-2 */
export function isEmpty(org: Organisation): boolean {
  return Object.keys(org.departments).length === 0 && Object.keys(org.members).length === 0;
}

/** Members whose enabled flag a batch would change; undefined when the batch names an unknown member. */
export function batchChanges(org: Organisation, members: readonly string[], enabled: boolean): string[] | undefined {
  if (members.length === 0 || members.some((id) => org.members[id] === undefined)) return undefined;
  return [...new Set(members)].filter((id) => org.members[id]!.enabled !== enabled);
}

export function withMembers(org: Organisation, ids: readonly string[], change: Partial<Member>): Organisation['members'] {
  return { ...org.members, ...Object.fromEntries(ids.map((id) => [id, { ...org.members[id]!, ...change }])) };
}

export function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

/**
 * Payload of a tenant authorisation sync (租户应用授权信息同步): the tenant's whole authorisation table, each
 * member's usable apps after the change, so the merchant can replace its record by `tenantId` (idempotent).
 */
export function tenantPayload(org: Organisation, changed: readonly string[]): Record<string, unknown> {
  const authorisations = Object.keys(org.members)
    .sort()
    .map((id) => ({ member: id, apps: [...effectiveApps(org.members[id]!)] }));
  return { tenantId: org.id, changed: [...changed], authorisations };
}

/**
 * Payload of an incremental department sync (组织部门信息同步, 新建 / 编辑 / 删除部门). `departmentId` is qualified
 * by the enterprise, since one merchant's view holds the departments of every enterprise it serves.
 */
export function departmentPayload(org: Organisation, op: 'create' | 'update' | 'delete', department: string, name: string): Record<string, unknown> {
  return {
    departmentId: `${org.id}/${department}`,
    tenantId: org.id,
    op,
    name,
    ...(op === 'delete' ? { deleted: true } : {}),
  };
}

/** The org with one more sync call, pending; its callId is derived from the enterprise and a counter. */
export function withNewCall(org: Organisation, endpoint: SyncEndpoint, payload: Record<string, unknown>): Pick<Organisation, 'syncs' | 'callsMade'> {
  const callsMade = org.callsMade + 1;
  return { callsMade, syncs: { ...org.syncs, [callId(org.id, callsMade)]: { endpoint, payload, status: 'pending', attempts: 1 } } };
}

export function callId(enterpriseId: string, seq: number): string {
  return `${enterpriseId}.sync.${seq}`;
}

/** The effect parameters of one attempt of a call (a retry repeats the same callId and payload). */
export function callParams(org: Organisation, id: string): MerchantCallParams {
  const call = org.syncs[id]!;
  return { callId: id, merchantId: org.merchantId, endpoint: call.endpoint, payload: call.payload };
}

export function syncsIn(org: Organisation, status: SyncStatus): string[] {
  return Object.keys(org.syncs).filter((id) => org.syncs[id]!.status === status);
}

/** What a sync call is about: the department it changes, or the tenant's whole authorisation table. */
function syncKey(call: SyncCall): string {
  return `${call.endpoint}:${String(call.payload.departmentId ?? call.payload.tenantId)}`;
}

/**
 * A later call about the same department or tenant, if any. Retrying the older one after it would roll the
 * merchant back to a stale state, so a superseded failed call can only be abandoned (INT-2, our reading).
 */
export function supersededBy(org: Organisation, id: string): string | undefined {
  const ids = Object.keys(org.syncs);
  const call = org.syncs[id];
  if (!call) return undefined;
  return ids.slice(ids.indexOf(id) + 1).find((later) => syncKey(org.syncs[later]!) === syncKey(call));
}
