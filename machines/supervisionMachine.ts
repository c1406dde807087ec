// Service supervision (服务监管) of one paid order, from the service order to acceptance, for every delivery type.
// Rules SUP-1..12 of ../shared/RULES.md (section SUP). One machine with typed flows: the flows share their
// nodes (implementing, awaiting acceptance, completed) and the appeals region, so one machine reads better
// than seven copies; the flow is chosen once, from the order, when the service order opens.
import { and, assign, enqueueActions, not, setup, stateIn } from 'xstate';
import { NO_ITEMS, type MerchantNoticeParams } from './contracts.js';
import type { Actor, DeliveryType, LicenseMode } from './domain.js';
import type { RulesParams } from './rules.js';
import { localDate } from './time.js';
import { settlementMonth, supervisionFlow, validityEnd, type OrderPeriod, type SupervisionFlow } from './supervisionFlow.js';

/** SUP-8: an appeal (申诉) by a party; open until the platform resolves it (or its author withdraws it). */
export interface Appeal {
  readonly id: string;
  readonly by: 'seller' | 'buyer';
  readonly reason: string;
  readonly openedAt: number;
  readonly resolvedAt?: number;
  readonly outcome?: string;
}

export interface Logistics {
  readonly carrier?: string;
  readonly trackingNo?: string;
  /** SUP-5: the recipient phone on the waybill; tracking (and auto-acceptance) needs it to be the buyer's. */
  readonly recipientPhone: string;
}

export interface SupervisionInput {
  readonly params: RulesParams;
  readonly orderId: string;
  readonly productId: string;
  readonly merchantId: string;
  readonly buyerId: string;
  readonly deliveryType: DeliveryType;
  readonly licenseMode?: LicenseMode;
  /** SUP-4: the order is an enablement-cloud (赋能云) order; taken from the buyer (see README). */
  readonly enablementCloud: boolean;
  /** SUP-5: the phone the buyer filled in for delivery. */
  readonly buyerPhone: string;
  readonly orderedAt: number;
  /** SUP-9: what the order bought, for the validity end; absent for per-use and hourly orders. */
  readonly period?: OrderPeriod;
  /** SUP-12: a site-building (建站类) product, whose supervision messages notify the merchant. */
  readonly siteBuilding?: boolean;
}

export interface SupervisionContext extends SupervisionInput {
  readonly flow: SupervisionFlow;
  /** SUP-1/SUP-2: how often the seller rejected the requirement back; unbounded. */
  readonly rejections: number;
  readonly requirement?: string;
  readonly deliveredAt?: number;
  /** SUP-9: the actual opening time (实际开通时间) the seller filled in, or the code activation time (SUP-4). */
  readonly openedAt?: number;
  readonly documents: readonly string[];
  readonly logistics?: Logistics;
  readonly signedOffAt?: number;
  /** SUP-5: reminders the seller sent after tracking failed. */
  readonly reminders: number;
  readonly acceptedAt?: number;
  readonly acceptedBy?: 'buyer' | 'system';
  readonly completedAt?: number;
  readonly appeals: readonly Appeal[];
  /** SUP-4 / SUP-11: when the seller activated the online authorisation code. */
  readonly activatedAt?: number;
  /** SUP-11: delivery-file proof (交付文件证明) the merchant uploaded after activating the authorisation code. */
  readonly deliveryProof: readonly string[];
}

/** Fields every command carries: virtual time (epoch ms) and who issued it. */
interface Command {
  readonly at: number;
  readonly by: Actor;
}

export type SupervisionEvent =
  | (Command & { type: 'openSupervision' })
  | (Command & { type: 'submitRequirement'; requirement?: string })
  | (Command & { type: 'confirmRequirement' })
  | (Command & { type: 'rejectRequirement'; reason?: string })
  | (Command & { type: 'deliver'; openedAt?: number; documents?: readonly string[]; deliveryInfo?: string })
  | (Command & { type: 'ship'; carrier?: string; trackingNo?: string; recipientPhone?: string })
  | (Command & { type: 'courierSignedOff' })
  | (Command & { type: 'remindBuyer' })
  | (Command & { type: 'activateAuthCode'; code?: string })
  | (Command & { type: 'uploadDeliveryProof'; documents?: readonly string[] })
  | (Command & { type: 'acceptDelivery' })
  | (Command & { type: 'openAppeal'; reason: string })
  | (Command & { type: 'resolveAppeal'; appealId?: string; outcome?: string })
  /** The order behind this service order was refunded before acceptance (sent by the system). */
  | (Command & { type: 'orderRefunded' });

