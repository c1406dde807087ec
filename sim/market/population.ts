// Turns a scenario's merchants, products and buyers into machine inputs: seeded fake names where the file
// gives none, and a complete publish form where it gives no listing.
import { Faker, base, en, zh_CN } from '@faker-js/faker';
import type { BuyerDef, ListingInfo, MerchantDef, ProductDef } from '../../machines/catalog.js';
import { completeListing } from '../../machines/submissionChecks.js';
import type { RulesParams } from '../../machines/rules.js';
import type { BuyerEntry, MerchantEntry, ProductEntry } from '../../scenarios/catalogSchema.js';
import type { Rng } from '../rng.js';

/** A faker whose every draw follows from the run's seed. */
export function seededFaker(rng: Rng): Faker {
  const faker = new Faker({ locale: [zh_CN, en, base] });
  faker.seed(rng.uint32());
  return faker;
}

export function merchantDefs(entries: readonly MerchantEntry[], faker: Faker): MerchantDef[] {
  return entries.map((m) => ({
    id: m.id,
    name: m.name ?? faker.company.name(),
    jointOperationMember: m.jointOperationMember,
    subUsers: m.subUsers,
    ...(m.nonIdempotentEndpoints !== undefined ? { nonIdempotentEndpoints: m.nonIdempotentEndpoints } : {}),
  }));
}

export function buyerDefs(entries: readonly BuyerEntry[], faker: Faker): BuyerDef[] {
  return entries.map((b) => ({
    id: b.id,
    name: b.name ?? faker.person.fullName(),
    phone: b.phone ?? faker.helpers.replaceSymbols('1##########'),
    ...(b.enablementCloud !== undefined ? { enablementCloud: b.enablementCloud } : {}),
    // ORD-7: a buyer the file gives no money details for can still buy (assumption: ¥1,000,000 cash balance).
    balanceCashFen: b.balanceCashFen ?? 100_000_000,
    balanceCreditFen: b.balanceCreditFen ?? 0,
    coupons: b.coupons ?? [],
    cashCoupons: b.cashCoupons ?? [],
    exclusiveDiscounts: b.exclusiveDiscounts ?? [],
  }));
}

export function productDef(entry: ProductEntry, params: RulesParams): ProductDef {
  const listing: ListingInfo = entry.listing
    ? { ...entry.listing, name: entry.listing.name ?? entry.name }
    : completeListing(entry.name, params);
  return {
    id: entry.id,
    merchantId: entry.merchant,
    deliveryType: entry.deliveryType,
    chargingMode: entry.chargingMode,
    productClass: entry.productClass,
    listing,
    specs: entry.specs.map((s) => ({ ...s, name: s.name ?? s.id })),
    packages: entry.packages,
    hidden: entry.hidden,
    ...(entry.licenseMode !== undefined ? { licenseMode: entry.licenseMode } : {}),
    ...(entry.enablementCloud !== undefined ? { enablementCloud: entry.enablementCloud } : {}),
    ...(entry.siteBuilding !== undefined ? { siteBuilding: entry.siteBuilding } : {}),
  };
}
