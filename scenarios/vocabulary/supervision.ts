// Timeline events sent to service supervision (服务监管) of one order, `supervision: <orderId>` (SUP-1..10).
import { z } from 'zod';
import { parseTime } from '../../machines/time.js';
import { id } from '../catalogSchema.js';
import type { Vocabulary } from './types.js';

/** A time written like the timeline's `at` (no offset = UTC+8), as epoch ms for the machine. */
export const time = z
  .string()
  .refine((text) => parseTime(text) !== undefined, 'expected a time like "2024-01-05T10:00:00+08:00" (no offset = UTC+8)')
  .transform((text) => parseTime(text)!);

export const supervisionEvents = {
  openSupervision: {
    kind: 'supervision',
    doc: 'Opens the service order of a paid order (what an order of a supervised type does when paid); picks the flow of the product type.',
    rules: ['SUP-1', 'SUP-3', 'SUP-4', 'SUP-5', 'SUP-7', 'SUP-10'],
    payload: {
      product: id.describe('the product bought (a product of the scenario)'),
      buyer: id.describe('the buyer (a buyer of the scenario)'),
      spec: id.optional().describe('the spec bought; its period gives the validity end (SUP-9)'),
      periods: z.int().min(1).optional().describe('how many periods of the spec were bought (default 1)'),
      orderedAt: time.optional().describe('when the order was placed (default: this item\'s time); decides the SUP-4 flow'),
    },
    defaultBy: 'system',
    creates: true,
  },
  submitRequirement: {
    kind: 'supervision',
    doc: 'Buyer submits (or resubmits) the requirement.',
    rules: ['SUP-1', 'SUP-2', 'SUP-6'],
    payload: { requirement: z.string().optional() },
    defaultBy: 'buyer',
  },
  confirmRequirement: {
    kind: 'supervision',
    doc: 'Seller confirms the requirement (确认需求) and starts implementing.',
    rules: ['SUP-1', 'SUP-2'],
    payload: {},
    defaultBy: 'seller',
  },
  rejectRequirement: {
    kind: 'supervision',
    doc: 'Seller rejects the requirement back to the buyer to edit (驳回给用户修改); unbounded.',
    rules: ['SUP-1', 'SUP-2'],
    payload: { reason: z.string().optional() },
    defaultBy: 'seller',
  },
  deliver: {
    kind: 'supervision',
    doc: 'Seller finishes implementing and fills in the delivery info, optionally the actual opening time; data files need documents.',
    rules: ['SUP-1', 'SUP-2', 'SUP-3', 'SUP-4', 'SUP-6', 'SUP-7', 'SUP-9'],
    payload: {
      openedAt: time.optional().describe('actual opening time (实际开通时间): the validity starts here (SUP-9)'),
      documents: z.array(z.string().min(1)).optional().describe('delivery-acceptance documents (SUP-6)'),
      deliveryInfo: z.string().optional(),
    },
    defaultBy: 'seller',
  },
  ship: {
    kind: 'supervision',
    doc: "Seller ships hardware and enters the logistics info; a recipient phone other than the buyer's defeats tracking.",
    rules: ['SUP-5'],
    payload: {
      carrier: z.string().optional(),
      trackingNo: z.string().optional(),
      recipientPhone: z.string().optional().describe("the waybill's phone; absent = the buyer's"),
    },
    defaultBy: 'seller',
  },
  courierSignedOff: {
    kind: 'supervision',
    doc: 'The tracked parcel is signed for (快递签收); starts the automatic-acceptance delay.',
    rules: ['SUP-5'],
    payload: {},
    defaultBy: 'system',
  },
  remindBuyer: {
    kind: 'supervision',
    doc: 'Seller reminds the buyer to accept when tracking failed (no automatic acceptance).',
    rules: ['SUP-5'],
    payload: {},
    defaultBy: 'seller',
  },
  activateAuthCode: {
    kind: 'supervision',
    doc: 'Seller activates the authorisation code through the open API (new flow); it becomes the opening time.',
    rules: ['SUP-4', 'SUP-9'],
    payload: { code: z.string().optional() },
    defaultBy: 'seller',
  },
  uploadDeliveryProof: {
    kind: 'supervision',
    doc: 'Seller uploads the delivery-file proof (交付文件证明) after activating the authorisation code (koogallery).',
    rules: ['SUP-11'],
    payload: { documents: z.array(z.string().min(1)).default([]) },
    defaultBy: 'seller',
  },
  acceptDelivery: {
    kind: 'supervision',
    doc: 'Buyer accepts the delivery (确认验收); completes supervision (app orchestration: 已完成 after the delay).',
    rules: ['SUP-1', 'SUP-2', 'SUP-3', 'SUP-4', 'SUP-5', 'SUP-6', 'SUP-7', 'SUP-9', 'SUP-10'],
    payload: {},
    defaultBy: 'buyer',
  },
  openAppeal: {
    kind: 'supervision',
    doc: 'Seller or buyer appeals (发起申诉) at any node while supervision runs; the flow keeps its place.',
    rules: ['SUP-8'],
    payload: { reason: z.string().min(1) },
    defaultBy: 'buyer',
  },
  resolveAppeal: {
    kind: 'supervision',
    doc: 'The platform resolves an open appeal (or its author withdraws it); default the oldest open one.',
    rules: ['SUP-8'],
    payload: { appealId: z.string().optional().describe('A1, A2… in filing order'), outcome: z.string().optional() },
    defaultBy: 'operator',
  },
} as const satisfies Vocabulary;
