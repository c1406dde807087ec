// Synthetic marketplaces: from a population spec and the run's seed, the merchants, products (published through
// the real submit/review/list flow), buyers and their whole timeline. Every draw comes from `rng.fork('generator')`
// and its sub-forks, so one seed reproduces the market exactly.
import type { Actor, ChargingMode, DeliveryType } from '../../machines/domain.js';
import { buyerSchema, type BuyerEntry, type MerchantEntry, type ProductEntry } from '../../scenarios/catalogSchema.js';
import type { TimelineEntry } from '../../scenarios/loader.js';
import { populationMonths, type PopulationSpec } from '../../scenarios/populationSchema.js';
import type { FaultEntry } from '../../scenarios/faultSchema.js';
import { item, type Draft, type MarketFrame } from './types.js';
import { formatTime } from '../../machines/time.js';
import { orderScript, type OrderPlan } from './orderScripts.js';
import type { Rng } from '../rng.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface GeneratedMarket {
  /** Merchant-interface outages and error rate drawn from the seed (REN-3, INT-1). */
  readonly faults: FaultEntry[];
  readonly merchants: MerchantEntry[];
  readonly products: ProductEntry[];
  readonly buyers: BuyerEntry[];
  /** Sorted by time; equal times keep generation order. */
  readonly timeline: TimelineEntry[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The market without its orders' scripts: catalogue, publishing drafts and the stream the orders are drawn from. */
export interface MarketCatalog {
  readonly faults: FaultEntry[];
  readonly merchants: MerchantEntry[];
  readonly products: ProductEntry[];
  readonly buyers: BuyerEntry[];
  /** Every product's publishing and sale-interruption drafts, in generation order (they come before the orders'). */
  readonly publishing: Draft[];
  readonly orders: OrderStream;
}

export function generateMarket(spec: PopulationSpec, frame: MarketFrame, rng: Rng): GeneratedMarket {
  const { faults, merchants, products, buyers, publishing, orders } = generateCatalog(spec, frame, rng);
  const drafts = publishing;
  // Appended one by one: a spread of hundreds of thousands of arguments overflows the call stack.
  for (let i = 1; i <= orders.total; i++) for (const draft of orders.next(i)) drafts.push(draft);
  return { faults, merchants, products, buyers, timeline: sortDrafts(drafts, frame) };
}

export function generateCatalog(spec: PopulationSpec, frame: MarketFrame, rng: Rng): MarketCatalog {
  const gen = rng.fork('generator');
  const merchants = generateMerchants(spec, gen.fork('merchants'));
  const products = generateProducts(spec, merchants, gen.fork('products'));
  // Parsed through the schema so buyers get the same defaults (wallet, …) as ones written in a file.
  const buyers = Array.from({ length: spec.buyers }, (_, i): BuyerEntry => buyerSchema.parse({ id: `b${pad(i + 1, 6)}` }));
  const publishing: Draft[] = [];
  const listedAt = new Map<string, number>();
  const lifecycle = gen.fork('lifecycle');
  for (const product of products) {
    const { events, listed } = publishingScript(product, spec, frame, lifecycle);
    for (const draft of events) publishing.push(draft);
    if (listed !== undefined) listedAt.set(product.id, listed);
  }
  const orders = new OrderStream(spec, frame, products, buyers, listedAt, gen.fork('orders'));
  const faults = generateFaults(spec, frame, merchants, gen.fork('faults'));
  return { faults, merchants, products, buyers, publishing, orders };
}

/**
 * New purchases spread uniformly over the period after each product is listed, each with its behaviour script.
 * Order i draws from streams of its own, forked by its number (`<i>/plan` for what is bought, by whom and when;
 * `<i>/<part>` for each part of its script), never from a stream shared with the orders before it: how many draws
 * order i - 1's script took depends on the rules (a refund window, the supervised delivery types), and a shared
 * stream would hand every later order another product, buyer and time under other rules. So the same planned
 * purchase has the same order ID and plan in every variant of a what-if, and `next(i)` may be called in any order.
 */
export class OrderStream {
  readonly total: number;
  private readonly sellable: readonly ProductEntry[];
  private readonly hourlyImages: readonly string[];

  constructor(
    private readonly spec: PopulationSpec,
    private readonly frame: MarketFrame,
    products: readonly ProductEntry[],
    private readonly buyers: readonly BuyerEntry[],
    private readonly listedAt: ReadonlyMap<string, number>,
    readonly rng: Rng,
  ) {
    const months = populationMonths(frame.start, frame.end);
    this.sellable = products.filter((p) => listedAt.has(p.id));
    this.total = this.sellable.length === 0 || buyers.length === 0 ? 0 : spec.ordersPerMonth * months;
    this.hourlyImages = this.sellable.filter((p) => p.deliveryType === 'image' && p.chargingMode === 'hourly').map((p) => p.id);
  }

  /** Order i's script drafts (purchase first, at the earliest time), or none when its product listed too late. */
  next(i: number): Draft[] {
    const plan = this.plan(i);
    if (plan === undefined) return [];
    return orderScript(plan, this.spec, this.frame, (part) => this.rng.fork(`${plan.orderId}/${part}`));
  }

  /**
   * What order i buys, from whom and when (its purchase, the first of its drafts), without its script: or undefined
   * when its product listed too late. A lazy timeline learns when each order starts from this alone.
   */
  plan(i: number): OrderPlan | undefined {
    const { frame } = this;
    const orderId = `o${pad(i, 7)}`;
    const rng = this.rng.fork(`${orderId}/plan`);
    const product = rng.pick(this.sellable);
    const others = product.chargingMode === 'hourly' ? this.hourlyImages.filter((id) => id !== product.id) : [];
    const earliest = this.listedAt.get(product.id)! + HOUR;
    if (earliest >= frame.end) return undefined;
    return {
      orderId,
      product,
      specId: rng.pick(product.specs).id,
      buyerId: rng.pick(this.buyers).id,
      at: rng.int(earliest, frame.end - 1),
      ...(others.length > 0 ? { swapTo: rng.pick(others) } : {}),
    };
  }
}

function sortDrafts(drafts: Draft[], frame: MarketFrame): TimelineEntry[] {
  return drafts
    .map((draft, order) => ({ draft, order }))
    .filter(({ draft }) => draft.at >= frame.start && draft.at <= frame.end)
    .sort((a, b) => a.draft.at - b.draft.at || a.order - b.order)
    .map(({ draft }, index) => ({ ...draft, index }));
}

/** One outage for a share of merchants, somewhere in the period, plus a market-wide error rate if asked. */
function generateFaults(spec: PopulationSpec, frame: MarketFrame, merchants: readonly MerchantEntry[], rng: Rng): FaultEntry[] {
  const { share, maxDurationMs, errorRate } = spec.merchantOutages;
  const faults: FaultEntry[] = [];
  for (const merchant of merchants) {
    if (!rng.chance(share) || maxDurationMs <= 0) continue;
    const from = rng.int(frame.start, Math.max(frame.start, frame.end - maxDurationMs));
    const to = from + rng.int(1, maxDurationMs);
    faults.push({ merchant: merchant.id, down: { from: formatTime(from), to: formatTime(to) } });
  }
  if (errorRate.numerator > 0) faults.push({ errorRate });
  return faults;
}

function generateMerchants(spec: PopulationSpec, rng: Rng): MerchantEntry[] {
  return Array.from({ length: spec.merchants }, (_, i) => ({
    id: `m${pad(i + 1, 4)}`,
    jointOperationMember: rng.chance(spec.jointOperationShare),
    subUsers: [],
  }));
}

function pickDeliveryType(spec: PopulationSpec, rng: Rng): DeliveryType {
  const entries = Object.entries(spec.deliveryMix).filter(([, w]) => (w ?? 0) > 0) as [DeliveryType, number][];
  return rng.weighted(entries);
}

function chargingModeFor(deliveryType: DeliveryType, spec: PopulationSpec, rng: Rng): ChargingMode {
  if (deliveryType === 'image' && rng.chance(spec.hourlyShare)) return 'hourly';
  if (deliveryType === 'api' && rng.chance({ numerator: 1, denominator: 3 })) return 'perUse';
  return 'period';
}

function generateProducts(spec: PopulationSpec, merchants: readonly MerchantEntry[], rng: Rng): ProductEntry[] {
  const products: ProductEntry[] = [];
  for (const merchant of merchants) {
    const count = rng.int(spec.productsPerMerchant.min, spec.productsPerMerchant.max);
    for (let p = 1; p <= count; p++) {
      const deliveryType = pickDeliveryType(spec, rng);
      const chargingMode = chargingModeFor(deliveryType, spec, rng);
      const monthly = rng.int(spec.priceFen.min, spec.priceFen.max);
      const specs =
        chargingMode === 'period'
          ? [
              { id: 'month', priceFen: monthly, period: 'month' as const },
              { id: 'year', priceFen: monthly * 10, period: 'year' as const },
            ]
          : [{ id: chargingMode === 'hourly' ? 'hour' : 'call', priceFen: Math.max(1, Math.floor(monthly / 300)) }];
      products.push({
        id: `${merchant.id}-p${p}`,
        merchant: merchant.id,
        name: `${merchant.id} ${deliveryType} ${p}`,
        deliveryType,
        chargingMode,
        productClass: merchant.jointOperationMember && rng.chance({ numerator: 1, denominator: 2 }) ? 'jointOperation' : 'general',
        hidden: false,
        specs,
        packages: [],
        ...(deliveryType === 'license' ? { licenseMode: rng.chance({ numerator: 1, denominator: 2 }) ? 'onlineCode' as const : 'offline' as const } : {}),
        ...(deliveryType === 'license' ? { enablementCloud: rng.chance({ numerator: 1, denominator: 3 }) } : {}),
      });
    }
  }
  return products;
}

/** PUB-2..5: submit in the first days, review a day later (sometimes rejected and resubmitted), then list. */
function publishingScript(product: ProductEntry, spec: PopulationSpec, frame: MarketFrame, rng: Rng): { events: Draft[]; listed?: number } {
  const events: Draft[] = [];
  const on = (at: number, event: string, by: Actor, payload: Record<string, unknown> = {}) =>
    events.push(item(at, event, 'product', product.id, by, payload));
  let at = frame.start + rng.int(0, 2 * DAY);
  on(at, 'submit', 'seller');
  if (rng.chance(spec.behaviour.submissionRejected)) {
    at += rng.int(2 * HOUR, DAY);
    on(at, 'reject', 'operator', { reason: 'screenshots unclear' });
    at += rng.int(HOUR, DAY);
    on(at, 'submit', 'seller');
  }
  at += rng.int(2 * HOUR, DAY);
  on(at, 'approve', 'operator');
  at += rng.int(10 * 60_000, 6 * HOUR);
  on(at, 'list', frame.params.operatorListedDeliveryTypes.includes(product.deliveryType) ? 'operator' : 'seller');
  const listed = at;
  events.push(...saleInterruptions(product, spec, frame, listed, rng));
  return { events, listed };
}

/** HIDE-1..3 and DEL-1..4: some sellers hide a product for a while, a few delist one late in the run. */
function saleInterruptions(product: ProductEntry, spec: PopulationSpec, frame: MarketFrame, listed: number, rng: Rng): Draft[] {
  const events: Draft[] = [];
  const span = frame.end - listed;
  if (span > 20 * DAY && rng.chance(spec.behaviour.hideProduct)) {
    const hideAt = listed + rng.int(DAY, span - 10 * DAY);
    const unhideAt = hideAt + rng.int(DAY, 7 * DAY);
    events.push(item(hideAt, 'hide', 'product', product.id, 'seller'));
    // HIDE-1: on koogallery hiding a listed product is a modification, so an operator reviews it (an hour later).
    if (frame.params.hideListedByModification) events.push(item(hideAt + HOUR, 'approve', 'product', product.id, 'operator'));
    events.push(item(unhideAt, 'unhide', 'product', product.id, 'seller'));
    if (frame.params.hideListedByModification) events.push(item(unhideAt + HOUR, 'approve', 'product', product.id, 'operator'));
  }
  if (span > 60 * DAY && rng.chance(spec.behaviour.delistProduct)) {
    const at = listed + rng.int(Math.floor(span / 2), span - DAY);
    // STL-5: the seller reconciles and confirms the pending settlements at the same instant, just before.
    events.push(item(at, 'confirmSettlements', 'product', product.id, 'seller'));
    events.push(delistingItem(product, frame, at));
  }
  return events;
}

function delistingItem(product: ProductEntry, frame: MarketFrame, at: number): Draft {
  if (frame.params.delistFlow === 'discontinue') return item(at, 'delist', 'product', product.id, 'seller');
  if (frame.params.operatorOnlyDelistDeliveryTypes.includes(product.deliveryType)) {
    return item(at, 'delist', 'product', product.id, 'operator');
  }
  const reason = 'Product retired; customers migrated to the successor';
  return item(at, 'requestDelisting', 'product', product.id, 'seller', {
    reason,
    noticeUrl: `https://example.com/notices/${product.id}`,
    // DEL-6 / DEL-7: the notice to every buyer went out the notice period before the request, effective at it.
    notice: {
      channels: ['inSite', 'email', 'announcement'],
      audience: 'allExistingBuyers',
      publishedAt: at - frame.params.delistNoticePeriodMs,
      reason,
      effectiveAt: at,
      impact: 'Existing instances are served until their paid term ends; no renewals',
      followUp: 'Export data with the export tool, or migrate to the successor',
      dataExportTool: true,
    },
  });
}
