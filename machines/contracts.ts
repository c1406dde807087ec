// Contracts between machines of different kinds, carried by effects and events through the engine.
// Machines emit these effects (named actions with params); handlers in sim/ carry them out.

/** Endpoints of the merchant's production interface (REN-3..6, INT-1, INT-2). */
export type MerchantEndpoint =
  | 'orderNotify' // REN-6 新购: order number sent, merchant queries the order
  | 'createInstance' // REN-6
  | 'updateInstance' // REN-5 trial → paid, renewal, refund of a renewal
  | 'expireInstance' // REN-3 product expired → merchant freezes
  | 'freezeInstance' // REN-4 status change (expiry, violation)
  | 'releaseInstance' // REN-2 resources deleted after the frozen period
  | 'tenantSync' // INT-2 tenant authorisation sync
  | 'departmentSync'; // INT-2 incremental department sync

/** Every endpoint, for schemas that name some of them. */
export const MERCHANT_ENDPOINTS = [
  'orderNotify',
  'createInstance',
  'updateInstance',
  'expireInstance',
  'freezeInstance',
  'releaseInstance',
  'tenantSync',
  'departmentSync',
] as const satisfies readonly MerchantEndpoint[];

/**
 * Effect `callMerchant`: one attempt at one logical call. `callId` is the idempotency key: the same callId
 * applied twice leaves the merchant's view unchanged (INT-1). Retries are the calling machine's business
 * (its rules decide: REN-3 SaaS retries for an hour, License once; INT-2 the admin decides).
 */
