// The checks a schema cannot make: every id a scenario mentions names something the scenario declares (a
// merchant, product, spec, package, buyer, coupon, discount, sub-user, or an entity an earlier timeline item
// created), ids are unique, time windows run forwards. The first problem found is returned with its path.
import type { Actor } from '../machines/domain.js';
import { PROFILES } from '../machines/rules.js';
import { parseTime } from '../machines/time.js';
import type { Expectation } from './types.js';
import type { ScenarioFile } from './schema.js';
import { VOCABULARY } from './vocabulary/index.js';

export interface Problem {
  readonly path: string;
  readonly reason: string;
}

/** A timeline item as the schema lets it through (the union is too wide for TypeScript to narrow usefully). */
export interface RawItem {
  readonly at: string;
  readonly event: string;
  readonly by?: Actor;
  readonly subUser?: string;
  readonly expect?: Expectation;
  readonly note?: string;
  readonly [key: string]: unknown;
}

export function crossCheck(data: ScenarioFile): Problem | undefined {
  const start = parseTime(data.start)!;
  const end = parseTime(data.end)!;
  if (end <= start) return { path: 'end', reason: 'must be after start' };
  return (
    duplicateId(data.merchants, 'merchants') ??
    duplicateId(data.products, 'products') ??
    duplicateId(data.buyers, 'buyers') ??
    productProblems(data) ??
    buyerProblems(data) ??
    faultProblems(data) ??
    timelineProblems(data, start, end)
  );
}

function duplicateId(items: readonly { id: string }[], path: string): Problem | undefined {
  const seen = new Set<string>();
  for (const [i, item] of items.entries()) {
    if (seen.has(item.id)) return { path: `${path}[${i}].id`, reason: `duplicate id "${item.id}"` };
    seen.add(item.id);
  }
  return undefined;
}

function productProblems(data: ScenarioFile): Problem | undefined {
  const merchants = new Set(data.merchants.map((m) => m.id));
  for (const [i, product] of data.products.entries()) {
    if (!merchants.has(product.merchant)) {
      return { path: `products[${i}].merchant`, reason: `unknown merchant "${product.merchant}"` };
    }
    const specs = duplicateId(product.specs, `products[${i}].specs`) ?? duplicateId(product.packages, `products[${i}].packages`);
    if (specs) return specs;
    const periodless = product.specs.findIndex((s) => (product.chargingMode === 'period') !== (s.period !== undefined));
    if (periodless >= 0) {
      return {
        path: `products[${i}].specs[${periodless}].period`,
        reason: product.chargingMode === 'period' ? 'required for period products' : `not allowed for ${product.chargingMode} products`,
      };
    }
  }
  return undefined;
}

/** Exclusive discounts name a product of the scenario; a buyer's coupons and discounts have distinct ids. */
function buyerProblems(data: ScenarioFile): Problem | undefined {
  const products = new Set(data.products.map((p) => p.id));
  for (const [i, buyer] of data.buyers.entries()) {
    for (const [j, discount] of (buyer.exclusiveDiscounts ?? []).entries()) {
      if (!products.has(discount.product)) {
        return { path: `buyers[${i}].exclusiveDiscounts[${j}].product`, reason: `unknown product "${discount.product}"` };
      }
    }
    const repeated =
      duplicateId(buyer.coupons ?? [], `buyers[${i}].coupons`) ??
      duplicateId(buyer.cashCoupons ?? [], `buyers[${i}].cashCoupons`) ??
      duplicateId(buyer.exclusiveDiscounts ?? [], `buyers[${i}].exclusiveDiscounts`);
    if (repeated) return repeated;
  }
  return undefined;
}

/** A fault names a merchant of the scenario, and an outage window ends after it starts. */
function faultProblems(data: ScenarioFile): Problem | undefined {
  const merchants = new Set(data.merchants.map((m) => m.id));
  for (const [i, fault] of (data.faults ?? []).entries()) {
    if (fault.merchant !== undefined && !merchants.has(fault.merchant)) {
      return { path: `faults[${i}].merchant`, reason: `unknown merchant "${fault.merchant}"` };
    }
    if (fault.down && parseTime(fault.down.to)! <= parseTime(fault.down.from)!) {
      return { path: `faults[${i}].down.to`, reason: `${fault.down.to} is not after from (${fault.down.from})` };
    }
  }
  return undefined;
}

/** Entity kinds declared up front in the file, by the collection that declares them. */
const DECLARED_KINDS: Readonly<Record<string, (data: ScenarioFile) => readonly { id: string }[]>> = {
  product: (data) => data.products,
};

function timelineProblems(data: ScenarioFile, start: number, end: number): Problem | undefined {
  const created = new Map<string, Set<string>>();
  const known = catalogIds(data);
  for (const [i, item] of (data.timeline as unknown as readonly RawItem[]).entries()) {
    const at = parseTime(item.at)!;
    if (at < start || at > end) return { path: `timeline[${i}].at`, reason: `${item.at} is outside the scenario period` };
    const spec = VOCABULARY[item.event]!;
    const target = item[spec.kind] as string;
    const ids = created.get(spec.kind) ?? new Set(DECLARED_KINDS[spec.kind]?.(data).map((e) => e.id) ?? []);
    created.set(spec.kind, ids);
    if (spec.creates) ids.add(target);
    if (spec.creates && spec.kind === 'order') opensSupervision(data, item, created);
    else if (!ids.has(target)) return { path: `timeline[${i}].${spec.kind}`, reason: `unknown ${spec.kind} "${target}"` };
    const problem = itemReferences(data, known, item, spec.kind, i);
    if (problem) return problem;
  }
  return undefined;
}

