// Timeline events sent to products: publishing, review, hiding and delisting (PUB, HIDE, DEL).
import { z } from 'zod';
import { listingPatchSchema, packageSchema } from '../catalogSchema.js';
import { time } from './supervision.js';
import type { Vocabulary } from './types.js';

const spec = z.string().min(1).optional().describe('a spec id of the product; absent = the whole product');

/** A notice time: a time text like the timeline's `at`, or epoch ms (how a written-back scenario stores it). */
const noticeTime = z.union([z.int().nonnegative(), time]);

/** DEL-6: the notice to every existing buyer a tencent delisting request relies on. */
const buyerNotice = z
  .object({
    channels: z.array(z.string().min(1)).describe('站内信 inSite, 邮件 email, 公告 announcement…: more than one'),
    audience: z.enum(['allExistingBuyers', 'someBuyers']).default('allExistingBuyers'),
    publishedAt: noticeTime.describe('when the notice went out; before the request'),
    reason: z.string(),
    effectiveAt: noticeTime.describe('the effective time the notice states; at least the notice period after publication (DEL-7)'),
    impact: z.string().describe('what happens to existing service, and for how long'),
    followUp: z.string().describe('data export, migration path or an alternative product'),
    dataExportTool: z.boolean().describe('buyers are given a data backup or export tool'),
  })
  .strict();

export const productEvents = {
  editDraft: {
    kind: 'product',
    doc: 'Seller edits and saves the draft or the latest rejected application.',
    rules: ['PUB-1', 'PUB-4'],
    payload: { changes: listingPatchSchema },
    defaultBy: 'seller',
  },
  submit: {
    kind: 'product',
    doc: 'Seller submits for review (提交); refused if the form is incomplete or the account may not publish it.',
    rules: ['PUB-2', 'PUB-9', 'PUB-10'],
    payload: {},
    defaultBy: 'seller',
  },
  withdraw: {
    kind: 'product',
    doc: 'Seller withdraws a pending application (撤回); only some delivery types.',
    rules: ['PUB-3'],
    payload: {},
    defaultBy: 'seller',
  },
  approve: {
    kind: 'product',
    doc: 'Operator approves the pending application or change.',
    rules: ['PUB-4', 'PUB-6', 'PUB-7'],
    payload: {},
    defaultBy: 'operator',
  },
  reject: {
    kind: 'product',
    doc: 'Operator rejects (驳回) the pending application or change.',
    rules: ['PUB-4', 'PUB-7'],
    payload: { reason: z.string().optional() },
    defaultBy: 'operator',
  },
  list: {
    kind: 'product',
    doc: 'Lists an approved product (上架); image products only by an operator.',
    rules: ['PUB-5'],
    payload: {},
    defaultBy: 'seller',
  },
  submitChange: {
    kind: 'product',
    doc: 'Seller edits a listed product and submits the change for review; the live version stays on sale.',
    rules: ['PUB-6', 'PUB-9'],
    payload: { changes: listingPatchSchema.default({}) },
    defaultBy: 'seller',
  },
  addPackage: {
    kind: 'product',
    doc: 'Seller adds a package to a gateway product while a change is under review.',
    rules: ['PUB-8'],
    payload: { package: packageSchema },
    defaultBy: 'seller',
  },
  delistPackage: {
    kind: 'product',
    doc: 'Seller delists a listed package.',
    rules: ['PUB-8'],
    payload: { packageId: z.string().min(1) },
    defaultBy: 'seller',
  },
  deletePackage: {
    kind: 'product',
    doc: 'Seller tries to delete a package: always refused once listed.',
    rules: ['PUB-8'],
    payload: { packageId: z.string().min(1) },
    defaultBy: 'seller',
  },
  hide: {
    kind: 'product',
    doc: 'Seller hides the product or one spec; koogallery: a listed one by a reviewed modification (HIDE-1); tencent: temporary delisting 临时下架.',
    rules: ['HIDE-1', 'HIDE-2', 'HIDE-3'],
    payload: { spec },
    defaultBy: 'seller',
  },
  unhide: {
    kind: 'product',
    doc: 'Seller shows the product or spec again (tencent: relists a temporary delisting).',
    rules: ['HIDE-1', 'HIDE-3'],
    payload: { spec },
    defaultBy: 'seller',
  },
  delist: {
    kind: 'product',
    doc: 'Delists the product or one spec: koogallery → 已停售 for good; tencent: operator only (image, DEL-2). The whole product needs its pending settlements confirmed (STL-5).',
    rules: ['DEL-1', 'DEL-2', 'DEL-4', 'STL-5'],
    payload: { spec },
    defaultBy: 'seller',
  },
  requestDelisting: {
    kind: 'product',
    doc: 'Seller asks to delist the product or one spec (tencent), with a reason, the notice link and the buyer notice; reviewed in 1–3 business days.',
    rules: ['DEL-3', 'DEL-2', 'DEL-4', 'DEL-6', 'DEL-7', 'STL-5'],
    payload: {
      spec,
      notice: buyerNotice.optional().describe('DEL-6: the notice published to every existing buyer'),
      reason: z.string(),
      noticeUrl: z.string().optional(),
      reviewBusinessDays: z.int().min(0).optional().describe('review length; drawn from the seed within the rules range if absent'),
    },
    defaultBy: 'seller',
  },
  confirmSettlements: {
    kind: 'product',
    doc: 'Seller reconciles and confirms every settlement of the product pending now (STL-5), before delisting it.',
    rules: ['STL-5'],
    payload: {},
    defaultBy: 'seller',
  },
  editByOperator: {
    kind: 'product',
    doc: 'Operations (运营) edit the listed product\'s information in the console; the merchant gets 产品信息变更通知 (PUB-12).',
    rules: ['PUB-12'],
    payload: { changes: listingPatchSchema },
    defaultBy: 'operator',
  },
} as const satisfies Vocabulary;
