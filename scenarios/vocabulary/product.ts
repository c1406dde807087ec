// Timeline events sent to products: publishing, review, hiding and delisting (PUB, HIDE, DEL).
import { z } from 'zod';
import { MAX_REVIEW_BUSINESS_DAYS } from '../../machines/rules.js';
import { listingPatchSchema, packageSchema } from '../catalogSchema.js';
import type { Vocabulary } from './types.js';

const spec = z.string().min(1).optional().describe('a spec id of the product; absent = the whole product');

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
    doc: 'Seller hides the product or one spec (tencent: temporary delisting 临时下架).',
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
    doc: 'Delists the product or one spec: koogallery → 已停售 for good; tencent: operator only (image, DEL-2).',
    rules: ['DEL-1', 'DEL-2', 'DEL-4'],
    payload: { spec },
    defaultBy: 'seller',
  },
  requestDelisting: {
    kind: 'product',
    doc: 'Seller asks to delist (tencent), with a reason and the notice link; reviewed in 1–3 business days.',
    rules: ['DEL-3', 'DEL-2', 'DEL-4'],
    payload: {
      reason: z.string(),
      noticeUrl: z.string().optional(),
      reviewBusinessDays: z.int().min(0).max(MAX_REVIEW_BUSINESS_DAYS).optional().describe('review length; drawn from the seed within the rules range if absent'),
    },
    defaultBy: 'seller',
  },
} as const satisfies Vocabulary;
