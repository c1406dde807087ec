// Product lifecycle: draft → review → listed → hidden / delisted, for both platform profiles.
// Rules PUB-1..10, HIDE-1..3, DEL-1..4 of ../shared/RULES.md (sections PUB, HIDE, DEL).
import { and, assign, not, setup } from 'xstate';
import { addBusinessDays } from './calendar.js';
import type { ListingInfo, MerchantDef, PackageDef, ProductDef } from './catalog.js';
import type { Actor } from './domain.js';
import type { RulesParams } from './rules.js';
import { listingProblems, publisherProblems } from './submissionChecks.js';

export interface SpecState {
  readonly hidden: boolean;
  /** DEL-1: a discontinued spec (已停售) never returns. */
  readonly discontinued: boolean;
}

export type PackageStatus = 'pendingReview' | 'listed' | 'delisted';

export interface DelistingRequest {
  readonly reason: string;
  readonly noticeUrl: string | undefined;
  readonly requestedAt: number;
  readonly reviewBusinessDays: number;
}

export interface ProductContext {
  readonly params: RulesParams;
  readonly product: ProductDef;
  readonly merchant: MerchantDef;
  /** The form being edited (draft, rejected application, or a pending change). */
  readonly listing: ListingInfo;
  /** The version on sale; replaced when a change is approved (PUB-6). */
  readonly liveListing: ListingInfo | undefined;
  readonly version: number;
  readonly hidden: boolean;
  readonly specs: Readonly<Record<string, SpecState>>;
  readonly packages: Readonly<Record<string, { readonly def: PackageDef; readonly status: PackageStatus }>>;
  readonly delisting: DelistingRequest | undefined;
}

export interface ProductInput {
  readonly params: RulesParams;
  readonly product: ProductDef;
  readonly merchant: MerchantDef;
}

/** Fields every command carries: virtual time (epoch ms), who issued it, and a seller's sub-user if any. */
interface Command {
  readonly at: number;
  readonly by: Actor;
  readonly subUser?: string;
}

export type ProductEvent =
  | (Command & { type: 'editDraft'; changes: Partial<ListingInfo> })
  | (Command & { type: 'submit' })
  | (Command & { type: 'withdraw' })
  | (Command & { type: 'approve' })
  | (Command & { type: 'reject'; reason?: string })
  | (Command & { type: 'list' })
  | (Command & { type: 'submitChange'; changes: Partial<ListingInfo> })
  | (Command & { type: 'addPackage'; package: PackageDef })
  | (Command & { type: 'delistPackage'; packageId: string })
  | (Command & { type: 'deletePackage'; packageId: string })
  | (Command & { type: 'hide'; spec?: string })
  | (Command & { type: 'unhide'; spec?: string })
  | (Command & { type: 'delist'; spec?: string })
  | (Command & { type: 'requestDelisting'; reason: string; noticeUrl?: string; reviewBusinessDays: number });

/** Effects the machine asks the simulator to carry out (the machine itself never performs them). */
export interface NotifyParams {
  readonly topic: 'reviewResult' | 'delistingReview';
  readonly result: 'approved' | 'rejected';
  readonly channels: readonly string[];
}

function initialContext(input: ProductInput): ProductContext {
  const { product } = input;
  return {
    params: input.params,
    product,
    merchant: input.merchant,
    listing: product.listing,
    liveListing: undefined,
    version: 0,
    hidden: product.hidden,
    specs: Object.fromEntries(product.specs.map((s) => [s.id, { hidden: s.hidden ?? false, discontinued: false }])),
    packages: Object.fromEntries(product.packages.map((p) => [p.id, { def: p, status: 'pendingReview' as const }])),
    delisting: undefined,
  };
}

function withSpec(context: ProductContext, spec: string, change: Partial<SpecState>): ProductContext['specs'] {
  return { ...context.specs, [spec]: { ...context.specs[spec]!, ...change } };
}

function withPackages(context: ProductContext, from: PackageStatus, to: PackageStatus): ProductContext['packages'] {
  return Object.fromEntries(
    Object.entries(context.packages).map(([id, p]) => [id, p.status === from ? { ...p, status: to } : p]),
  );
}

