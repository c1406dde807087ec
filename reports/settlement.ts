// The settlement engine: from a run's money facts and rules parameters, where each order line lands, month by
// month and merchant by merchant, and why (STL-1..7, REF-2, REF-4, SUP-10, ORD-3..5). Pure: no I/O, no clock.
import type { RulesParams } from '../machines/rules.js';
import type { LedgerParams } from '../machines/contracts.js';
import { addMonthsToMonth, localMonth } from '../machines/time.js';
import type { CompletionFact, DelistingFact, LedgerFact, SettlementFacts } from './settlementFacts.js';
import { commissionFen, sumFen } from './settlementMoney.js';

export type Treatment = 'settled' | 'deferred' | 'excluded' | 'netted';
/** ORD-1 order types, plus `usage`: a month of on-demand bills of one order (STL-4, ORD-5: not in the order list). */
export type LineType = 'purchase' | 'renewal' | 'refund' | 'usage';

/** One order line: an order, a refund order, or one order's hourly usage within one month. */
export interface OrderLine {
  /** Identity across months and across runs (diff): merchant, order, type, product (+ month for usage). */
  readonly key: string;
  readonly merchantId: string;
  readonly orderId: string;
  readonly orderType: LineType;
  readonly productId: string;
  readonly deliveryType: string;
  readonly chargingMode: string;
  readonly grossFen: number;
  /** When the money moved (usage: the first billed hour of the month). */
  readonly at: number;
  /** Position of its (first) ledger fact in the log. */
  readonly seq: number;
  readonly relatesTo?: string;
  readonly tags: LedgerParams['tags'];
}

/** Where a line sits in one statement month and the rule that put it there. */
export interface Placement {
  readonly month: string;
  readonly treatment: Treatment;
  readonly rule: string;
}

/** One row of settlement.csv: a line in one settlement month. */
export interface SettlementRow {
  readonly settlementMonth: string;
  readonly line: OrderLine;
  readonly commissionFen: number;
  readonly netFen: number;
  readonly treatment: Treatment;
  readonly rule: string;
  /** True on the line's last row: the one that says how the line ends (sums over lines use these). */
  readonly final: boolean;
}

/** STL-5: what was still pending for a product when it was delisted. */
export interface Reconciliation {
  readonly productId: string;
  readonly delistedAt: number;
  readonly state: string;
  readonly pending: readonly PendingLine[];
  readonly pendingGrossFen: number;
}

export interface PendingLine {
  readonly line: OrderLine;
  /** `deferred`: supervision not completed at the delisting; `awaiting statement`: its statement was not out yet. */
  readonly status: 'deferred' | 'awaiting statement';
  /** How the line ends in this run. */
  readonly outcome: Placement;
}

export interface Settlement {
  /** Last statement month the run covers: the month after the run's last month (STL-1). */
  readonly horizonMonth: string;
  readonly rows: readonly SettlementRow[];
  readonly reconciliations: readonly Reconciliation[];
}

export interface SettlementInput {
  readonly facts: SettlementFacts;
  readonly params: RulesParams;
  /** The run's end instant; deferred lines repeat up to the statement of its month. */
  readonly runEnd: number;
}

/** Every loop over months stops here: 100 years of statements is more than any run. */
const MAX_MONTHS = 1_200;

export function settle(input: SettlementInput): Settlement {
  const { facts, params } = input;
  const offset = params.settlementUtcOffsetMinutes;
  if (facts.usageFoldedAt !== undefined && facts.usageFoldedAt !== offset) {
    throw new Error(`usage facts folded by month at UTC offset ${facts.usageFoldedAt} min cannot be settled at ${offset} min`);
  }
  const horizonMonth = addMonthsToMonth(localMonth(input.runEnd, offset), 1);
  const lines = orderLines(facts.ledger, offset);
  const placements = placeLines(lines, facts.completions, params, horizonMonth);
  const rows = lines.flatMap((line) => rowsOf(line, placements.get(line.key)!, params)).sort(compareRows);
  const reconciliations = reconcileAll(facts.delistings, lines, placements, facts.completions, offset);
  return { horizonMonth, rows, reconciliations };
}

/** The natural statement month of an instant: the month after it (STL-1). */
function naturalMonth(at: number, offset: number): string {
  return addMonthsToMonth(localMonth(at, offset), 1);
}

