// Timeline events sent to enterprises of joint-operation buyers (企业管理): organisation, members, app
// authorisations, password resets and the admin's decisions on failed sync calls (ORG-1..4, INT-2).
import { z } from 'zod';
import { id } from '../catalogSchema.js';
import type { Vocabulary } from './types.js';

const department = id.describe('a department id of the enterprise');
const member = id.describe('a member id of the enterprise');
const members = z.array(id).min(1).describe('members to change; one for one by one, several for a batch');
const callId = z.string().min(1).describe('the callId of the sync call, as logged in its callMerchant effect');

export const enterpriseEvents = {
  createEnterprise: {
    kind: 'enterprise',
    doc: 'The admin creates the enterprise for the merchant whose joint-operation apps it has bound.',
    rules: [],
    payload: {
      merchant: id.describe('the merchant syncs go to (a merchant of the scenario)'),
      apps: z.array(id).default([]).describe('apps bound to the enterprise; only these can be authorised'),
      adminPhone: z.string().optional().describe("the admin phone verification codes go to; drawn from the seed when absent"),
    },
    defaultBy: 'buyer',
    creates: true,
  },
  createDepartment: {
    kind: 'enterprise',
    doc: 'The admin creates a department (新建部门); synced incrementally to the merchant.',
    rules: ['INT-2'],
    payload: { department, name: z.string().optional() },
    defaultBy: 'buyer',
  },
  renameDepartment: {
    kind: 'enterprise',
    doc: 'The admin edits a department (编辑部门); synced incrementally to the merchant.',
    rules: ['INT-2'],
    payload: { department, name: z.string().min(1) },
    defaultBy: 'buyer',
  },
  deleteDepartment: {
    kind: 'enterprise',
    doc: 'The admin deletes a department (删除部门); refused while it has members.',
    rules: ['ORG-1', 'INT-2'],
    payload: { department },
    defaultBy: 'buyer',
  },
  addMember: {
    kind: 'enterprise',
    doc: 'The admin adds a member, to a department or the enterprise root.',
    rules: ['INT-2'],
    payload: { member, department: department.optional() },
    defaultBy: 'buyer',
  },
  deleteMember: {
    kind: 'enterprise',
    doc: 'The admin deletes a member (删除成员); their app authorisations go with them.',
    rules: ['ORG-4', 'INT-2'],
    payload: { member },
    defaultBy: 'buyer',
  },
  authoriseApps: {
    kind: 'enterprise',
    doc: "The admin sets the bound apps a member may use (the full list; [] revokes); tenant sync to the merchant.",
    rules: ['ORG-4', 'INT-2'],
    payload: { member, apps: z.array(id) },
    defaultBy: 'buyer',
  },
  disableMembers: {
    kind: 'enterprise',
    doc: 'The admin disables members (禁用 / batch); they lose their authorised apps until re-enabled.',
    rules: ['ORG-4', 'INT-2'],
    payload: { members },
    defaultBy: 'buyer',
  },
  enableMembers: {
    kind: 'enterprise',
    doc: 'The admin enables members (启用 / 批量启用); their authorised apps are usable again.',
    rules: ['ORG-4', 'INT-2'],
    payload: { members },
    defaultBy: 'buyer',
  },
  resetPassword: {
    kind: 'enterprise',
    doc: "The admin resets a member's password with the admin phone's code; at most 1 per 3 min, 15 an hour, 60 a day.",
    rules: ['ORG-3'],
    payload: {
      member,
      phoneCodeVerified: z.boolean().default(true).describe("the admin phone's verification code was entered correctly"),
    },
    defaultBy: 'buyer',
  },
  retrySync: {
    kind: 'enterprise',
    doc: 'The admin retries a failed sync call; the same callId is sent again, so the merchant applies it once.',
    rules: ['INT-2'],
    payload: { callId },
    defaultBy: 'buyer',
  },
  abandonSync: {
    kind: 'enterprise',
    doc: 'The admin decides not to retry a failed sync call.',
    rules: ['INT-2'],
    payload: { callId },
    defaultBy: 'buyer',
  },
  dissolve: {
    kind: 'enterprise',
    doc: 'The admin dissolves the enterprise (解散组织); refused while departments or members remain.',
    rules: ['ORG-2'],
    payload: {},
    defaultBy: 'buyer',
  },
} as const satisfies Vocabulary;