/** Effect `supervisionCompleted` (sim/contracts.ts SupervisionCompletedParams): read by orders and settlement. */
export interface SupervisionCompletion {
  readonly orderId: string;
  readonly productId: string;
  readonly merchantId: string;
  readonly buyerId: string;
  readonly deliveryType: DeliveryType;
  readonly completedAt: number;
  readonly acceptedAt: number;
  readonly acceptedBy: 'buyer' | 'system';
  /** SUP-9 */
  readonly validFrom: number;
  readonly validUntil?: number;
  /** SUP-9 for readers of the log: "2024-01-01..2024-02-01" (UTC+8 dates; open-ended without a period). */
  readonly validity: string;
  /** SUP-10: "YYYY-MM" of the settlement that bills this order. */
  readonly settlementMonth: string;
  /** SUP-8: appeals still open when the flow completed. */
  readonly openAppeals: number;
}

/** Effect `remindBuyer` (SUP-5): the seller reminds the buyer to accept when tracking fails. */
export interface RemindBuyerParams {
  readonly orderId: string;
  readonly buyerId: string;
}

/** Anything time-stamped: the engine stamps `at` on every event, timers included. */
const atOf = (event: { type: string }): number => (event as { at?: number }).at ?? 0;

const digits = (phone: string): string => phone.replace(/\D/g, '');

export const openAppeals = (context: SupervisionContext): readonly Appeal[] =>
  context.appeals.filter((a) => a.resolvedAt === undefined);

function completion(context: SupervisionContext): SupervisionCompletion {
  const completedAt = context.completedAt!;
  const validFrom = context.openedAt ?? context.acceptedAt!; // SUP-9
  const validUntil = validityEnd(validFrom, context.period, context.params);
  const offset = context.params.settlementUtcOffsetMinutes;
  return {
    orderId: context.orderId,
    productId: context.productId,
    merchantId: context.merchantId,
    buyerId: context.buyerId,
    deliveryType: context.deliveryType,
    completedAt,
    acceptedAt: context.acceptedAt!,
    acceptedBy: context.acceptedBy!,
    validFrom,
    ...(validUntil !== undefined ? { validUntil } : {}),
    validity: `${localDate(validFrom, offset)}..${validUntil !== undefined ? localDate(validUntil, offset) : ''}`,
    settlementMonth: settlementMonth(completedAt, context.params),
    openAppeals: openAppeals(context).length,
  };
}

/** The appeal a `resolveAppeal` names, else the oldest open one. */
function targetAppeal(context: SupervisionContext, event: SupervisionEvent): Appeal | undefined {
  if (event.type !== 'resolveAppeal') return undefined;
  const open = openAppeals(context);
  return event.appealId === undefined ? open[0] : open.find((a) => a.id === event.appealId);
}

