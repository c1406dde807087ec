// Enterprise management for joint-operation (联营) buyers: departments, members, app authorisations, password
// resets and the sync calls to the merchant. Rules ORG-1..4 and INT-2 of ../shared/RULES.md (sections ORG, INT).
import { and, assign, not, setup } from 'xstate';
import type { MerchantCallParams } from './contracts.js';
import type { Actor } from './domain.js';
import {
  batchChanges,
  callId,
  callParams,
  departmentPayload,
  isEmpty,
  membersOf,
  supersededBy,
  syncsIn,
  tenantPayload,
  withMembers,
  withNewCall,
  without,
  type EnterpriseInput,
  type Organisation,
  type SyncEndpoint,
} from './enterpriseOrg.js';
import { passwordResetRefusal, withPasswordReset } from './enterprisePasswordResets.js';
import type { RulesParams } from './rules.js';

export interface EnterpriseContext extends Organisation {
  readonly params: RulesParams;
  readonly adminPhone: string;
  /** Times of the admin's accepted password resets still inside the widest window (ORG-3). */
  readonly passwordResets: readonly number[];
}

/** Fields every command carries: virtual time (epoch ms) and who issued it (the enterprise admin is a buyer). */
interface Command {
  readonly at: number;
  readonly by?: Actor;
}

export type EnterpriseEvent =
  | (Command & { type: 'createEnterprise'; merchant: string; apps?: readonly string[]; adminPhone: string })
  | (Command & { type: 'createDepartment'; department: string; name?: string })
  | (Command & { type: 'renameDepartment'; department: string; name: string })
  | (Command & { type: 'deleteDepartment'; department: string })
  | (Command & { type: 'addMember'; member: string; department?: string })
  | (Command & { type: 'deleteMember'; member: string })
  | (Command & { type: 'authoriseApps'; member: string; apps: readonly string[] })
  | (Command & { type: 'disableMembers'; members: readonly string[] })
  | (Command & { type: 'enableMembers'; members: readonly string[] })
  | (Command & { type: 'resetPassword'; member: string; phoneCodeVerified: boolean })
  | (Command & { type: 'merchantReplied'; callId: string; ok: boolean; error?: string })
  | (Command & { type: 'retrySync'; callId: string })
  | (Command & { type: 'abandonSync'; callId: string })
  | (Command & { type: 'dissolve' });

type EventOf<T extends EnterpriseEvent['type']> = Extract<EnterpriseEvent, { type: T }>;

function initialContext(input: EnterpriseInput): EnterpriseContext {
  return {
    params: input.params,
    id: input.id,
    merchantId: '',
    adminPhone: '',
    apps: [],
    departments: {},
    members: {},
    syncs: {},
    callsMade: 0,
    passwordResets: [],
  };
}

/** The org change an accepted event makes, and the sync call it owes the merchant (INT-2). */
function applyChange(context: EnterpriseContext, event: EnterpriseEvent): Partial<EnterpriseContext> {
  const sync = (org: Organisation, endpoint: SyncEndpoint, payload: Record<string, unknown>) => ({
    ...org,
    ...withNewCall(org, endpoint, payload),
  });
  switch (event.type) {
    case 'createDepartment': {
      const name = event.name ?? event.department;
      const org = { ...context, departments: { ...context.departments, [event.department]: { name } } };
      return sync(org, 'departmentSync', departmentPayload(org, 'create', event.department, name));
    }
    case 'renameDepartment': {
      const org = { ...context, departments: { ...context.departments, [event.department]: { name: event.name } } };
      return sync(org, 'departmentSync', departmentPayload(org, 'update', event.department, event.name));
    }
    case 'deleteDepartment': {
      const name = context.departments[event.department]!.name;
      const org = { ...context, departments: without(context.departments, event.department) };
      return sync(org, 'departmentSync', departmentPayload(org, 'delete', event.department, name));
    }
    case 'addMember': {
      const member = { enabled: true, apps: [], ...(event.department !== undefined ? { department: event.department } : {}) };
      const org = { ...context, members: { ...context.members, [event.member]: member } };
      return sync(org, 'tenantSync', tenantPayload(org, [event.member]));
    }
    case 'deleteMember': {
      const org = { ...context, members: without(context.members, event.member) };
      return sync(org, 'tenantSync', tenantPayload(org, [event.member]));
    }
    case 'authoriseApps': {
      const org = { ...context, members: withMembers(context, [event.member], { apps: [...new Set(event.apps)] }) };
      return sync(org, 'tenantSync', tenantPayload(org, [event.member]));
    }
    case 'disableMembers':
    case 'enableMembers': {
      const enabled = event.type === 'enableMembers';
      const changed = batchChanges(context, event.members, enabled) ?? [];
      const org = { ...context, members: withMembers(context, changed, { enabled }) };
      return sync(org, 'tenantSync', tenantPayload(org, changed));
    }
    default:
      return {};
  }
}

