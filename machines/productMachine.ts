// Product lifecycle: draft → review → listed → hidden / delisted, for both platform profiles.
// Rules PUB-1..12, HIDE-1..3, DEL-1..7 of ../shared/RULES.md (sections PUB, HIDE, DEL), with STL-5 (reconciled
// before delisting) and INT-1 (saved interface test cases replayed at publication, modification, review and
// periodically).
import { and, assign, not, or, setup } from 'xstate';
import type { ListingInfo, MerchantDef, PackageDef, ProductDef } from './catalog.js';
import type { InterfaceReplay, MerchantNoticeParams, ReplayInterfaceTestsParams } from './contracts.js';
import { buyerNoticeProblems, delistingEffectiveAt, reviewDueAt, unconfirmedSettlements, type BuyerNotice } from './delistingChecks.js';
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
  /** DEL-1/DEL-3: a single spec, or the whole product when absent. */
  readonly spec: string | undefined;
  /** DEL-6: the notice to existing buyers the request relies on. */
  readonly notice: BuyerNotice | undefined;
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
  /** HIDE-1: hiding or unhiding waiting in a modification application (koogallery), applied on approval. */
  readonly pendingVisibility: PendingVisibility | undefined;
  /** STL-5: the orders whose pending settlement the seller reconciled and confirmed. */
  readonly confirmedSettlements: readonly string[];
  /** INT-1: the latest replay of the saved interface test cases. */
  readonly interfaceReplay: InterfaceReplay | undefined;
  /** INT-1: periodic replays the platform has started (a due replay changes the snapshot, so it is logged as taken). */
  readonly periodicReplays: number;
}

/** HIDE-1: the product's and specs' hidden flags a pending modification sets. */
export interface PendingVisibility {
  readonly hidden?: boolean;
  readonly specs: Readonly<Record<string, boolean>>;
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
  | (Command & { type: 'submit'; interfaceReplay?: InterfaceReplay })
  | (Command & { type: 'withdraw' })
  | (Command & { type: 'approve'; interfaceReplay?: InterfaceReplay })
  | (Command & { type: 'reject'; reason?: string })
  | (Command & { type: 'list' })
  | (Command & { type: 'submitChange'; changes: Partial<ListingInfo>; interfaceReplay?: InterfaceReplay })
  | (Command & { type: 'addPackage'; package: PackageDef })
  | (Command & { type: 'delistPackage'; packageId: string })
  | (Command & { type: 'deletePackage'; packageId: string })
  | (Command & { type: 'hide'; spec?: string })
  | (Command & { type: 'unhide'; spec?: string })
  | (Command & { type: 'delist'; spec?: string; pendingSettlements?: readonly string[] })
  | (Command & {
      type: 'requestDelisting';
      spec?: string;
      reason: string;
      noticeUrl?: string;
      reviewBusinessDays: number;
      notice?: BuyerNotice;
      pendingSettlements?: readonly string[];
    })
  /** STL-5: the seller reconciles and confirms the settlements pending now (the simulator joins their order ids). */
  | (Command & { type: 'confirmSettlements'; pendingSettlements?: readonly string[] })
  /** PUB-12: operations (运营) edit the listed product's information in the console. */
  | (Command & { type: 'editByOperator'; changes: Partial<ListingInfo> })
  /** INT-1: the platform's periodic replay of the saved interface test cases (the simulator joins the outcome). */
  | (Command & { type: 'replayInterfaceTests'; interfaceReplay?: InterfaceReplay });

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
    pendingVisibility: undefined,
    confirmedSettlements: [],
    interfaceReplay: undefined,
    periodicReplays: 0,
  };
}

/** HIDE-1: the hide or unhide folded into the pending modification's visibility. */
function withPendingVisibility(context: ProductContext, event: ProductEvent): PendingVisibility | undefined {
  if (event.type !== 'hide' && event.type !== 'unhide') return context.pendingVisibility;
  const hidden = event.type === 'hide';
  const pending = context.pendingVisibility ?? { specs: {} };
  return event.spec === undefined ? { ...pending, hidden } : { ...pending, specs: { ...pending.specs, [event.spec]: hidden } };
}

/** PUB-12: the pending modification moves the product or a spec between hidden and public sale. */
function changesSaleStatus(context: ProductContext): boolean {
  const pending = context.pendingVisibility;
  if (!pending) return false;
  if (pending.hidden !== undefined && pending.hidden !== context.hidden) return true;
  return Object.entries(pending.specs).some(([spec, hidden]) => context.specs[spec]?.hidden !== hidden);
}

function merchantNotice(context: ProductContext, notice: MerchantNoticeParams['notice'], cause: MerchantNoticeParams['cause']): MerchantNoticeParams {
  return { merchantId: context.product.merchantId, productId: context.product.id, notice, cause };
}