/** SUP-10: a purchase of a supervised product opens `supervision:<orderId>` once paid, so later items may target it. */
function opensSupervision(data: ScenarioFile, item: RawItem, created: Map<string, Set<string>>): void {
  const product = data.products.find((p) => p.id === item.product);
  const supervised = data.rules.supervisedDeliveryTypes ?? PROFILES[data.profile].supervisedDeliveryTypes;
  if (!product || !supervised.includes(product.deliveryType)) return;
  const ids = created.get('supervision') ?? new Set<string>();
  ids.add(String(item.order));
  created.set('supervision', ids);
}

interface CatalogIds {
  readonly products: ReadonlySet<string>;
  readonly buyers: ReadonlySet<string>;
  readonly merchants: ReadonlySet<string>;
  readonly coupons: ReadonlySet<string>;
  readonly cashCoupons: ReadonlySet<string>;
  readonly privateLinks: ReadonlySet<string>;
}

/**
 * Every coupon and discount of every buyer: an item may name another buyer's (the machine refuses it, ORD-7/ORD-11),
 * never a made-up one. A private link may also name a customer demand the timeline submits (ORD-11: its discount is
 * created during the run; whether it is in effect yet is the machine's to say, ORD-12).
 */
function catalogIds(data: ScenarioFile): CatalogIds {
  return {
    products: new Set(data.products.map((p) => p.id)),
    buyers: new Set(data.buyers.map((b) => b.id)),
    merchants: new Set(data.merchants.map((m) => m.id)),
    coupons: new Set(data.buyers.flatMap((b) => (b.coupons ?? []).map((c) => c.id))),
    cashCoupons: new Set(data.buyers.flatMap((b) => (b.cashCoupons ?? []).map((c) => c.id))),
    privateLinks: new Set([
      ...data.buyers.flatMap((b) => (b.exclusiveDiscounts ?? []).map((d) => d.id)),
      ...data.timeline.flatMap((item) => {
        const raw = item as RawItem;
        return raw.event === 'submitDemand' && typeof raw.demand === 'string' ? [raw.demand] : [];
      }),
    ]),
  };
}

function itemReferences(data: ScenarioFile, known: CatalogIds, item: RawItem, kind: string, i: number): Problem | undefined {
  const at = (field: string): string => `timeline[${i}].${field}`;
  const single: readonly [string, ReadonlySet<string>, string][] = [
    ['product', known.products, 'product'],
    ['toProduct', known.products, 'product'],
    ['buyer', known.buyers, 'buyer'],
    ['merchant', known.merchants, 'merchant'],
    ['privateLink', known.privateLinks, 'exclusive discount'],
  ];
  for (const [field, ids, what] of single) {
    if (field === kind) continue; // the target itself was checked against what the timeline created
    const value = item[field];
    if (typeof value === 'string' && !ids.has(value)) return { path: at(field), reason: `unknown ${what} "${value}"` };
  }
  const lists: readonly [string, ReadonlySet<string>, string][] = [
    ['coupons', known.coupons, 'coupon'],
    ['cashCoupons', known.cashCoupons, 'cash coupon'],
    // Apps bound at creation are the merchant's products; authorising an unbound one later is the machine's refusal.
    ...(item.event === 'createEnterprise' ? [['apps', known.products, 'product'] as [string, ReadonlySet<string>, string]] : []),
  ];
  for (const [field, ids, what] of lists) {
    const values = item[field];
    if (!Array.isArray(values)) continue;
    const bad = values.findIndex((v) => typeof v === 'string' && !ids.has(v));
    if (bad >= 0) return { path: `${at(field)}[${bad}]`, reason: `unknown ${what} "${String(values[bad])}"` };
  }
  return specReference(data, item, 'product', 'spec', at) ?? specReference(data, item, 'toProduct', 'toSpec', at) ?? subUserReference(data, item, at);
}

/** A spec (or toSpec) names a spec of the product the item names (or of its target product). */
function specReference(data: ScenarioFile, item: RawItem, productField: string, specField: string, at: (f: string) => string): Problem | undefined {
  const specId = item[specField];
  if (typeof specId !== 'string') return undefined;
  const product = data.products.find((p) => p.id === item[productField]);
  if (product && !product.specs.some((s) => s.id === specId)) {
    return { path: at(specField), reason: `unknown spec "${specId}" of product "${product.id}"` };
  }
  return undefined;
}

/** A seller sub-user acting on a product is a sub-user of that product's merchant. */
function subUserReference(data: ScenarioFile, item: RawItem, at: (f: string) => string): Problem | undefined {
  if (item.subUser === undefined) return undefined;
  const product = data.products.find((p) => p.id === item.product);
  const merchant = data.merchants.find((m) => m.id === (product?.merchant ?? item.merchant));
  if (merchant && !merchant.subUsers.some((u) => u.id === item.subUser)) {
    return { path: at('subUser'), reason: `unknown sub-user "${item.subUser}" of merchant "${merchant.id}"` };
  }
  return undefined;
}
