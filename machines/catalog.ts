// What a scenario says about merchants, products and buyers, as the machines receive it (their input).
// The zod schemas in scenarios/schema.ts produce exactly these shapes.
import type { MerchantEndpoint } from './contracts.js';
import type { ChargingMode, DeliveryType, LicenseMode, PeriodUnit, ProductClass } from './domain.js';

export type SupportItem = 'serviceTime' | 'serviceContent' | 'hotline' | 'email';

/** The publish form's fields that submission validation looks at (PUB-9). */
export interface ListingInfo {
  readonly name: string;
  readonly supportInfo: Partial<Record<SupportItem, string>>;
  readonly usageGuide?: { readonly text?: string; readonly ports?: readonly number[]; readonly login?: string };
  readonly copyrightCertificate?: { readonly name: string };
  /** PUB-11: the delivery SLA (交付SLA) a License product is submitted with. */
  readonly deliverySla?: string;
  readonly logo?: {
    readonly widthPx: number;
    readonly heightPx: number;
    readonly background: string;
    readonly markWidthPx: number;
    readonly markHeightPx: number;
    readonly markCentred: boolean;
  };
}

/** A spec (规格): what a buyer actually orders, with its price in fen. */
export interface SpecDef {
  readonly id: string;
  readonly name: string;
  readonly priceFen: number;
  /** Prepaid period unit (ORD-2); absent for hourly and per-use specs. */
  readonly period?: PeriodUnit;
  readonly hidden?: boolean;
}

/** A package (套餐包) of gateway products (PUB-8). */
export interface PackageDef {
  readonly id: string;
  readonly name: string;
  readonly priceFen: number;
}

export interface ProductDef {
  readonly id: string;
  readonly merchantId: string;
  readonly deliveryType: DeliveryType;
  readonly chargingMode: ChargingMode;
  readonly productClass: ProductClass;
  readonly listing: ListingInfo;
  readonly specs: readonly SpecDef[];
  readonly packages: readonly PackageDef[];
  readonly hidden: boolean;
  /** SUP-4: how a License product is authorised. */
  readonly licenseMode?: LicenseMode;
  /** SUP-4: enablement-cloud (赋能云) orders wait for the buyer's acceptance. */
  readonly enablementCloud?: boolean;
  /** SUP-12: a site-building (建站类) product, whose supervision messages notify the merchant. */
  readonly siteBuilding?: boolean;
}

export interface SubUserDef {
  readonly id: string;
  readonly permissions: readonly string[];
}

export interface MerchantDef {
  readonly id: string;
  readonly name: string;
  /** PUB-10: the main account joined the joint-operation (联营) plan. */
  readonly jointOperationMember: boolean;
  readonly subUsers: readonly SubUserDef[];
  /**
   * INT-1: endpoints of the merchant's interface that do not tolerate repeated calls (each call does the work again),
   * which the replay of saved test cases finds. Absent: the interface is idempotent.
   */
  readonly nonIdempotentEndpoints?: readonly MerchantEndpoint[];
}

export interface BuyerDef {
  readonly id: string;
  readonly name: string;
  readonly phone: string;
  /** SUP-4: the buyer is on the enablement cloud (赋能云). */
  readonly enablementCloud?: boolean;
  /** ORD-7: account balance (cash, then credit), coupons and cash coupons / stored-value cards, in fen. */
  readonly balanceCashFen: number;
  readonly balanceCreditFen: number;
  readonly coupons: readonly { readonly id: string; readonly amountFen: number }[];
  readonly cashCoupons: readonly { readonly id: string; readonly amountFen: number }[];
  /** ORD-11: exclusive discounts (专属优惠) the seller made for this buyer only. */
  readonly exclusiveDiscounts: readonly ExclusiveDiscount[];
}

/** ORD-11: a seller's discount for one designated buyer, reached by private link or QR code. */
export interface ExclusiveDiscount {
  readonly id: string;
  readonly product: string;
  readonly name: string;
  readonly discountBasisPoints: number;
}
