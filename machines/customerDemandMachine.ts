// A customer demand (客户需求) and the exclusive discount (专属优惠) the merchant makes of it: a customer service
// provider (客户服务商) submits it → 待接收 → the merchant accepts (接收) → 需求转化中 → the merchant creates the
// discount (the system fills in the customer and product, the merchant a name and a business discount) → 已生效,
// and only then has it a private link, for its designated customer alone. Rules ORD-11, ORD-12 of
// ../shared/RULES.md (section ORD); the purchase side is joined in sim/kinds/order/prepare.ts.
import { and, assign, setup } from 'xstate';
import type { Actor } from './domain.js';

export interface CustomerDemandInput {
  readonly demandId: string;
  /** The designated customer (a buyer) and the product the demand is about. */
  readonly customerId: string;
  readonly productId: string;
  readonly merchantId: string;
}

export interface CustomerDemandContext extends CustomerDemandInput {
  /** The discount, once created: its name and business discount (商务折扣) in basis points off the price. */
  readonly discount: { readonly name: string; readonly discountBasisPoints: number } | undefined;
  readonly submittedAt: number | undefined;
}

interface Command {
  readonly at: number;
  readonly by?: Actor;
}

export type CustomerDemandEvent =
  | (Command & { type: 'submitDemand' })
  | (Command & { type: 'acceptDemand' })
  | (Command & { type: 'createDiscount'; name: string; discountBasisPoints: number });

/** Effect `exclusiveDiscountEffective` (ORD-12): the private link `demandId` now gives this discount to this customer. */
export interface ExclusiveDiscountEffectiveParams {
  readonly demandId: string;
  readonly customerId: string;
  readonly productId: string;
  readonly merchantId: string;
  readonly name: string;
  readonly discountBasisPoints: number;
}

function effectiveParams(context: CustomerDemandContext): ExclusiveDiscountEffectiveParams {
  const { demandId, customerId, productId, merchantId, discount } = context;
  return { demandId, customerId, productId, merchantId, name: discount!.name, discountBasisPoints: discount!.discountBasisPoints };
}

export const customerDemandMachine = setup({
  types: {
    context: {} as CustomerDemandContext,
    events: {} as CustomerDemandEvent,
    input: {} as CustomerDemandInput,
  },
  guards: {
    /** ORD-11: a customer service provider submits the customer's demand. */
    byServiceProvider: ({ event }) => event.by === 'serviceProvider',
    /** ORD-11: the merchant accepts the demand and creates the discount. */
    bySeller: ({ event }) => event.by === 'seller',
    /** ORD-11: a business discount is a share of the price, 0–100 %. */
    validDiscount: ({ event }) =>
      event.type === 'createDiscount' &&
      event.name.trim() !== '' &&
      Number.isInteger(event.discountBasisPoints) &&
      event.discountBasisPoints > 0 &&
      event.discountBasisPoints <= 10_000,
  },
  actions: {
    /** Effect: the discount is in effect and its private link can be shared (sim keeps it for purchases). */
    discountEffective: (_, _params: ExclusiveDiscountEffectiveParams) => {},
    recordSubmission: assign({ submittedAt: ({ event }) => event.at }),
    recordDiscount: assign({
      discount: ({ event }) => (event.type === 'createDiscount' ? { name: event.name, discountBasisPoints: event.discountBasisPoints } : undefined),
    }),
  },
}).createMachine({
  id: 'customerDemand',
  context: ({ input }) => ({ ...input, discount: undefined, submittedAt: undefined }),
  initial: 'new',
  states: {
    /** Created by its submission; stays here when the submission is refused. */
    new: {
      on: { submitDemand: { guard: 'byServiceProvider', target: 'pendingAcceptance', actions: 'recordSubmission', meta: { rules: ['ORD-11'] } } },
    },
    /** 待接收 */
    pendingAcceptance: {
      on: { acceptDemand: { guard: 'bySeller', target: 'converting', meta: { rules: ['ORD-11'] } } },
    },
    /** 需求转化中: the merchant creates the exclusive discount (创建专属优惠). */
    converting: {
      on: {
        createDiscount: {
          guard: and(['bySeller', 'validDiscount']),
          target: 'effective',
          actions: ['recordDiscount', { type: 'discountEffective', params: ({ context }) => effectiveParams(context) }],
          meta: { rules: ['ORD-11', 'ORD-12'] },
        },
      },
    },
    /** 已生效: the discount's private link can be shared with the designated customer (ORD-12). */
    effective: {},
  },
});

/**
 * ORD-12: the discount behind a demand's private link for this buyer and product, or why there is none: a demand
 * not yet in effect has no link; an effective one serves only its designated customer.
 */
export function demandDiscount(
  effective: ExclusiveDiscountEffectiveParams | undefined,
  pending: boolean,
  link: string,
  buyerId: string,
  productId: string,
): { ok: true; basisPoints: number } | { ok: false; error: string; rule: string } | undefined {
  if (!effective) {
    return pending ? { ok: false, error: `exclusive discount ${link} is not in effect (已生效): it has no private link yet`, rule: 'ORD-12' } : undefined;
  }
  if (effective.customerId !== buyerId) {
    return { ok: false, error: `private link ${link} is designated to another customer; only they see and get it`, rule: 'ORD-12' };
  }
  if (effective.productId !== productId) return { ok: false, error: `private link ${link} is for product ${effective.productId}`, rule: 'ORD-11' };
  return { ok: true, basisPoints: effective.discountBasisPoints };
}

/** Why a demand command was refused (the guards say only yes or no). */
export function explainDemandRefusal(snapshot: { readonly value: unknown }, event: { readonly type: string; readonly by?: string }) {
  switch (event.type) {
    case 'submitDemand':
      return { rules: ['ORD-11'], reason: 'only a customer service provider (客户服务商) submits a customer demand' };
    case 'acceptDemand':
      return { rules: ['ORD-11'], reason: snapshot.value === 'pendingAcceptance' ? 'only the merchant accepts a demand' : 'only a demand waiting (待接收) is accepted' };
    case 'createDiscount':
      if (snapshot.value !== 'converting') return { rules: ['ORD-11'], reason: 'the merchant creates the discount of an accepted demand (需求转化中) only' };
      return { rules: ['ORD-11'], reason: 'the merchant creates it, with a name and a business discount of 1–10000 basis points' };
    default:
      return undefined;
  }
}