/** Effect of an org change: the first attempt of the sync call it just recorded (INT-2). */
const sendNewCall = {
  type: 'callMerchant',
  params: ({ context }: { context: EnterpriseContext }) => callParams(context, latestCallId(context)),
} as const;

const isCall = (context: EnterpriseContext, event: EnterpriseEvent, status: 'pending' | 'failed') =>
  'callId' in event && context.syncs[event.callId]?.status === status;

export const enterpriseMachine = setup({
  types: {
    context: {} as EnterpriseContext,
    events: {} as EnterpriseEvent,
    input: {} as EnterpriseInput,
  },
  guards: {
    /** The enterprise admin works in the buyer center (买家中心). */
    byAdmin: ({ event }) => event.by === undefined || event.by === 'buyer',
    newDepartment: ({ context, event }) =>
      event.type === 'createDepartment' && context.departments[event.department] === undefined,
    knownDepartment: ({ context, event }) => 'department' in event && event.department !== undefined && context.departments[event.department] !== undefined,
    /** ORG-1: a department with members cannot be deleted. */
    departmentHasNoMembers: ({ context, event }) => event.type === 'deleteDepartment' && membersOf(context, event.department).length === 0,
    newMember: ({ context, event }) => event.type === 'addMember' && context.members[event.member] === undefined,
    /** A member joins an existing department, or the enterprise root when none is named. */
    memberPlaceKnown: ({ context, event }) =>
      event.type === 'addMember' && (event.department === undefined || context.departments[event.department] !== undefined),
    knownMember: ({ context, event }) => 'member' in event && context.members[event.member] !== undefined,
    /** Only apps bound to the enterprise can be authorised. */
    appsBound: ({ context, event }) => event.type === 'authoriseApps' && event.apps.every((app) => context.apps.includes(app)),
    /** ORG-4: a batch names only known members and changes at least one of them. */
    batchDisables: ({ context, event }) => event.type === 'disableMembers' && (batchChanges(context, event.members, false)?.length ?? 0) > 0,
    batchEnables: ({ context, event }) => event.type === 'enableMembers' && (batchChanges(context, event.members, true)?.length ?? 0) > 0,
    /** ORG-3: the admin passed the admin phone's verification code (二次管理员手机号验证码校验). */
    adminPhoneVerified: ({ event }) => event.type === 'resetPassword' && event.phoneCodeVerified,
    /** ORG-3: once per 3 minutes, 15 an hour, 60 a day (sliding windows on the virtual clock). */
    withinResetLimits: ({ context, event }) => passwordResetRefusal(context.passwordResets, event.at, context.params) === undefined,
    /** INT-2: the reply belongs to an attempt still waiting for one. */
    awaitedCall: ({ context, event }) => isCall(context, event, 'pending'),
    /** INT-2: only a failed call waits for the admin's decision. */
    failedCall: ({ context, event }) => isCall(context, event, 'failed'),
    /** INT-2: a later call about the same department or tenant carries a newer state than this one. */
    supersededCall: ({ context, event }) => 'callId' in event && supersededBy(context, event.callId) !== undefined,
    /** ORG-2: nothing left inside. */
    organisationEmpty: ({ context }) => isEmpty(context),
    someSyncFailed: ({ context }) => syncsIn(context, 'failed').length > 0,
    someSyncPending: ({ context }) => syncsIn(context, 'pending').length > 0,
  },
  actions: {
    /** Effect: one attempt of a merchant call; the simulated merchant peer answers with `merchantReplied`. */
    callMerchant: (_, _params: MerchantCallParams) => {},
    found: assign(({ event }) =>
      event.type === 'createEnterprise' ? { merchantId: event.merchant, apps: [...(event.apps ?? [])], adminPhone: event.adminPhone } : {},
    ),
    applyChange: assign(({ context, event }) => applyChange(context, event)),
    recordPasswordReset: assign({ passwordResets: ({ context, event }) => withPasswordReset(context.passwordResets, event.at) }),
    recordReply: assign({
      syncs: ({ context, event }) => {
        if (event.type !== 'merchantReplied') return context.syncs;
        const call = context.syncs[event.callId]!;
        const outcome = event.ok ? { status: 'done' as const } : { status: 'failed' as const, error: event.error ?? 'merchant call failed' };
        return { ...context.syncs, [event.callId]: { ...call, ...outcome } };
      },
    }),
    markRetried: assign({
      syncs: ({ context, event }) => {
        if (event.type !== 'retrySync') return context.syncs;
        const call = context.syncs[event.callId]!;
        return { ...context.syncs, [event.callId]: { ...call, status: 'pending' as const, attempts: call.attempts + 1 } };
      },
    }),
    markAbandoned: assign({
      syncs: ({ context, event }) =>
        event.type === 'abandonSync' ? { ...context.syncs, [event.callId]: { ...context.syncs[event.callId]!, status: 'abandoned' as const } } : context.syncs,
    }),
  },
}).createMachine({
  id: 'enterprise',
  context: ({ input }) => initialContext(input),
  initial: 'unregistered',
  on: {
    /** INT-2: replies are recorded in any state, so calls made just before dissolving still settle. */
    merchantReplied: { guard: 'awaitedCall', actions: 'recordReply', meta: { rules: ['INT-2'] } },
  },
  states: {
    /** Spawned by the scenario's `createEnterprise`, which founds it. */
    unregistered: {
      on: { createEnterprise: { guard: 'byAdmin', target: 'active', actions: 'found' } },
    },
    /** 企业管理 > 组织架构: the organisation and the state of its sync calls run side by side. */
    active: {
      type: 'parallel',
      on: {
        createDepartment: { guard: and(['byAdmin', 'newDepartment']), actions: ['applyChange', sendNewCall], meta: { rules: ['INT-2'] } },
        renameDepartment: { guard: and(['byAdmin', 'knownDepartment']), actions: ['applyChange', sendNewCall], meta: { rules: ['INT-2'] } },
        deleteDepartment: {
          guard: and(['byAdmin', 'knownDepartment', 'departmentHasNoMembers']),
          actions: ['applyChange', sendNewCall],
          meta: { rules: ['ORG-1', 'INT-2'] },
        },
        addMember: { guard: and(['byAdmin', 'newMember', 'memberPlaceKnown']), actions: ['applyChange', sendNewCall], meta: { rules: ['INT-2'] } },
        deleteMember: { guard: and(['byAdmin', 'knownMember']), actions: ['applyChange', sendNewCall], meta: { rules: ['ORG-4', 'INT-2'] } },
        authoriseApps: {
          guard: and(['byAdmin', 'knownMember', 'appsBound']),
          actions: ['applyChange', sendNewCall],
          meta: { rules: ['ORG-4', 'INT-2'] },
        },
        disableMembers: { guard: and(['byAdmin', 'batchDisables']), actions: ['applyChange', sendNewCall], meta: { rules: ['ORG-4', 'INT-2'] } },
        enableMembers: { guard: and(['byAdmin', 'batchEnables']), actions: ['applyChange', sendNewCall], meta: { rules: ['ORG-4', 'INT-2'] } },
        resetPassword: {
          guard: and(['byAdmin', 'knownMember', 'adminPhoneVerified', 'withinResetLimits']),
          actions: 'recordPasswordReset',
          meta: { rules: ['ORG-3'] },
        },
        retrySync: {
          guard: and(['byAdmin', 'failedCall', not('supersededCall')]),
          actions: ['markRetried', { type: 'callMerchant', params: ({ context, event }) => callParams(context, (event as EventOf<'retrySync'>).callId) }],
          meta: { rules: ['INT-2'] },
        },
        abandonSync: { guard: and(['byAdmin', 'failedCall']), actions: 'markAbandoned', meta: { rules: ['INT-2'] } },
        dissolve: { guard: and(['byAdmin', 'organisationEmpty']), target: 'dissolved', meta: { rules: ['ORG-2'] } },
      },
      states: {
        organisation: {
          initial: 'empty',
          states: {
            /** No departments and no members: the only state dissolving is allowed from (ORG-2). */
            empty: { always: { guard: not('organisationEmpty'), target: 'populated' } },
            populated: {
              meta: { refuses: { dissolve: ['ORG-2'] } },
              always: { guard: 'organisationEmpty', target: 'empty' },
            },
          },
        },
        /** INT-2: the worst outcome among the sync calls; a failed one stays failed until the admin acts. */
        sync: {
          initial: 'settled',
          states: {
            settled: {
              meta: { refuses: { retrySync: ['INT-2'], abandonSync: ['INT-2'] } },
              always: [
                { guard: 'someSyncFailed', target: 'failed' },
                { guard: 'someSyncPending', target: 'awaitingMerchant' },
              ],
            },
            awaitingMerchant: {
              always: [
                { guard: 'someSyncFailed', target: 'failed' },
                { guard: not('someSyncPending'), target: 'settled' },
              ],
            },
            failed: {
              always: [
                { guard: and([not('someSyncFailed'), 'someSyncPending']), target: 'awaitingMerchant' },
                { guard: and([not('someSyncFailed'), not('someSyncPending')]), target: 'settled' },
              ],
            },
          },
        },
      },
    },
    /** 解散: nothing but late merchant replies is accepted any more. */
    dissolved: {},
  },
});

/** The callId the latest org change was sent under. */
function latestCallId(context: EnterpriseContext): string {
  return callId(context.id, context.callsMade);
}
