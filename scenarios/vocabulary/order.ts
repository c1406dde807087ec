// Timeline events sent to orders: purchase (creates the order), renewal, trial conversion, refunds, freezing and
// on-demand disk swaps (ORD, REF, REN). The target is `order: <id>`; the id is the order number.
import { z } from 'zod';
import { fen, id, periodsCount } from '../catalogSchema.js';
import type { Vocabulary } from './types.js';

const couponIds = z.array(id).optional().describe('ORD-7 coupons (优惠券) to use: at most one per order');
const cashCouponIds = z.array(id).optional().describe('ORD-7 cash coupons / stored-value cards to draw on, in order');

export const orderEvents = {
  purchase: {
    kind: 'order',
    doc: 'Buyer places a purchase order (购买); creates the order. Refused if the lifecycle forbids it (PUB-2, HIDE-2/3, DEL-1/4) or payment fails (ORD-7, ORD-11).',
    rules: ['ORD-1', 'ORD-2', 'ORD-3', 'ORD-7', 'ORD-9', 'ORD-11', 'PUB-2', 'HIDE-2', 'HIDE-3', 'DEL-1', 'DEL-4', 'REN-1', 'REN-5', 'REN-6'],
    payload: {
      buyer: id,
      product: id,
      spec: id.optional().describe('spec id; absent = the first spec'),
      periods: periodsCount.optional().describe('months/years of a period spec, uses of a per-use spec (default 1)'),
      channel: z.enum(['storefront', 'url']).optional().describe('how the buyer reached the product (default storefront)'),
      privateLink: id.optional().describe('ORD-11: buy through an exclusive discount’s private link (its id)'),
      autoRenew: z.boolean().optional().describe('REN-1: turn auto-renewal on at purchase (period products only)'),
      trial: z.boolean().optional().describe('REN-5: a free trial instance, converted later with convertTrial'),
      coupons: couponIds,
      cashCoupons: cashCouponIds,
      payWith: z.enum(['balance', 'monthlySettlement']).optional().describe('ORD-7: balance (default) or monthly settlement (never hardware)'),
      resources: z.int().min(1).max(100).optional().describe('ORD-10: resources the order opens, one creation call each (default 1)'),
    },
    defaultBy: 'buyer',
    creates: true,
  },
  renew: {
    kind: 'order',
    doc: 'Buyer renews (续费) a period instance; refused after delisting (DEL-5). The merchant is told the new expiry (REN-5).',
    rules: ['ORD-1', 'ORD-7', 'REN-2', 'REN-5', 'DEL-5'],
    payload: { periods: periodsCount.optional(), coupons: couponIds, cashCoupons: cashCouponIds },
    defaultBy: 'buyer',
  },
  convertTrial: {
    kind: 'order',
    doc: 'Buyer converts a trial to paid (试用转正); the merchant updates the instance (REN-5).',
    rules: ['REN-5', 'ORD-7'],
    payload: {
      coupons: couponIds,
      cashCoupons: cashCouponIds,
      payWith: z.enum(['balance', 'monthlySettlement']).optional(),
    },
    defaultBy: 'buyer',
  },
  setAutoRenew: {
    kind: 'order',
    doc: 'Buyer turns auto-renewal on or off under purchased services (period products only).',
    rules: ['REN-1'],
    payload: { on: z.boolean() },
    defaultBy: 'buyer',
  },
  refund: {
    kind: 'order',
    doc: 'Refund / unsubscribe (退款/退订): buyer within 5 days (tencent image, REF-1), not yet effective (koogallery, REF-4), operator with a reason and amount (REF-3), on-demand = stop billing (ORD-4).',
    rules: ['ORD-1', 'ORD-4', 'REF-1', 'REF-2', 'REF-3', 'REF-4'],
    payload: {
      reason: z.string().optional().describe('REF-3 exception reason (operator), one of the rules parameter exceptionRefundReasons'),
      amountFen: fen.min(1).optional().describe('REF-3 amount agreed offline, fen (operator)'),
    },
    defaultBy: 'buyer',
  },
  refundRenewal: {
    kind: 'order',
    doc: 'Refund of the latest renewal before it takes effect (退续费); the expiry goes back (REN-5, REF-4).',
    rules: ['REN-5', 'REF-4'],
    payload: {},
    defaultBy: 'buyer',
  },
  freeze: {
    kind: 'order',
    doc: 'Operator freezes an instance for a violation; the merchant is called to freeze it (REN-4).',
    rules: ['REN-4'],
    payload: { reason: z.string().optional() },
    defaultBy: 'operator',
  },
  applyInvoice: {
    kind: 'order',
    doc: 'Buyer applies for the invoice of a paid order (申请开票); a merchant that issues e-invoices by default issues it at once, by SMS and email (ORD-14).',
    rules: ['ORD-14'],
    payload: {},
    defaultBy: 'buyer',
  },
  issueInvoice: {
    kind: 'order',
    doc: 'Merchant issues the invoice the buyer applied for (ORD-14).',
    rules: ['ORD-14'],
    payload: { electronic: z.boolean().optional().describe('an electronic invoice, sent by the eInvoiceChannels (default paper)') },
    defaultBy: 'seller',
  },
  notifyInterfaceFixed: {
    kind: 'order',
    doc: 'After a failed expiry call, the merchant read 异常信息 under 卖家中心 > 生产接口消息, fixed its interface and tells the marketplace; no call is re-sent (INT-4).',
    rules: ['INT-4'],
    payload: {},
    defaultBy: 'seller',
  },
  replaceSystemDisk: {
    kind: 'order',
    doc: 'Buyer replaces the ECS system disk of an hourly image order with another market image (ORD-8).',
    rules: ['ORD-8'],
    payload: { toProduct: id, toSpec: id.optional() },
    defaultBy: 'buyer',
  },
} as const satisfies Vocabulary;