/**
 * Ledger facts → order lines. Hourly orders carry the unit price, not money (ORD-3), and their refunds are 0
 * ("stop billing", ORD-4): neither is a line; hourly income is the usage, summed per order, product and month.
 */
export function orderLines(ledger: Iterable<LedgerFact>, offset: number): OrderLine[] {
  const lines: OrderLine[] = [];
  const usage = new Map<string, OrderLine>();
  for (const { seq, ledger: l } of ledger) {
    if (l.entry === 'usage') {
      const month = naturalMonth(l.at, offset);
      const key = `${l.merchantId}|${l.orderId}|usage|${l.productId}|${month}`;
      const known = usage.get(key);
      if (known) usage.set(key, { ...known, grossFen: sumFen([known.grossFen, l.amountFen]) });
      else usage.set(key, lineOf(l, seq, 'usage', key));
      continue;
    }
    if (l.chargingMode === 'hourly' && (l.entry === 'order' || l.amountFen === 0)) continue;
    lines.push(lineOf(l, seq, l.orderType, `${l.merchantId}|${l.orderId}|${l.orderType}|${l.productId}`));
  }
  return [...lines, ...usage.values()].sort((a, b) => a.seq - b.seq);
}

function lineOf(l: LedgerParams, seq: number, orderType: LineType, key: string): OrderLine {
  return {
    key,
    merchantId: l.merchantId,
    orderId: l.orderId,
    orderType,
    productId: l.productId,
    deliveryType: l.deliveryType,
    chargingMode: l.chargingMode,
    grossFen: l.amountFen,
    at: l.at,
    seq,
    ...(l.relatesTo !== undefined ? { relatesTo: l.relatesTo } : {}),
    tags: l.tags,
  };
}

/** Decides every line: REF-2 exclusions, REF-4 netting, SUP-10 deferral, then plain monthly settlement. */
function placeLines(
  lines: readonly OrderLine[],
  completions: readonly CompletionFact[],
  params: RulesParams,
  horizon: string,
): Map<string, readonly Placement[]> {
  const offset = params.settlementUtcOffsetMinutes;
  const placed = new Map<string, readonly Placement[]>();
  const orders = new Map<string, OrderLine>();
  for (const line of lines) if (line.orderType === 'purchase' || line.orderType === 'renewal') orders.set(line.orderId, line);
  const excluded = params.noReasonRefundExcludedFromSettlement ? noReasonOrderIds(lines) : new Set<string>();
  for (const line of lines) {
    if (line.orderType !== 'usage' && excluded.has(line.orderId)) {
      placed.set(line.key, [{ month: naturalMonth(line.at, offset), treatment: 'excluded', rule: 'REF-2' }]);
    }
  }
  netNotYetEffective(lines, orders, placed, params);
  const completedAt = new Map<string, number>();
  for (const c of completions) if (!completedAt.has(c.orderId)) completedAt.set(c.orderId, c.completedAt);
  const settledMonth = (order: OrderLine): string | undefined => supervisedMonth(order, orders, completedAt, params);
  for (const line of lines) {
    if (placed.has(line.key)) continue;
    const natural = naturalMonth(line.at, offset);
    if (line.orderType === 'usage') placed.set(line.key, [{ month: natural, treatment: 'settled', rule: 'STL-4' }]);
    else if (line.orderType !== 'refund') {
      const supervised = params.supervisedDeliveryTypes.some((t) => t === line.deliveryType);
      placed.set(line.key, supervised ? waitFor(natural, settledMonth(line), horizon, 'SUP-10') : [{ month: natural, treatment: 'settled', rule: 'STL-1' }]);
    }
  }
  for (const line of lines) if (!placed.has(line.key)) placed.set(line.key, refundPlacements(line, orders, placed, params, horizon));
  return placed;
}

/**
 * REF-2: the orders a five-day no-reason refund reversed, those refunds, the re-orders that correspond to them,
 * and any later refund of one of these (it must not be charged for money that was never settled).
 */
function noReasonOrderIds(lines: readonly OrderLine[]): Set<string> {
  const ids = new Set<string>();
  for (const line of lines) {
    if (line.orderType === 'refund' && line.tags.noReasonRefund) {
      ids.add(line.orderId);
      if (line.relatesTo !== undefined) ids.add(line.relatesTo);
    }
    if (line.orderType === 'purchase' && line.tags.reorderOfNoReasonRefund) ids.add(line.orderId);
  }
  for (const line of lines) if (line.orderType === 'refund' && line.relatesTo !== undefined && ids.has(line.relatesTo)) ids.add(line.orderId);
  return ids;
}

