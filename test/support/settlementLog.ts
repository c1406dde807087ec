// Hand-built events.jsonl lines that follow sim/contracts.ts exactly (ledger, supervisionCompleted, a delisting),
// for settlement tests until order machines emit them end to end. Inputs only: expected outputs come from RULES.md.
import type { LedgerParams, PaymentSources } from '../../machines/contracts.js';
import type { LogEntry } from '../../sim/log/entry.js';
import { formatTime, parseTime } from '../../machines/time.js';

/** Epoch ms of a UTC+8 time text ("2024-01-31T20:00"). */
export function at(text: string): number {
  const ms = parseTime(text);
  if (ms === undefined) throw new Error(`bad time ${text}`);
  return ms;
}

const NO_PAYMENT: PaymentSources = { discount: 0, coupon: 0, cashCoupons: 0, balanceCash: 0, balanceCredit: 0, monthlySettlement: 0 };

export type LedgerSpec = Partial<LedgerParams> & Pick<LedgerParams, 'orderId' | 'amountFen' | 'at'>;

/** A complete LedgerParams with defaults for what a test does not care about (a period SaaS purchase by m1). */
export function ledger(spec: LedgerSpec): LedgerParams {
  const entry = spec.entry ?? (spec.amountFen < 0 || spec.orderType === 'refund' ? 'refund' : 'order');
  return {
    entry,
    orderType: entry === 'refund' ? 'refund' : 'purchase',
    merchantId: 'm1',
    productId: 'p1',
    specId: 's1',
    buyerId: 'b1',
    deliveryType: 'saas',
    chargingMode: 'period',
    // ORD-7: the sources add up to the amount (a refund's are negative, as the order machine writes them).
    paymentSources: { ...NO_PAYMENT, balanceCash: spec.amountFen },
    tags: {},
    ...spec,
  };
}

/** Builds a log: each call appends one accepted entry with the next seq. */
export class LogBuilder {
  readonly entries: LogEntry[] = [];

  private push(entity: string, event: string, time: number, state: string, effects?: LogEntry['effects']): this {
    this.entries.push({
      seq: this.entries.length,
      at: formatTime(time),
      entity,
      event,
      source: 'timeline',
      accepted: true,
      state,
      rules: [],
      ...(effects ? { effects } : {}),
    });
    return this;
  }

  money(spec: LedgerSpec): this {
    const params = ledger(spec);
    const id = params.relatesTo && params.entry === 'refund' ? params.relatesTo : params.orderId;
    return this.push(`order:${id}`, params.entry === 'refund' ? 'refund' : 'purchase', params.at, 'active', [{ type: 'ledger', params: { ...params } }]);
  }

  completed(orderId: string, completedAt: number, settlementMonth = ''): this {
    const params = { orderId, completedAt, validFrom: completedAt, productId: 'p1', merchantId: 'm1', buyerId: 'b1', deliveryType: 'manualService', acceptedAt: completedAt, acceptedBy: 'buyer', settlementMonth, openAppeals: 0 };
    return this.push(`supervision:${orderId}`, 'accept', completedAt, 'completed', [{ type: 'supervisionCompleted', params }]);
  }

  delisted(productId: string, time: number, state = 'discontinued'): this {
    return this.push(`product:${productId}`, 'delist', time, state);
  }
}