export interface MerchantCallParams {
  readonly callId: string;
  readonly merchantId: string;
  readonly endpoint: MerchantEndpoint;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** Event sent back to the calling entity when an attempt ends. */
export interface MerchantReplyEvent {
  readonly type: 'merchantReplied';
  readonly callId: string;
  readonly ok: boolean;
  readonly error?: string;
  /** The endpoint called, echoed so the caller can tell replies apart without parsing the callId. */
  readonly endpoint?: MerchantEndpoint;
}

/**
 * Effect `productionInterfaceMessage` (生产接口消息, REN-3): a merchant call attempt failed. `givenUp` is true
 * when the caller's retry policy stops here.
 */
export interface ProductionInterfaceMessageParams {
  readonly callId: string;
  readonly merchantId: string;
  readonly endpoint: MerchantEndpoint;
  readonly attempt: number;
  readonly error: string;
  readonly givenUp: boolean;
}

/**
 * Effect `startSupervision`: an order of a supervised delivery type was paid (SUP-10); the handler spawns
 * `supervision:<orderId>`.
 */
export interface StartSupervisionParams {
  readonly orderId: string;
  readonly productId: string;
  readonly merchantId: string;
  readonly buyerId: string;
  readonly orderedAt: number;
  /** SUP-9: the spec bought and how many of its periods, so the validity end can be reported (optional). */
  readonly specId?: string;
  readonly periodCount?: number;
}

/**
 * Effect `supervisionCompleted`: the buyer accepted (or the system did); `validFrom` is the start of the
 * service validity (SUP-9: the filled-in opening time, else the acceptance time). The handler tells the order.
 */
export interface SupervisionCompletedParams {
  readonly orderId: string;
  readonly completedAt: number;
  readonly validFrom: number;
  /** SUP-9: end of validity when the order bought a period. */
  readonly validUntil?: number;
  readonly productId: string;
  readonly merchantId: string;
  readonly buyerId: string;
  readonly deliveryType: string;
  readonly acceptedAt: number;
  readonly acceptedBy: 'buyer' | 'system';
  /** SUP-10 / STL-3: "YYYY-MM" of the settlement that bills the order (completion month + settlementLagMonths, UTC+8). */
  readonly settlementMonth: string;
  /** SUP-8: appeals still open at completion. */
  readonly openAppeals: number;
}

/**
 * Where each fen the buyer paid for an order came from (ORD-7), in deduction order; sums to the order's amount.
 * The exclusive discount is not among them: it lowers the price before anything is drawn and is paid by no one
 * (ORD-3); `LedgerParams.discountFen` records it beside the money.
 */
export interface PaymentSources {
  readonly coupon: number;
  readonly cashCoupons: number;
  readonly balanceCash: number;
  readonly balanceCredit: number;
  readonly monthlySettlement: number;
}

/** Coupons and cash coupons / stored-value cards an order drew on, so the buyer's wallet can be debited. */
export interface PaymentInstruments {
  readonly coupon?: string;
  readonly cashCoupons?: readonly { readonly id: string; readonly amountFen: number }[];
}

/**
 * The instruments of a payment that used none, and the tags of a ledger fact that has none: one frozen object each,
 * shared. Most orders use no coupon and most facts carry no tag; a fresh `{}` for each was ~240 bytes per order of
 * a run's live heap (heap snapshot of a 20k-order run: 56k empty instruments and 31k empty tags).
 */
export const NO_INSTRUMENTS: PaymentInstruments = Object.freeze({});
export const NO_TAGS: LedgerParams['tags'] = Object.freeze({});

/**
 * An empty list in an entity's context, shared: most orders are never renewed and most supervisions get no
 * documents, appeals or proof, and an empty array of its own is 32 bytes an entity a list (docs/performance.md,
 * "the live world, smaller"). Frozen: machines replace lists, never push onto them.
 */
export const NO_ITEMS: readonly never[] = Object.freeze([]);

/**
 * Effect `ledger`: one money fact (an order, a refund order, or an hour of on-demand usage). Settlement is
 * computed from these alone. Refunds are negative; `relatesTo` names the order a refund reverses.
 */
export interface LedgerParams {
  readonly entry: 'order' | 'refund' | 'usage';
  readonly orderId: string;
  readonly orderType: 'purchase' | 'renewal' | 'refund';
  readonly relatesTo?: string;
  readonly merchantId: string;
  readonly productId: string;
  readonly specId: string;
  readonly buyerId: string;
  readonly deliveryType: string;
  readonly chargingMode: string;
  readonly amountFen: number;
  readonly at: number;
  /** When the service this money pays for starts (renewals: the old expiry; supervised orders: unknown yet). */
  readonly effectiveFrom?: number;
  /** Prepaid duration (ORD-9): `periods` × `periodUnit`. */
  readonly periodUnit?: 'month' | 'year';
  readonly periods?: number;
  readonly paymentSources: PaymentSources;
  readonly instruments?: PaymentInstruments;
  /**
   * ORD-3 / ORD-11: what the exclusive discount took off the list price. Not money: it is in neither `amountFen`
   * nor `paymentSources`, and settlement never reads it.
   */
  readonly discountFen?: number;
  readonly tags: {
    /** REF-1: a five-day no-reason refund (tencent). */
    readonly noReasonRefund?: boolean;
    /** REF-2: the re-order corresponding to a no-reason refund (its `relatesTo` is the refunded order). */
    readonly reorderOfNoReasonRefund?: boolean;
    /** REF-4: the refunded order (or renewal) had not taken effect. */
    readonly notYetEffective?: boolean;
    /** ORD-10: the system unsubscribed an order whose resources failed to be created. */
    readonly autoUnsubscribed?: boolean;
    /** REF-3: the exception reason operations entered. */
    readonly refundReason?: string;
  };
  /** ORD-8: one billed hour of one image on one disk. */
  readonly usage?: { readonly hours: number; readonly unitPriceFen: number; readonly periodStart: number };
}

/** Effect `invoiceIssued` (ORD-14): the merchant issued the order's invoice; an electronic one reaches the buyer so. */
export interface InvoiceIssuedParams {
  readonly orderId: string;
  readonly merchantId: string;
  readonly buyerId: string;
  readonly electronic: boolean;
  /** Where an electronic invoice is sent (SMS, email); empty for a paper one. */
  readonly channels: readonly string[];
}

/**
 * Effect `interfaceFailureEmail` (INT-3, 调用失败通知邮件): a call to the merchant's instance-status interface
 * failed; the notice goes to the merchant's addresses named by role (the log line is the e-mail).
 */
export interface InterfaceFailureEmailParams {
  readonly merchantId: string;
  readonly callId: string;
  readonly endpoint: MerchantEndpoint;
  readonly to: readonly string[];
}

/** Effect `interfaceFixNotified` (INT-4): the merchant told the marketplace its interface is fixed; nothing is re-sent. */
export interface InterfaceFixNotifiedParams {
  readonly merchantId: string;
  readonly orderId: string;
  /** The failed call the merchant read under 卖家中心 > 生产接口消息 (异常信息). */
  readonly callId: string;
}

/** Effect `orderRefunded` (SUP-10): a supervised order was refunded; the handler tells `supervision:<orderId>`. */
export interface OrderRefundedParams {
  readonly orderId: string;
}

/** Effect `autoRenewDue` (REN-1): the handler places a renewal order for the entity now. */
export interface AutoRenewDueParams {
  readonly orderId: string;
  readonly periods: number;
}

/**
 * Effect `noticeMerchant` (koogallery 商家消息通知): a notice to the merchant; the log line is the notice.
 * PUB-12: the sale status was adjusted between hidden and public (产品创建开通通知(101)), or operations edited the
 * product's information (产品信息变更通知). SUP-12: a product (a service product, or any product) was bought, or a
 * site-building or hardware product's supervision sent a message (both 101).
 */
export interface MerchantNoticeParams {
  readonly merchantId: string;
  readonly productId: string;
  readonly notice: 'productCreationOpening101' | 'productInfoChanged';
  readonly cause: 'saleStatusChanged' | 'operatorEdit' | 'purchased' | 'servicePurchased' | 'supervisionMessage';
  readonly orderId?: string;
}

/**
 * INT-1: the outcome of replaying a product's saved interface test cases against the merchant's interface (each
 * case sent twice: the interface must tolerate repeated calls). Joined into product commands by the simulator.
 */
export interface InterfaceReplay {
  readonly ok: boolean;
  /** Saved cases replayed. */
  readonly cases: number;
  /** One line per case that failed, naming the endpoint and what went wrong. */
  readonly failures: readonly string[];
}

/** Effect `replayInterfaceTests` (INT-1): the platform's periodic replay is due for this product. */
export interface ReplayInterfaceTestsParams {
  readonly productId: string;
  readonly merchantId: string;
}