/** The review's end of the pending delisting request (DEL-3). */
function delistingReviewEnd(request: DelistingRequest, context: ProductContext): number {
  return reviewDueAt(request.requestedAt, request.reviewBusinessDays, context.params);
}

/**
 * A delay no run reaches (a run ends at a safe integer, this lands past every one): the periodic replay is off when
 * its period is 0, where a zero delay would fire forever.
 */
const NEVER_MS = 2 * Number.MAX_SAFE_INTEGER;

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
    /** INT-1: the saved interface test cases, replayed for this command, passed (absent: the product has none). */
    interfaceTestsPass: ({ event }) => !('interfaceReplay' in event) || event.interfaceReplay === undefined || event.interfaceReplay.ok,
    bySystem: ({ event }) => 'by' in event && event.by === 'system',
    /** HIDE-1: hiding a listed product is a modification application (koogallery); tencent hides at once (HIDE-3). */
    hideByModification: ({ context }) => context.params.hideListedByModification,
    /** PUB-12 */
    changesSaleStatus: ({ context }) => changesSaleStatus(context),
    merchantNoticesOn: ({ context }) => context.params.merchantNotices,
    /** STL-5: every pending settlement of the product is reconciled and confirmed (a spec leaves the product on sale). */
    settlementsReconciled: ({ context, event }) =>
      (event.type !== 'delist' && event.type !== 'requestDelisting') ||
      event.spec !== undefined ||
      unconfirmedSettlements(event.pendingSettlements, context.confirmedSettlements, context.params).length === 0,
    /** DEL-6 / DEL-7: a valid notice to every existing buyer was published, the notice period ahead. */
    buyerNoticeValid: ({ context, event }) =>
      event.type === 'requestDelisting' && buyerNoticeProblems(event.notice, event.at, context.params).length === 0,
    /** DEL-1 / DEL-3: a request names the whole product or a spec still on sale. */
    requestNamesProductOrLiveSpec: ({ context, event }) =>
      event.type === 'requestDelisting' && (event.spec === undefined || context.specs[event.spec]?.discontinued === false),
    delistingRequestForSpec: ({ context }) => context.delisting?.spec !== undefined,
    /** DEL-7: the buyer notice stated a later effective time than the review's end. */
    delistingTakesEffectLater: ({ context }) => {
      const request = context.delisting;
      if (!request) return false;
      const end = delistingReviewEnd(request, context);
      return delistingEffectiveAt(end, request.notice) > end;
    },
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
    /** Effect: a merchant notice (PUB-12); the log line is the notice. */
    noticeMerchant: (_, _params: MerchantNoticeParams) => {},
    /** Effect: the periodic replay of the saved interface test cases is due (INT-1); the simulator runs it. */
    replayInterfaceTests: (_, _params: ReplayInterfaceTestsParams) => {},
    countPeriodicReplay: assign({ periodicReplays: ({ context }) => context.periodicReplays + 1 }),
    recordPendingVisibility: assign({ pendingVisibility: ({ context, event }) => withPendingVisibility(context, event) }),
    applyPendingVisibility: assign(({ context }) => {
      const pending = context.pendingVisibility;
      if (!pending) return {};
      const specs = Object.fromEntries(
        Object.entries(context.specs).map(([id, spec]) => [id, id in pending.specs ? { ...spec, hidden: pending.specs[id]! } : spec]),
      );
      return { hidden: pending.hidden ?? context.hidden, specs, pendingVisibility: undefined };
    }),
    recordConfirmedSettlements: assign({
      confirmedSettlements: ({ context, event }) =>
        event.type === 'confirmSettlements' ? [...new Set([...context.confirmedSettlements, ...(event.pendingSettlements ?? [])])] : context.confirmedSettlements,
    }),
    applyOperatorEdit: assign(({ context, event }) =>
      event.type === 'editByOperator'
        ? { listing: { ...context.listing, ...event.changes }, liveListing: { ...(context.liveListing ?? context.listing), ...event.changes } }
        : {},
    ),
    recordInterfaceReplay: assign({
      interfaceReplay: ({ context, event }) => ('interfaceReplay' in event && event.interfaceReplay ? event.interfaceReplay : context.interfaceReplay),
    }),
    discontinueRequestedSpec: assign({
      specs: ({ context }) => (context.delisting?.spec !== undefined ? withSpec(context, context.delisting.spec, { discontinued: true }) : context.specs),
    }),
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
      pendingVisibility: undefined,
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
              spec: event.spec,
              notice: event.notice,
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
      return request ? delistingReviewEnd(request, context) - request.requestedAt : 0;
    },
    /** DEL-7: an approved delisting waits for the effective time the buyer notice stated. */
    delistingEffective: ({ context }) => {
      const request = context.delisting;
      if (!request) return 0;
      const end = delistingReviewEnd(request, context);
      return delistingEffectiveAt(end, request.notice) - end;
    },
    /** INT-1: the platform's replay period (0: never), for products that have saved interface test cases. */
    interfaceTestReplay: ({ context }) =>
      context.params.interfaceTestDeliveryTypes.includes(context.product.deliveryType) && context.params.interfaceTestReplayPeriodMs > 0
        ? context.params.interfaceTestReplayPeriodMs
        : NEVER_MS,
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
        submit: {
          guard: and(['submissionAcceptable', 'interfaceTestsPass']),
          target: 'pendingReview',
          meta: { rules: ['PUB-2', 'PUB-9', 'PUB-10', 'PUB-11', 'INT-1'] },
        },
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
          guard: and(['byOperator', 'interfaceTestsPass']),
          target: 'approved',
          actions: [
            'publishApprovedVersion',
            { type: 'notify', params: ({ context }) => reviewNotice('approved', context) },
          ],
          meta: { rules: ['PUB-4', 'PUB-7', 'INT-1'] },
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
        submit: {
          guard: and(['submissionAcceptable', 'interfaceTestsPass']),
          target: 'pendingReview',
          meta: { rules: ['PUB-4', 'PUB-9', 'PUB-10', 'PUB-11', 'INT-1'] },
        },
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
        // HIDE-3 (tencent): temporary delisting is instant and reversible; koogallery's is a modification (change region).
        hide: [
          { guard: and(['bySeller', not('hideByModification'), 'namesNoSpec']), actions: 'hideProduct', meta: { rules: ['HIDE-1', 'HIDE-2', 'HIDE-3'] } },
          { guard: and(['bySeller', not('hideByModification'), 'namesLiveSpec']), actions: 'hideSpec', meta: { rules: ['HIDE-1', 'HIDE-2', 'HIDE-3'] } },
        ],
        unhide: [
          { guard: and(['bySeller', not('hideByModification'), 'namesNoSpec']), actions: 'unhideProduct', meta: { rules: ['HIDE-1', 'HIDE-3'] } },
          { guard: and(['bySeller', not('hideByModification'), 'namesLiveSpec']), actions: 'unhideSpec', meta: { rules: ['HIDE-1', 'HIDE-3'] } },
        ],
        // DEL-1..3: a spec is delisted under the same limits as the whole product (who asks, class, platform).
        delist: [
          { guard: and(['byOperator', 'namesLiveSpec']), actions: 'discontinueSpec', meta: { rules: ['DEL-1', 'DEL-2'] } },
          {
            guard: and(['bySeller', 'namesLiveSpec', 'discontinueFlow', 'sellerDelistableClass', not('operatorOnlyDelisting')]),
            actions: 'discontinueSpec',
            meta: { rules: ['DEL-1'] },
          },
          { guard: and(['byOperator', 'namesNoSpec', 'discontinueFlow', 'settlementsReconciled']), target: 'discontinued', meta: { rules: ['DEL-1', 'STL-5'] } },
          { guard: and(['byOperator', 'namesNoSpec', 'reviewFlow', 'settlementsReconciled']), target: 'delisted', meta: { rules: ['DEL-2', 'DEL-4', 'STL-5'] } },
          {
            guard: and(['bySeller', 'namesNoSpec', 'discontinueFlow', 'sellerDelistableClass', not('operatorOnlyDelisting'), 'settlementsReconciled']),
            target: 'discontinued',
            meta: { rules: ['DEL-1', 'STL-5'] },
          },
        ],
        confirmSettlements: { guard: or(['bySeller', 'byOperator']), actions: 'recordConfirmedSettlements', meta: { rules: ['STL-5'] } },
        editByOperator: [
          {
            guard: and(['byOperator', 'merchantNoticesOn']),
            actions: ['applyOperatorEdit', { type: 'noticeMerchant', params: ({ context }) => merchantNotice(context, 'productInfoChanged', 'operatorEdit') }],
            meta: { rules: ['PUB-12'] },
          },
          { guard: 'byOperator', actions: 'applyOperatorEdit' },
        ],
        replayInterfaceTests: { guard: 'bySystem', actions: 'recordInterfaceReplay', meta: { rules: ['INT-1'] } },
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
                  guard: and(['submissionAcceptableForChange', 'interfaceTestsPass']),
                  target: 'pendingReview',
                  actions: 'applyDraftEdits',
                  meta: { rules: ['PUB-6', 'PUB-9', 'PUB-11', 'INT-1'] },
                },
                hide: {
                  guard: and(['bySeller', 'hideByModification', or(['namesNoSpec', 'namesLiveSpec'])]),
                  target: 'pendingReview',
                  actions: 'recordPendingVisibility',
                  meta: { rules: ['HIDE-1', 'PUB-6'] },
                },
                unhide: {
                  guard: and(['bySeller', 'hideByModification', or(['namesNoSpec', 'namesLiveSpec'])]),
                  target: 'pendingReview',
                  actions: 'recordPendingVisibility',
                  meta: { rules: ['HIDE-1', 'PUB-6'] },
                },
              },
              /** INT-1: the platform replays the saved interface test cases periodically. */
              after: {
                interfaceTestReplay: {
                  target: 'idle',
                  reenter: true,
                  actions: [
                    'countPeriodicReplay',
                    {
                      type: 'replayInterfaceTests',
                      params: ({ context }) => ({ productId: context.product.id, merchantId: context.product.merchantId }),
                    },
                  ],
                  meta: { rules: ['INT-1'] },
                },
              },
            },
            /** A modification (修改) under review; the live version stays on sale (PUB-6). */
            pendingReview: {
              on: {
                addPackage: { guard: and(['bySeller', 'sellsPackages']), actions: 'addPackage', meta: { rules: ['PUB-8'] } },
                /** HIDE-1: hiding joins the modification under review. */
                hide: {
                  guard: and(['bySeller', 'hideByModification', or(['namesNoSpec', 'namesLiveSpec'])]),
                  actions: 'recordPendingVisibility',
                  meta: { rules: ['HIDE-1', 'PUB-6'] },
                },
                unhide: {
                  guard: and(['bySeller', 'hideByModification', or(['namesNoSpec', 'namesLiveSpec'])]),
                  actions: 'recordPendingVisibility',
                  meta: { rules: ['HIDE-1', 'PUB-6'] },
                },
                withdraw: {
                  guard: and(['bySeller', 'withdrawableType']),
                  target: 'idle',
                  actions: 'restoreLiveListing',
                  meta: { rules: ['PUB-3'] },
                },
                approve: [
                  {
                    guard: and(['byOperator', 'interfaceTestsPass', 'changesSaleStatus', 'merchantNoticesOn']),
                    target: 'idle',
                    actions: [
                      { type: 'noticeMerchant', params: ({ context }) => merchantNotice(context, 'productCreationOpening101', 'saleStatusChanged') },
                      'publishApprovedVersion',
                      'applyPendingVisibility',
                      { type: 'notify', params: ({ context }) => reviewNotice('approved', context) },
                    ],
                    meta: { rules: ['PUB-6', 'PUB-7', 'HIDE-1', 'PUB-12', 'INT-1'] },
                  },
                  {
                    guard: and(['byOperator', 'interfaceTestsPass']),
                    target: 'idle',
                    actions: ['publishApprovedVersion', 'applyPendingVisibility', { type: 'notify', params: ({ context }) => reviewNotice('approved', context) }],
                    meta: { rules: ['PUB-6', 'PUB-7', 'INT-1'] },
                  },
                ],
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
                  guard: and([
                    'bySeller',
                    'reviewFlow',
                    not('operatorOnlyDelisting'),
                    'sellerDelistableClass',
                    'requestNamesProductOrLiveSpec',
                    'buyerNoticeValid',
                    'settlementsReconciled',
                  ]),
                  target: 'underReview',
                  actions: 'recordDelistingRequest',
                  meta: { rules: ['DEL-3', 'DEL-2', 'DEL-6', 'DEL-7', 'STL-5'] },
                },
              },
            },
            /** DEL-3: the platform reviews within 1–3 business days; the product stays on sale meanwhile. */
            underReview: {
              after: {
                delistingReview: [
                  {
                    guard: and(['delistingRequestAcceptable', 'delistingRequestForSpec']),
                    target: 'none',
                    actions: [
                      'discontinueRequestedSpec',
                      'clearDelistingRequest',
                      { type: 'notify', params: { topic: 'delistingReview', result: 'approved', channels: ['inSite'] } },
                    ],
                    meta: { rules: ['DEL-3', 'DEL-1'] },
                  },
                  {
                    guard: and(['delistingRequestAcceptable', 'delistingTakesEffectLater']),
                    target: 'approved',
                    actions: { type: 'notify', params: { topic: 'delistingReview', result: 'approved', channels: ['inSite'] } },
                    meta: { rules: ['DEL-3', 'DEL-7'] },
                  },
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
            /** DEL-7: approved; on sale until the effective time the buyer notice stated. */
            approved: {
              after: { delistingEffective: { target: '#product.delisted', meta: { rules: ['DEL-4', 'DEL-7'] } } },
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