/**
 * REF-4: a refund of a not-yet-effective order (or renewal) and that order go on one statement, the refund's
 * (the later of the two natural months), both `netted`; the order waits for it (`deferred`, REF-4) until then.
 */
function netNotYetEffective(
  lines: readonly OrderLine[],
  orders: ReadonlyMap<string, OrderLine>,
  placed: Map<string, readonly Placement[]>,
  params: RulesParams,
): void {
  if (!params.notYetEffectiveRefundNets) return;
  const offset = params.settlementUtcOffsetMinutes;
  for (const refund of lines) {
    if (refund.orderType !== 'refund' || !refund.tags.notYetEffective || placed.has(refund.key)) continue;
    const original = refund.relatesTo !== undefined ? orders.get(refund.relatesTo) : undefined;
    if (!original || placed.has(original.key)) continue;
    const month = naturalMonth(refund.at, offset);
    const netted: Placement = { month, treatment: 'netted', rule: 'REF-4' };
    placed.set(refund.key, [netted]);
    placed.set(original.key, [...monthsBetween(naturalMonth(original.at, offset), addMonthsToMonth(month, -1)).map((m) => deferred(m, 'REF-4')), netted]);
  }
}

/**
 * SUP-10 / STL-3: the statement month of a supervised order: completion month + settlementLagMonths. A renewal
 * without its own supervision follows its purchase (never before its own natural month); undefined = not completed.
 */
function supervisedMonth(
  order: OrderLine,
  orders: ReadonlyMap<string, OrderLine>,
  completedAt: ReadonlyMap<string, number>,
  params: RulesParams,
): string | undefined {
  const offset = params.settlementUtcOffsetMinutes;
  const own = completedAt.get(order.orderId);
  if (own !== undefined) return addMonthsToMonth(localMonth(own, offset), params.settlementLagMonths);
  const purchase = order.orderType === 'renewal' && order.relatesTo !== undefined ? orders.get(order.relatesTo) : undefined;
  if (!purchase) return undefined;
  const purchaseMonth = supervisedMonth(purchase, orders, completedAt, params);
  if (purchaseMonth === undefined) return undefined;
  const natural = naturalMonth(order.at, offset);
  return purchaseMonth > natural ? purchaseMonth : natural;
}

/** One `deferred` row per statement month from `from` until the line settles (or the horizon), then `settled`. */
function waitFor(from: string, settles: string | undefined, horizon: string, rule: string): Placement[] {
  // A fact after the run's end (not from `run`, but a hand-edited log) still gets its one row.
  if (settles === undefined) return monthsBetween(from, horizon > from ? horizon : from).map((m) => deferred(m, rule));
  const lastWait = addMonthsToMonth(settles, -1);
  const waiting = monthsBetween(from, lastWait < horizon ? lastWait : horizon).map((m) => deferred(m, rule));
  return [...waiting, { month: settles, treatment: 'settled', rule }];
}

function deferred(month: string, rule: string): Placement {
  return { month, treatment: 'deferred', rule };
}

/** Months from `from` to `to` inclusive ("YYYY-MM" compares as text); empty when `to` is earlier. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to && months.length < MAX_MONTHS; m = addMonthsToMonth(m, 1)) months.push(m);
  return months;
}

/**
 * Any other refund (REF-3 exception refunds, refunds of effective orders, ORD-10 automatic unsubscriptions):
 * a negative line in the month after the refund, but never before the order it reverses is paid out: while that
 * order is deferred the refund waits with it (SUP-10), so a merchant is never charged back money not yet received.
 */
function refundPlacements(
  refund: OrderLine,
  orders: ReadonlyMap<string, OrderLine>,
  placed: ReadonlyMap<string, readonly Placement[]>,
  params: RulesParams,
  horizon: string,
): Placement[] {
  const natural = naturalMonth(refund.at, params.settlementUtcOffsetMinutes);
  const ownRule = refund.tags.refundReason !== undefined ? 'REF-3' : refund.tags.autoUnsubscribed ? 'ORD-10' : 'STL-1';
  const original = refund.relatesTo !== undefined ? orders.get(refund.relatesTo) : undefined;
  const end = original ? placed.get(original.key)?.at(-1) : undefined;
  const own: Placement[] = [{ month: natural, treatment: 'settled', rule: ownRule }];
  if (!end || end.treatment === 'excluded' || end.treatment === 'netted') return own;
  if (end.treatment === 'deferred') return waitFor(natural, undefined, horizon, end.rule);
  return end.month <= natural ? own : waitFor(natural, end.month, horizon, end.rule);
}

