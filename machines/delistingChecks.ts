// What must be true before a product is delisted, as pure checks shared by the product machine's guards and the
// explanations of refused commands: the notice to existing buyers (DEL-6, DEL-7) and the reconciliation of every
// pending settlement of the product (STL-5).
import { addBusinessDays } from './calendar.js';
import type { RulesParams } from './rules.js';
import type { Problem } from './submissionChecks.js';

/** DEL-6: the notice the seller published to every existing buyer (所有存量用户) before applying to delist. */
export interface BuyerNotice {
  /** Channels it went out on (站内信 inSite, 邮件 email, 公告 announcement, SMS…): more than one. */
  readonly channels: readonly string[];
  /** Who it was sent to: every existing buyer, not a sample. */
  readonly audience: 'allExistingBuyers' | 'someBuyers';
  /** When it was published (epoch ms). */
  readonly publishedAt: number;
  /** 下架原因 */
  readonly reason: string;
  /** 生效时间: when the delisting takes effect, as the notice states it (epoch ms). */
  readonly effectiveAt: number;
  /** 对现有服务的影响: whether existing service continues, and for how long. */
  readonly impact: string;
  /** 后续解决方案: data export, migration path or an alternative product. */
  readonly followUp: string;
  /** Buyers are given a data backup or export tool (数据备份或导出工具). */
  readonly dataExportTool: boolean;
}

/**
 * DEL-6 and DEL-7: what keeps a delisting request from being filed at `requestedAt`. Empty when the notice is valid
 * or the profile asks for none.
 */
export function buyerNoticeProblems(notice: BuyerNotice | undefined, requestedAt: number, params: RulesParams): Problem[] {
  if (!params.delistNoticeRequired) return [];
  if (notice === undefined) return [{ rule: 'DEL-6', reason: 'no notice to existing buyers was published before applying to delist' }];
  const problems: Problem[] = [];
  const channels = new Set(notice.channels.map((c) => c.trim()).filter((c) => c.length > 0));
  if (channels.size < params.delistNoticeMinChannels) {
    problems.push({ rule: 'DEL-6', reason: `the buyer notice went out on ${channels.size} channel(s), at least ${params.delistNoticeMinChannels} are needed` });
  }
  if (notice.audience !== 'allExistingBuyers') problems.push({ rule: 'DEL-6', reason: 'the buyer notice must reach every existing buyer' });
  const blank = (['reason', 'impact', 'followUp'] as const).filter((field) => !notice[field].trim());
  if (blank.length > 0) problems.push({ rule: 'DEL-6', reason: `the buyer notice does not state its ${blank.join(', ')}` });
  if (!notice.dataExportTool) problems.push({ rule: 'DEL-6', reason: 'buyers are not given a data backup or export tool' });
  if (notice.publishedAt > requestedAt) problems.push({ rule: 'DEL-6', reason: 'the buyer notice must be published before the delisting request' });
  if (notice.effectiveAt - notice.publishedAt < params.delistNoticePeriodMs) {
    problems.push({ rule: 'DEL-7', reason: `the notice states an effective time less than the notice period (${params.delistNoticePeriodMs} ms) after its publication` });
  }
  return problems;
}

/** When a delisting review requested at `requestedAt` for `businessDays` ends (DEL-3). */
export function reviewDueAt(requestedAt: number, businessDays: number, params: RulesParams): number {
  return addBusinessDays(requestedAt, businessDays, params.businessCalendar, params.settlementUtcOffsetMinutes);
}

/**
 * DEL-7: an approved delisting takes effect at the review's end, or at the effective time the buyer notice stated
 * if that is later, so buyers are never told a later date than the real one (and the notice, published at least the
 * notice period before its stated time, precedes the real one by at least that much).
 */
export function delistingEffectiveAt(reviewEndsAt: number, notice: BuyerNotice | undefined): number {
  return notice === undefined ? reviewEndsAt : Math.max(reviewEndsAt, notice.effectiveAt);
}

/**
 * STL-5: the product's orders whose settlement is still pending and that the seller has not reconciled and
 * confirmed. `pending` is what the simulator knows now (joined into the command); empty when the rule is off.
 */
export function unconfirmedSettlements(pending: readonly string[] | undefined, confirmed: readonly string[], params: RulesParams): string[] {
  if (!params.reconcileBeforeDelisting) return [];
  const done = new Set(confirmed);
  return (pending ?? []).filter((orderId) => !done.has(orderId));
}

export function settlementProblems(pending: readonly string[] | undefined, confirmed: readonly string[], params: RulesParams): Problem[] {
  const open = unconfirmedSettlements(pending, confirmed, params);
  if (open.length === 0) return [];
  const shown = open.slice(0, 5).join(', ') + (open.length > 5 ? ` and ${open.length - 5} more` : '');
  return [{ rule: 'STL-5', reason: `pending settlements not reconciled and confirmed: ${shown}` }];
}
