// Timeline events of customer demands and exclusive discounts (ORD-11, ORD-12). The target is `demand: <id>`; the
// id is also the discount's private link, used by `purchase … privateLink: <id>`.
import { z } from 'zod';
import { id } from '../catalogSchema.js';
import type { Vocabulary } from './types.js';

export const demandEvents = {
  submitDemand: {
    kind: 'demand',
    doc: 'A customer service provider (客户服务商) submits a customer demand for a product; it waits as 待接收 (ORD-11).',
    rules: ['ORD-11'],
    payload: { customer: id.describe('the designated customer (a buyer id)'), product: id },
    defaultBy: 'serviceProvider',
    creates: true,
  },
  acceptDemand: {
    kind: 'demand',
    doc: 'The merchant accepts (接收) the demand: 需求转化中 (ORD-11).',
    rules: ['ORD-11'],
    payload: {},
    defaultBy: 'seller',
  },
  createDiscount: {
    kind: 'demand',
    doc: 'The merchant creates the exclusive discount (创建专属优惠): a name and a business discount; it is in effect (已生效) and its private link can be shared with the designated customer (ORD-11, ORD-12).',
    rules: ['ORD-11', 'ORD-12'],
    payload: {
      name: z.string().min(1),
      discountBasisPoints: z.int().min(1).max(10_000).describe('business discount (商务折扣) off the price, basis points'),
    },
    defaultBy: 'seller',
  },
} as const satisfies Vocabulary;