export const productMachine = setup({
  types: {
    context: {} as ProductContext,
    events: {} as ProductEvent,
    input: {} as ProductInput,
  },
  guards: {
    bySeller: ({ event }) => 'by' in event && event.by === 'seller',
    byOperator: ({ event }) => 'by' in event && event.by === 'operator',
    /** PUB-9 + PUB-10: the form is complete and the submitter may publish this product. */
    submissionAcceptable: ({ context, event }) =>
      'by' in event &&
      event.by === 'seller' &&
      listingProblems(context.listing, context.product, context.params).length === 0 &&
      publisherProblems(context.product, context.merchant, event.subUser, context.params).length === 0,
    /** PUB-6 + PUB-9: a modification is validated like a first submission, on the edited form. */
    submissionAcceptableForChange: ({ context, event }) =>
      event.type === 'submitChange' &&
      event.by === 'seller' &&
      listingProblems({ ...context.listing, ...event.changes }, context.product, context.params).length === 0,
    /** PUB-3 */
    withdrawableType: ({ context }) => context.params.withdrawableDeliveryTypes.includes(context.product.deliveryType),
    /** PUB-5: image products are listed by an operator, others by the seller (or an operator). */
    mayList: ({ context, event }) =>
      'by' in event &&
      (event.by === 'operator' ||
        (event.by === 'seller' && !context.params.operatorListedDeliveryTypes.includes(context.product.deliveryType))),
    /** PUB-8 */
    sellsPackages: ({ context }) => context.params.packageDeliveryTypes.includes(context.product.deliveryType),
    knownListedPackage: ({ context, event }) =>
      event.type === 'delistPackage' && context.packages[event.packageId]?.status === 'listed',
    /** HIDE-1: the event names a spec of this product that is still sold. */
    namesLiveSpec: ({ context, event }) =>
      'spec' in event && event.spec !== undefined && context.specs[event.spec]?.discontinued === false,
    namesNoSpec: ({ event }) => !('spec' in event) || event.spec === undefined,
    /** DEL-1 / DEL-3: which delisting flow the profile uses. */
    discontinueFlow: ({ context }) => context.params.delistFlow === 'discontinue',
    reviewFlow: ({ context }) => context.params.delistFlow === 'review',
    /** DEL-1: only general and joint-operation products may be delisted by the seller (koogallery). */
    sellerDelistableClass: ({ context }) => context.params.sellerDelistableClasses.includes(context.product.productClass),
    /** DEL-2: image products are delisted by marketplace staff only (tencent). */
    operatorOnlyDelisting: ({ context }) =>
      context.params.operatorOnlyDelistDeliveryTypes.includes(context.product.deliveryType),
    /** DEL-3: a precise reason and a link to the notice to existing buyers. */
    delistingRequestAcceptable: ({ context }) =>
      context.delisting !== undefined &&
      context.delisting.reason.trim().length >= context.params.delistReasonMinChars &&
      (context.delisting.noticeUrl ?? '').trim().length > 0,
  },
  actions: {
    /** Effect: review results go out on every channel (PUB-7). Carried out by the simulator. */
    notify: (_, _params: NotifyParams) => {},
    applyDraftEdits: assign({
      listing: ({ context, event }) =>
        event.type === 'editDraft' || event.type === 'submitChange' ? { ...context.listing, ...event.changes } : context.listing,
    }),
    publishApprovedVersion: assign({
      liveListing: ({ context }) => context.listing,
      version: ({ context }) => context.version + 1,
      packages: ({ context }) => withPackages(context, 'pendingReview', 'listed'),
    }),
    restoreLiveListing: assign({
      listing: ({ context }) => context.liveListing ?? context.listing,
      packages: ({ context }) =>
        Object.fromEntries(Object.entries(context.packages).filter(([, p]) => p.status !== 'pendingReview')),
    }),
    addPackage: assign({
      packages: ({ context, event }) =>
        event.type === 'addPackage'
          ? { ...context.packages, [event.package.id]: { def: event.package, status: 'pendingReview' as const } }
          : context.packages,
    }),
    delistPackage: assign({
      packages: ({ context, event }) =>
        event.type === 'delistPackage'
          ? { ...context.packages, [event.packageId]: { ...context.packages[event.packageId]!, status: 'delisted' as const } }
          : context.packages,
    }),
    hideProduct: assign({ hidden: true }),
    unhideProduct: assign({ hidden: false }),
    hideSpec: assign({
      specs: ({ context, event }) => ('spec' in event && event.spec ? withSpec(context, event.spec, { hidden: true }) : context.specs),
    }),
    unhideSpec: assign({
      specs: ({ context, event }) => ('spec' in event && event.spec ? withSpec(context, event.spec, { hidden: false }) : context.specs),
    }),
    discontinueSpec: assign({
      specs: ({ context, event }) =>
        'spec' in event && event.spec ? withSpec(context, event.spec, { discontinued: true }) : context.specs,
    }),
    recordDelistingRequest: assign({
      delisting: ({ event }) =>
        event.type === 'requestDelisting'
          ? {
              reason: event.reason,
              noticeUrl: event.noticeUrl,
              requestedAt: event.at,
              reviewBusinessDays: event.reviewBusinessDays,
            }
          : undefined,
    }),
    clearDelistingRequest: assign({ delisting: undefined }),
  },
  delays: {
    /** DEL-3: the platform answers a delisting request after the drawn number of business days. */
    delistingReview: ({ context }) => {
      const request = context.delisting;
      if (!request) return 0;
      const due = addBusinessDays(
        request.requestedAt,
        request.reviewBusinessDays,
        context.params.businessCalendar,
        context.params.settlementUtcOffsetMinutes,
      );
      return due - request.requestedAt;
    },
  },
}).createMachine({
  id: 'product',
  context: ({ input }) => initialContext(input),
  initial: 'draft',
  states: {
    /** 草稿箱 */
    draft: {
      /** PUB-2: nothing is listed, hence sold, before approval. */
      meta: { refuses: { list: ['PUB-2'] } },
      on: {
        editDraft: { guard: 'bySeller', actions: 'applyDraftEdits', meta: { rules: ['PUB-1'] } },
        submit: { guard: 'submissionAcceptable', target: 'pendingReview', meta: { rules: ['PUB-2', 'PUB-9', 'PUB-10'] } },
        hide: [
          { guard: and(['bySeller', 'namesNoSpec']), actions: 'hideProduct', meta: { rules: ['HIDE-1'] } },
          { guard: and(['bySeller', 'namesLiveSpec']), actions: 'hideSpec', meta: { rules: ['HIDE-1'] } },
        ],
        unhide: [
          { guard: and(['bySeller', 'namesNoSpec']), actions: 'unhideProduct', meta: { rules: ['HIDE-1'] } },
          { guard: and(['bySeller', 'namesLiveSpec']), actions: 'unhideSpec', meta: { rules: ['HIDE-1'] } },
        ],
      },
    },
    /** 待审核: the first publication's application (我的申请). */
    pendingReview: {
      meta: { refuses: { list: ['PUB-2'] } },
      on: {
        withdraw: { guard: and(['bySeller', 'withdrawableType']), target: 'draft', meta: { rules: ['PUB-3'] } },
        approve: {
          guard: 'byOperator',
          target: 'approved',
          actions: [
            'publishApprovedVersion',
            { type: 'notify', params: ({ context }) => reviewNotice('approved', context) },
          ],
          meta: { rules: ['PUB-4', 'PUB-7'] },
        },
        reject: {
          guard: 'byOperator',
          target: 'rejected',
          actions: { type: 'notify', params: ({ context }) => reviewNotice('rejected', context) },
          meta: { rules: ['PUB-4', 'PUB-7'] },
        },
      },
    },
    /** 驳回: the latest rejected application can be edited and resubmitted (PUB-4). */
    rejected: {
      meta: { refuses: { list: ['PUB-2'] } },
      on: {
        editDraft: { guard: 'bySeller', actions: 'applyDraftEdits', meta: { rules: ['PUB-4'] } },
        submit: { guard: 'submissionAcceptable', target: 'pendingReview', meta: { rules: ['PUB-4', 'PUB-9', 'PUB-10'] } },
      },
    },
    /** 审核通过, not yet on sale. */
    approved: {
      on: {
        list: { guard: 'mayList', target: 'listed', meta: { rules: ['PUB-5'] } },
        hide: [
          { guard: and(['bySeller', 'namesNoSpec']), actions: 'hideProduct', meta: { rules: ['HIDE-1'] } },
          { guard: and(['bySeller', 'namesLiveSpec']), actions: 'hideSpec', meta: { rules: ['HIDE-1'] } },
        ],
        unhide: [
          { guard: and(['bySeller', 'namesNoSpec']), actions: 'unhideProduct', meta: { rules: ['HIDE-1'] } },
          { guard: and(['bySeller', 'namesLiveSpec']), actions: 'unhideSpec', meta: { rules: ['HIDE-1'] } },
        ],
      },
    },
    /** 上架: on sale; a change under review and a delisting request run alongside. */
    listed: {
      type: 'parallel',
      /** PUB-8: a listed package can never be deleted, only delisted. */
      meta: { refuses: { deletePackage: ['PUB-8'] } },
      on: {
        hide: [
          { guard: and(['bySeller', 'namesNoSpec']), actions: 'hideProduct', meta: { rules: ['HIDE-1', 'HIDE-2', 'HIDE-3'] } },
          { guard: and(['bySeller', 'namesLiveSpec']), actions: 'hideSpec', meta: { rules: ['HIDE-1', 'HIDE-2', 'HIDE-3'] } },
        ],
        unhide: [
          { guard: and(['bySeller', 'namesNoSpec']), actions: 'unhideProduct', meta: { rules: ['HIDE-1', 'HIDE-3'] } },
          { guard: and(['bySeller', 'namesLiveSpec']), actions: 'unhideSpec', meta: { rules: ['HIDE-1', 'HIDE-3'] } },
        ],
        delist: [
          { guard: 'namesLiveSpec', actions: 'discontinueSpec', meta: { rules: ['DEL-1'] } },
          { guard: and(['byOperator', 'namesNoSpec', 'discontinueFlow']), target: 'discontinued', meta: { rules: ['DEL-1'] } },
          { guard: and(['byOperator', 'namesNoSpec', 'reviewFlow']), target: 'delisted', meta: { rules: ['DEL-2', 'DEL-4'] } },
          {
            guard: and(['bySeller', 'namesNoSpec', 'discontinueFlow', 'sellerDelistableClass']),
            target: 'discontinued',
            meta: { rules: ['DEL-1'] },
          },
        ],
        delistPackage: { guard: and(['bySeller', 'knownListedPackage']), actions: 'delistPackage', meta: { rules: ['PUB-8'] } },
      },
      states: {
        change: {
          initial: 'idle',
          states: {
            idle: {
              /** PUB-8: packages are added while modifying, i.e. with a change under review. */
              meta: { refuses: { addPackage: ['PUB-8'] } },
              on: {
                submitChange: {
                  guard: 'submissionAcceptableForChange',
                  target: 'pendingReview',
                  actions: 'applyDraftEdits',
                  meta: { rules: ['PUB-6', 'PUB-9'] },
                },
              },
            },
            /** A modification (修改) under review; the live version stays on sale (PUB-6). */
            pendingReview: {
              on: {
                addPackage: { guard: and(['bySeller', 'sellsPackages']), actions: 'addPackage', meta: { rules: ['PUB-8'] } },
                withdraw: {
                  guard: and(['bySeller', 'withdrawableType']),
                  target: 'idle',
                  actions: 'restoreLiveListing',
                  meta: { rules: ['PUB-3'] },
                },
                approve: {
                  guard: 'byOperator',
                  target: 'idle',
                  actions: ['publishApprovedVersion', { type: 'notify', params: ({ context }) => reviewNotice('approved', context) }],
                  meta: { rules: ['PUB-6', 'PUB-7'] },
                },
                reject: {
                  guard: 'byOperator',
                  target: 'idle',
                  actions: ['restoreLiveListing', { type: 'notify', params: ({ context }) => reviewNotice('rejected', context) }],
                  meta: { rules: ['PUB-4', 'PUB-7'] },
                },
              },
            },
          },
        },
        delisting: {
          initial: 'none',
          states: {
            none: {
              on: {
                requestDelisting: {
                  guard: and(['bySeller', 'reviewFlow', not('operatorOnlyDelisting'), 'sellerDelistableClass']),
                  target: 'underReview',
                  actions: 'recordDelistingRequest',
                  meta: { rules: ['DEL-3', 'DEL-2'] },
                },
              },
            },
            /** DEL-3: the platform reviews within 1–3 business days; the product stays on sale meanwhile. */
            underReview: {
              after: {
                delistingReview: [
                  {
                    guard: 'delistingRequestAcceptable',
                    target: '#product.delisted',
                    actions: { type: 'notify', params: { topic: 'delistingReview', result: 'approved', channels: ['inSite'] } },
                    meta: { rules: ['DEL-3', 'DEL-4'] },
                  },
                  {
                    target: 'none',
                    actions: [
                      'clearDelistingRequest',
                      { type: 'notify', params: { topic: 'delistingReview', result: 'rejected', channels: ['inSite'] } },
                    ],
                    meta: { rules: ['DEL-3'] },
                  },
                ],
              },
            },
          },
        },
      },
    },
    /** 已停售 (koogallery): irreversible; existing buyers keep their term (DEL-1, DEL-5). */
    discontinued: { type: 'final', meta: { refusedBy: ['DEL-1'] } },
    /** 已下架 / 永久下线 (tencent): no new purchases, link dead, irreversible (DEL-3, DEL-4). */
    delisted: { type: 'final', meta: { refusedBy: ['DEL-4'] } },
  },
});

function reviewNotice(result: NotifyParams['result'], context: ProductContext): NotifyParams {
  return { topic: 'reviewResult', result, channels: context.params.reviewNotificationChannels };
}