function rowsOf(line: OrderLine, placements: readonly Placement[], params: RulesParams): SettlementRow[] {
  const basisPoints = params.commissionBasisPoints[line.deliveryType as keyof RulesParams['commissionBasisPoints']] ?? 0;
  const commission = commissionFen(line.grossFen, basisPoints);
  return placements.map((p, i) => ({
    settlementMonth: p.month,
    line,
    commissionFen: commission,
    netFen: line.grossFen - commission,
    treatment: p.treatment,
    rule: p.rule,
    final: i === placements.length - 1,
  }));
}

const TYPE_RANK: Readonly<Record<LineType, number>> = { purchase: 0, renewal: 1, usage: 2, refund: 3 };

/** Row order (documented in README): month, merchant, order id, order type, product; plain code-unit comparison. */
export function compareRows(a: SettlementRow, b: SettlementRow): number {
  return (
    cmp(a.settlementMonth, b.settlementMonth) ||
    cmp(a.line.merchantId, b.line.merchantId) ||
    cmp(a.line.orderId, b.line.orderId) ||
    TYPE_RANK[a.line.orderType] - TYPE_RANK[b.line.orderType] ||
    cmp(a.line.productId, b.line.productId) ||
    a.line.seq - b.line.seq
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * STL-5: at a product's delisting, every line of it paid before then whose statement was not out yet: still under
 * supervision (deferred), or settling in the delisting month or later (a statement month counts as open for the
 * whole month it is produced in). Excluded lines (REF-2) owe nothing and are left out.
 */
function reconcileAll(
  delistings: readonly DelistingFact[],
  lines: readonly OrderLine[],
  placements: ReadonlyMap<string, readonly Placement[]>,
  completions: readonly CompletionFact[],
  offset: number,
): Reconciliation[] {
  if (delistings.length === 0) return [];
  // Indexed once for all delistings (a market of a million orders has dozens of them): each order's first
  // completion, and the lines of each delisted product in log order.
  const firstCompleted = new Map<string, number>();
  for (const c of completions) if ((firstCompleted.get(c.orderId) ?? Infinity) > c.seq) firstCompleted.set(c.orderId, c.seq);
  const delisted = new Set(delistings.map((d) => d.productId));
  const linesOf = new Map<string, OrderLine[]>();
  for (const line of lines) {
    if (!delisted.has(line.productId)) continue;
    const own = linesOf.get(line.productId);
    if (own) own.push(line);
    else linesOf.set(line.productId, [line]);
  }
  return delistings.map((d) => reconcile(d, linesOf.get(d.productId) ?? [], placements, firstCompleted, offset));
}

function reconcile(
  delisting: DelistingFact,
  productLines: readonly OrderLine[],
  placements: ReadonlyMap<string, readonly Placement[]>,
  firstCompleted: ReadonlyMap<string, number>,
  offset: number,
): Reconciliation {
  const month = localMonth(delisting.at, offset);
  const completedBefore = { has: (orderId: string): boolean => (firstCompleted.get(orderId) ?? Infinity) < delisting.seq };
  const pending: PendingLine[] = [];
  for (const line of productLines) {
    if (line.seq > delisting.seq) continue;
    const all = placements.get(line.key)!;
    const outcome = all.at(-1)!;
    if (outcome.treatment === 'excluded') continue;
    // The supervision a line waits for is its own order's, or for renewals and refunds the order they relate to.
    const supervisionIds = line.orderType === 'purchase' || line.relatesTo === undefined ? [line.orderId] : [line.orderId, line.relatesTo];
    const underSupervision = all.some((p) => p.treatment === 'deferred' && p.rule === 'SUP-10') && !supervisionIds.some((id) => completedBefore.has(id));
    if (underSupervision) pending.push({ line, status: 'deferred', outcome });
    else if (outcome.month >= month) pending.push({ line, status: 'awaiting statement', outcome });
  }
  return { productId: delisting.productId, delistedAt: delisting.at, state: delisting.state, pending, pendingGrossFen: sumFen(pending.map((p) => p.line.grossFen)) };
}