export const supervisionMachine = setup({
  types: {
    context: {} as SupervisionContext,
    events: {} as SupervisionEvent,
    input: {} as SupervisionInput,
  },
  guards: {
    bySeller: ({ event }) => event.by === 'seller',
    byBuyer: ({ event }) => event.by === 'buyer',
    bySystem: ({ event }) => event.by === 'system',
    /** SUP-10: a refunded order's open service order is closed (assumption: the sources are silent). */
    refundCloses: ({ context, event }) => event.by === 'system' && context.params.refundClosesSupervision,
    /** SUP-10: only the delivery types the rules supervise get a service order. */
    supervised: ({ context }) => context.params.supervisedDeliveryTypes.includes(context.deliveryType),
    requirementFlow: ({ context }) => context.flow === 'requirement',
    deliveryFlow: ({ context }) => context.flow === 'delivery',
    appOrchestrationFlow: ({ context }) => context.flow === 'appOrchestration',
    authCodeFlow: ({ context }) => context.flow === 'authCode',
    hardwareFlow: ({ context }) => context.flow === 'hardware',
    /** SUP-6 */
    dataFile: ({ context }) => context.deliveryType === 'dataFile',
    /** SUP-6: a data-file delivery uploads its delivery-acceptance documents. */
    hasDocuments: ({ event }) => event.type === 'deliver' && (event.documents?.length ?? 0) > 0,
    /** SUP-5: the waybill's phone is the buyer's, so the platform can track the parcel. */
    logisticsTracked: ({ context, event }) =>
      event.type === 'ship' && digits(event.recipientPhone ?? context.buyerPhone) === digits(context.buyerPhone),
    /** SUP-4: enablement-cloud (赋能云) orders wait for the buyer after activation. */
    enablementCloud: ({ context }) => context.enablementCloud,
    /** SUP-8: appeals are filed by the two parties while supervision runs. */
    mayAppeal: ({ context, event }) => (event.by === 'seller' || event.by === 'buyer') && context.completedAt === undefined,
    /** SUP-8: the platform arbitrates; the appellant may also withdraw their own appeal. */
    mayResolve: ({ context, event }) => {
      const appeal = targetAppeal(context, event);
      return appeal !== undefined && (event.by === 'operator' || event.by === appeal.by);
    },
    lastOpenAppeal: ({ context }) => openAppeals(context).length === 1,
    /** SUP-11: the authorisation code was activated (the activation time is the opening time, SUP-4). */
    codeActivated: ({ context }) => context.activatedAt !== undefined,
    hasProofDocuments: ({ event }) => event.type === 'uploadDeliveryProof' && (event.documents?.length ?? 0) > 0,
  },
  actions: {
    /** Effect: the completion every later stage reads (SUP-9 validity, SUP-10 settlement month). */
    supervisionCompleted: (_, _params: SupervisionCompletion) => {},
    /** Effect: the seller's reminder to accept manually (SUP-5). */
    remindBuyer: (_, _params: RemindBuyerParams) => {},
    /** SUP-12 (koogallery): supervision messages of site-building and hardware products notify the merchant (101). */
    supervisionNotice: enqueueActions(({ context, enqueue }) => {
      const { params } = context;
      if (!params.merchantNotices || !(context.siteBuilding === true || params.supervisionNoticeDeliveryTypes.includes(context.deliveryType))) return;
      const notice: MerchantNoticeParams = {
        merchantId: context.merchantId,
        productId: context.productId,
        notice: 'productCreationOpening101',
        cause: 'supervisionMessage',
        orderId: context.orderId,
      };
      // Inside `setup` the machine's own action names are not in the enqueue type yet, hence the cast.
      enqueue({ type: 'noticeMerchant', params: notice } as never);
    }),
    recordDeliveryProof: assign({
      deliveryProof: ({ context, event }) => (event.type === 'uploadDeliveryProof' ? [...context.deliveryProof, ...(event.documents ?? [])] : context.deliveryProof),
    }),
    recordRequirement: assign({
      requirement: ({ event }) => (event.type === 'submitRequirement' ? event.requirement : undefined),
    }),
    countReminder: assign({ reminders: ({ context }) => context.reminders + 1 }),
    countRejection: assign({ rejections: ({ context }) => context.rejections + 1 }),
    recordDelivery: assign(({ context, event }) =>
      event.type === 'deliver'
        ? {
            deliveredAt: event.at,
            ...(event.openedAt !== undefined ? { openedAt: event.openedAt } : {}),
            // The same list when nothing is added: most deliveries carry no documents (contracts.ts NO_ITEMS).
            documents: event.documents?.length ? [...context.documents, ...event.documents] : context.documents,
          }
        : {},
    ),
    recordShipment: assign(({ context, event }) =>
      event.type === 'ship'
        ? {
            deliveredAt: event.at,
            logistics: {
              ...(event.carrier !== undefined ? { carrier: event.carrier } : {}),
              ...(event.trackingNo !== undefined ? { trackingNo: event.trackingNo } : {}),
              recipientPhone: event.recipientPhone ?? context.buyerPhone,
            },
          }
        : {},
    ),
    recordSignOff: assign({ signedOffAt: ({ event }) => atOf(event) }),
    /** SUP-4: the actual opening time equals the activation time. */
    recordActivation: assign({ openedAt: ({ event }) => atOf(event), activatedAt: ({ event }) => atOf(event) }),
    acceptByBuyer: assign({ acceptedAt: ({ event }) => atOf(event), acceptedBy: () => 'buyer' as const }),
    acceptBySystem: assign({ acceptedAt: ({ event }) => atOf(event), acceptedBy: () => 'system' as const }),
    markCompleted: assign({ completedAt: ({ event }) => atOf(event) }),
    addAppeal: assign({
      appeals: ({ context, event }) =>
        event.type === 'openAppeal' && (event.by === 'seller' || event.by === 'buyer')
          ? [...context.appeals, { id: `A${context.appeals.length + 1}`, by: event.by, reason: event.reason, openedAt: event.at }]
          : context.appeals,
    }),
    resolveAppeal: assign({
      appeals: ({ context, event }) => {
        const appeal = targetAppeal(context, event);
        const outcome = event.type === 'resolveAppeal' ? event.outcome : undefined;
        return context.appeals.map((a) =>
          a === appeal ? { ...a, resolvedAt: event.at, ...(outcome !== undefined ? { outcome } : {}) } : a,
        );
      },
    }),
  },
  delays: {
    /** SUP-5: the system accepts this long after the courier's sign-off. */
    hardwareAutoAccept: ({ context }) => context.params.hardwareAutoAcceptDelayMs,
    /** SUP-7: 处理中 → 已完成 this long after the buyer accepts. */
    appOrchestrationCompletion: ({ context }) => context.params.appOrchestrationCompletionDelayMs,
  },
}).createMachine({
  id: 'supervision',
  type: 'parallel',
  context: ({ input }) => ({
    ...input,
    flow: supervisionFlow(input.deliveryType, input.licenseMode, input.orderedAt, input.params),
    rejections: 0,
    reminders: 0,
    documents: NO_ITEMS,
    appeals: NO_ITEMS,
    deliveryProof: NO_ITEMS,
  }),
  states: {
    flow: {
      initial: 'created',
      on: {
        /** SUP-11: after activating the code the merchant uploads its delivery-file proof to the service order. */
        uploadDeliveryProof: {
          guard: and(['bySeller', 'codeActivated', 'hasProofDocuments']),
          actions: 'recordDeliveryProof',
          meta: { rules: ['SUP-11'] },
        },
        // SUP-10: no supervision without a paid order; once its order is refunded nothing is left to deliver, accept
        // or settle, so the service order closes wherever it is and its timers (automatic acceptance) stop.
        orderRefunded: {
          guard: and(['refundCloses', not(stateIn({ flow: 'completed' })), not(stateIn({ flow: 'created' }))]),
          target: '.closed',
          meta: { rules: ['SUP-10', 'SUP-5'] },
        },
      },
      states: {
        /** The service order (服务单) exists; opening it picks the flow of the order's delivery type. */
        created: {
          meta: { refuses: { openSupervision: ['SUP-10'], openAppeal: ['SUP-8'] } },
          on: {
            openSupervision: [
              // SUP-12: opening the service order is a supervision message (notified for site-building and hardware).
              { guard: and(['supervised', 'requirementFlow']), target: 'awaitingRequirement', actions: 'supervisionNotice', meta: { rules: ['SUP-1', 'SUP-2', 'SUP-6'] } },
              { guard: and(['supervised', 'deliveryFlow']), target: 'implementing', actions: 'supervisionNotice', meta: { rules: ['SUP-3', 'SUP-4'] } },
              { guard: and(['supervised', 'appOrchestrationFlow']), target: 'implementing', actions: 'supervisionNotice', meta: { rules: ['SUP-7'] } },
              { guard: and(['supervised', 'authCodeFlow']), target: 'authCodeDelivery', actions: 'supervisionNotice', meta: { rules: ['SUP-4'] } },
              { guard: and(['supervised', 'hardwareFlow']), target: 'shipping', actions: 'supervisionNotice', meta: { rules: ['SUP-5'] } },
            ],
          },
        },
        /** 待提交需求: the buyer submits (or resubmits after a rejection) the requirement. */
        awaitingRequirement: {
          on: {
            submitRequirement: {
              guard: 'byBuyer',
              target: 'requirementSubmitted',
              actions: 'recordRequirement',
              meta: { rules: ['SUP-1', 'SUP-2', 'SUP-6'] },
            },
          },
        },
        /** 待确认需求: the seller confirms it, or rejects it back to the buyer to edit (unbounded loop). */
        requirementSubmitted: {
          on: {
            confirmRequirement: { guard: 'bySeller', target: 'implementing', meta: { rules: ['SUP-1', 'SUP-2'] } },
            rejectRequirement: {
              guard: 'bySeller',
              target: 'awaitingRequirement',
              actions: 'countRejection',
              meta: { rules: ['SUP-1', 'SUP-2'] },
            },
          },
        },
        /** 实施中: the seller delivers and fills in the delivery info (optionally the actual opening time). */
        implementing: {
          meta: { refuses: { activateAuthCode: ['SUP-4'] } },
          on: {
            deliver: [
              {
                guard: and(['bySeller', 'dataFile', 'hasDocuments']),
                target: 'awaitingAcceptance',
                actions: 'recordDelivery',
                meta: { rules: ['SUP-6', 'SUP-9'] },
              },
              {
                guard: and(['bySeller', 'appOrchestrationFlow']),
                target: 'awaitingAcceptance',
                actions: 'recordDelivery',
                meta: { rules: ['SUP-7', 'SUP-9'] },
              },
              {
                guard: and(['bySeller', 'deliveryFlow']),
                target: 'awaitingAcceptance',
                actions: 'recordDelivery',
                meta: { rules: ['SUP-3', 'SUP-4', 'SUP-9'] },
              },
              {
                guard: and(['bySeller', 'requirementFlow', not('dataFile')]),
                target: 'awaitingAcceptance',
                actions: 'recordDelivery',
                meta: { rules: ['SUP-1', 'SUP-2', 'SUP-9'] },
              },
            ],
          },
        },
        /** 待验收: the buyer accepts; app orchestration then stays 处理中 until the sync (SUP-7). */
        awaitingAcceptance: {
          meta: { refuses: { activateAuthCode: ['SUP-4'] } },
          on: {
            acceptDelivery: [
              {
                guard: and(['byBuyer', 'appOrchestrationFlow']),
                target: 'finishing',
                actions: 'acceptByBuyer',
                meta: { rules: ['SUP-7', 'SUP-9'] },
              },
              {
                guard: and(['byBuyer', 'requirementFlow']),
                target: 'completed',
                actions: 'acceptByBuyer',
                meta: { rules: ['SUP-1', 'SUP-2', 'SUP-6', 'SUP-9', 'SUP-10'] },
              },
              {
                guard: and(['byBuyer', 'deliveryFlow']),
                target: 'completed',
                actions: 'acceptByBuyer',
                meta: { rules: ['SUP-3', 'SUP-4', 'SUP-9', 'SUP-10'] },
              },
              /** SUP-4: enablement-cloud orders of the new code flow wait for the buyer after activation. */
              {
                guard: and(['byBuyer', 'authCodeFlow']),
                target: 'completed',
                actions: 'acceptByBuyer',
                meta: { rules: ['SUP-4', 'SUP-9', 'SUP-10'] },
              },
            ],
          },
        },
        /** SUP-7: accepted, order still 处理中; 已完成 after the completion delay. */
        finishing: {
          after: { appOrchestrationCompletion: { target: 'completed', meta: { rules: ['SUP-7', 'SUP-10'] } } },
        },
        /** SUP-5: the seller ships and enters the logistics info. */
        shipping: {
          on: {
            ship: [
              { guard: and(['bySeller', 'logisticsTracked']), target: 'delivered.inTransit', actions: 'recordShipment', meta: { rules: ['SUP-5'] } },
              { guard: 'bySeller', target: 'delivered.untracked', actions: 'recordShipment', meta: { rules: ['SUP-5'] } },
            ],
          },
        },
        /** SUP-5: 用户确认验收: the buyer may accept at any point of the delivery. */
        delivered: {
          initial: 'inTransit',
          on: {
            acceptDelivery: { guard: 'byBuyer', target: 'completed', actions: 'acceptByBuyer', meta: { rules: ['SUP-5', 'SUP-9', 'SUP-10'] } },
          },
          states: {
            inTransit: {
              on: {
                courierSignedOff: { guard: 'bySystem', target: 'signedFor', actions: 'recordSignOff', meta: { rules: ['SUP-5'] } },
              },
            },
            /** Signed for by the courier: the system accepts after the delay unless the buyer does first. */
            signedFor: {
              after: {
                hardwareAutoAccept: { target: '#supervision.flow.completed', actions: 'acceptBySystem', meta: { rules: ['SUP-5', 'SUP-10'] } },
              },
            },
            /** Phone mismatch: tracking fails, no sign-off is seen, no automatic acceptance; the seller reminds. */
            untracked: {
              meta: { refuses: { courierSignedOff: ['SUP-5'] } },
              on: {
                remindBuyer: {
                  guard: 'bySeller',
                  actions: ['countReminder', { type: 'remindBuyer', params: ({ context }) => ({ orderId: context.orderId, buyerId: context.buyerId }) }],
                  meta: { rules: ['SUP-5'] },
                },
              },
            },
          },
        },
        /** SUP-4 new flow: the seller delivers; the buyer then sees the code under purchased services. */
        authCodeDelivery: {
          on: { deliver: { guard: 'bySeller', target: 'codeIssued', actions: 'recordDelivery', meta: { rules: ['SUP-4'] } } },
        },
        /** SUP-4: activation through the open API passes the node; non-enablement-cloud orders close at once. */
        codeIssued: {
          on: {
            activateAuthCode: [
              {
                guard: and(['bySeller', 'enablementCloud']),
                target: 'awaitingAcceptance',
                actions: 'recordActivation',
                meta: { rules: ['SUP-4', 'SUP-9'] },
              },
              {
                guard: 'bySeller',
                target: 'completed',
                actions: ['recordActivation', 'acceptBySystem'],
                meta: { rules: ['SUP-4', 'SUP-9', 'SUP-10'] },
              },
            ],
          },
        },
        /** 已关闭: the order was refunded before acceptance; never completed, never settled (SUP-10). */
        closed: {},
        /** 已完成: settled in the next natural month (SUP-10); appeals can no longer be filed (SUP-8). */
        completed: {
          meta: { refuses: { openAppeal: ['SUP-8'] } },
          entry: ['markCompleted', { type: 'supervisionCompleted', params: ({ context }) => completion(context) }, 'supervisionNotice'],
        },
      },
    },
    /** SUP-8: appeals at any node, any time; the flow region keeps its state and its timers meanwhile. */
    appeal: {
      initial: 'none',
      states: {
        none: {
          on: { openAppeal: { guard: and(['mayAppeal', not(stateIn({ flow: 'created' }))]), target: 'open', actions: 'addAppeal', meta: { rules: ['SUP-8'] } } },
        },
        open: {
          on: {
            openAppeal: { guard: 'mayAppeal', actions: 'addAppeal', meta: { rules: ['SUP-8'] } },
            resolveAppeal: [
              { guard: and(['mayResolve', 'lastOpenAppeal']), target: 'none', actions: 'resolveAppeal', meta: { rules: ['SUP-8'] } },
              { guard: 'mayResolve', actions: 'resolveAppeal', meta: { rules: ['SUP-8'] } },
            ],
          },
        },
      },
    },
  },
});
