// Drives one product through the real engine, command by command, for rule tests.
import type { MerchantDef, ProductDef } from '../../machines/catalog.js';
import type { BuyerNotice } from '../../machines/delistingChecks.js';
import type { DeliveryType, Platform, ProductClass } from '../../machines/domain.js';
import type { ProductSnapshot } from '../../machines/productAvailability.js';
import { PROFILES, type RulesParams } from '../../machines/rules.js';
import { completeListing } from '../../machines/submissionChecks.js';
import { Engine } from '../../sim/engine/engine.js';
import type { LogEntry } from '../../sim/log/entry.js';
import { KINDS } from '../../sim/kinds/index.js';
import { Rng } from '../../sim/rng.js';
import { parseTime } from '../../machines/time.js';

export interface HarnessOptions {
  readonly platform?: Platform;
  readonly deliveryType?: DeliveryType;
  readonly productClass?: ProductClass;
  readonly params?: Partial<RulesParams>;
  readonly product?: Partial<ProductDef>;
  readonly merchant?: Partial<MerchantDef>;
}

export const T0 = parseTime('2024-03-01T09:00:00+08:00')!;

/** DEL-6: a notice to every existing buyer that passes every check, published at `publishedAt`, effective then. */
export function buyerNotice(publishedAt: number, changes: Partial<BuyerNotice> = {}): BuyerNotice {
  return {
    channels: ['inSite', 'email', 'announcement'],
    audience: 'allExistingBuyers',
    publishedAt,
    reason: 'The product is retired; its successor replaces it',
    effectiveAt: publishedAt,
    impact: 'Existing instances keep running until their paid term ends; no renewals',
    followUp: 'Export your data with the export tool, or migrate to the successor',
    dataExportTool: true,
    ...changes,
  };
}

export function productHarness(options: HarnessOptions = {}) {
  const platform = options.platform ?? 'koogallery';
  const params: RulesParams = { ...PROFILES[platform], ...options.params };
  const product: ProductDef = {
    id: 'p1',
    merchantId: 'm1',
    deliveryType: options.deliveryType ?? 'saas',
    chargingMode: 'period',
    productClass: options.productClass ?? 'general',
    listing: completeListing('Test Product', params),
    specs: [
      { id: 's1', name: 'Basic', priceFen: 10000, period: 'month' },
      { id: 's2', name: 'Pro', priceFen: 30000, period: 'month' },
    ],
    packages: [],
    hidden: false,
    ...options.product,
  };
  const merchant: MerchantDef = { id: 'm1', name: 'M', jointOperationMember: false, subUsers: [], ...options.merchant };
  const entries: LogEntry[] = [];
  const engine = new Engine({
    start: T0,
    end: T0 + 365 * 86_400_000,
    rng: new Rng('harness'),
    kinds: KINDS,
    onEntry: (e) => entries.push(e),
  });
  engine.spawn({ kind: 'product', id: 'p1' }, { params, product, merchant });
  const ref = { kind: 'product', id: 'p1' };
  return {
    engine,
    entries,
    params,
    /** Offers one command now; `by` defaults to the seller. */
    send(type: string, fields: Record<string, unknown> = {}): LogEntry {
      return engine.step({ target: ref, event: { type, by: 'seller', ...fields }, source: 'timeline' });
    },
    /** Lets the virtual clock run to `at` (timers due by then fire). */
    advance(at: number): void {
      engine.runUntil(at);
    },
    get snapshot(): ProductSnapshot {
      return engine.snapshot(ref) as ProductSnapshot;
    },
    /** Takes the product from draft to listed through the ordinary flow. */
    toListed(): void {
      this.send('submit');
      this.send('approve', { by: 'operator' });
      this.send('list', { by: params.operatorListedDeliveryTypes.includes(product.deliveryType) ? 'operator' : 'seller' });
    },
  };
}
