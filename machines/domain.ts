// Domain vocabulary shared by machines, scenarios and reports: delivery types, charging modes, platforms.
// Kept as `as const` tuples so zod schemas and TypeScript unions come from one list.

export const PLATFORMS = ['koogallery', 'tencent'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** How a product reaches the buyer (交付方式). */
export const DELIVERY_TYPES = [
  'saas',
  'license', // License (offline or online authorisation code, see SUP-3/SUP-4)
  'manualService', // 人工服务 / 通用类
  'hardware', // 硬件
  'image', // 镜像
  'api',
  'dataFile', // 数据文件
  'appOrchestration', // 应用编排
  'container',
  'consulting', // 咨询服务
  'apiGateway', // API 网关套餐包
  'agentsGateway', // Agents 网关套餐包
] as const;
export type DeliveryType = (typeof DELIVERY_TYPES)[number];

/** ORD-2: prepaid period (包年包月), on-demand hourly (按需), per-use (按次). */
export const CHARGING_MODES = ['period', 'hourly', 'perUse'] as const;
export type ChargingMode = (typeof CHARGING_MODES)[number];

export const PERIOD_UNITS = ['month', 'year'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

/** DEL-1: only general (通用) and joint-operation (联营) products can be delisted by the seller on koogallery. */
export const PRODUCT_CLASSES = ['general', 'jointOperation', 'other'] as const;
export type ProductClass = (typeof PRODUCT_CLASSES)[number];

/**
 * Who issues a command: the seller (main account or a sub-user), the buyer, platform staff, the system itself, or a
 * customer service provider (客户服务商, ORD-11: a partner who brings a customer's demand to the merchant).
 */
export const ACTORS = ['seller', 'buyer', 'operator', 'system', 'serviceProvider'] as const;
export type Actor = (typeof ACTORS)[number];

/** SUP-4: License authorisation flavour. */
export const LICENSE_MODES = ['offline', 'onlineCode'] as const;
export type LicenseMode = (typeof LICENSE_MODES)[number];

/** Why a machine refused an event: the rule IDs and a sentence. */
export interface Refusal {
  readonly rules: readonly string[];
  readonly reason: string;
}
