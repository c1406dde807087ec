// The checker's settlement invariants, run on a finished run's log: every fen of the ledger lands on exactly one
// final settlement line, and no supervised order is paid out before the month after its completion. The expected
// money is what left buyers' pockets: each money fact's payment sources (ORD-7), never its amount (ORD-3: an hourly
// order's amount is a unit price, and a discount is paid by no one, so neither is money).
import { sumSources } from '../machines/payment.js';
import type { RulesParams } from '../machines/rules.js';
import type { LogEntry, Violation } from '../sim/log/entry.js';
import { addMonthsToMonth, formatTime, localMonth } from '../machines/time.js';
import { settle, type Settlement } from './settlement.js';
import { settlementFacts, type SettlementFacts } from './settlementFacts.js';

export const SETTLEMENT_CHECKS = {
  everyFen: { id: 'INV-EVERY-FEN-ACCOUNTED', rules: ['STL-7', 'STL-2', 'STL-4', 'REF-2', 'REF-4'] },
  afterSupervision: { id: 'INV-NO-SETTLEMENT-BEFORE-SUPERVISION', rules: ['SUP-10', 'STL-3'] },
} as const;

/** Buyers' money per merchant: what they paid minus what was refunded, from the payment sources of each fact. */
export function paidPerMerchant(facts: SettlementFacts): ReadonlyMap<string, number> {
  if (facts.paidByMerchant) return facts.paidByMerchant;
  const paid = new Map<string, number>();
  for (const { ledger } of facts.ledger) {
    paid.set(ledger.merchantId, (paid.get(ledger.merchantId) ?? 0) + sumSources(ledger.paymentSources));
  }
  return paid;
}

function everyFenProblems(facts: SettlementFacts, settlement: Settlement): string[] {
  const expected = paidPerMerchant(facts);
  const accounted = new Map<string, number>();
  for (const row of settlement.rows) {
    if (row.final) accounted.set(row.line.merchantId, (accounted.get(row.line.merchantId) ?? 0) + row.line.grossFen);
    if (row.commissionFen + row.netFen !== row.line.grossFen) return [`${row.line.orderId}: commission + net ≠ gross`];
  }
  const merchants = [...new Set([...expected.keys(), ...accounted.keys()])].sort();
  return merchants
    .filter((m) => (expected.get(m) ?? 0) !== (accounted.get(m) ?? 0))
    .map((m) => `merchant ${m}: buyers paid ${expected.get(m) ?? 0} fen net of refunds, settlement accounts for ${accounted.get(m) ?? 0}`);
}

function earlySettlements(facts: SettlementFacts, settlement: Settlement, params: RulesParams): { orderId: string; message: string }[] {
  const completed = new Map(facts.completions.map((c) => [c.orderId, c.completedAt]));
  const offset = params.settlementUtcOffsetMinutes;
  const problems: { orderId: string; message: string }[] = [];
  for (const row of settlement.rows) {
    const { line } = row;
    if (row.treatment !== 'settled' || line.grossFen <= 0 || !params.supervisedDeliveryTypes.includes(line.deliveryType as never)) continue;
    if (line.orderType === 'usage' || line.chargingMode === 'hourly') continue;
    const orderId = line.orderType === 'renewal' ? (line.relatesTo ?? line.orderId) : line.orderId;
    const at = completed.get(orderId);
    const earliest = at === undefined ? undefined : addMonthsToMonth(localMonth(at, offset), params.settlementLagMonths);
    if (earliest === undefined || row.settlementMonth < earliest) {
      const when = at === undefined ? 'before its supervision completed' : `in ${row.settlementMonth}, before ${earliest}`;
      problems.push({ orderId: line.orderId, message: `supervised ${line.deliveryType} order settled ${when}` });
    }
  }
  return problems;
}

/** Violations of the settlement invariants for a finished run (empty when the books balance). */
export function settlementViolations(
  entries: readonly LogEntry[],
  params: RulesParams,
  runEnd: number,
  seq: number,
  /** The settlement under check; tests pass a deliberately broken one to prove the checks catch it. */
  settleWith: typeof settle = settle,
): Violation[] {
  return settlementFactViolations(settlementFacts(entries), params, runEnd, seq, settleWith);
}

/** `settlementViolations` from facts already gathered (a run collects them as it goes: reports/runDigest.ts). */
export function settlementFactViolations(
  facts: SettlementFacts,
  params: RulesParams,
  runEnd: number,
  seq: number,
  settleWith: typeof settle = settle,
): Violation[] {
  return settlementFactChecks(facts, params, runEnd, seq, settleWith).violations;
}

/** `settlementFactViolations` and the settlement it checked (a run's report files reuse it rather than settle again). */
export function settlementFactChecks(
  facts: SettlementFacts,
  params: RulesParams,
  runEnd: number,
  seq: number,
  settleWith: typeof settle = settle,
): { violations: Violation[]; settlement: Settlement } {
  const settlement = settleWith({ facts, params, runEnd });
  return { violations: settlementViolationsOf(facts, settlement, params, runEnd, seq), settlement };
}

function settlementViolationsOf(facts: SettlementFacts, settlement: Settlement, params: RulesParams, runEnd: number, seq: number): Violation[] {
  const at = formatTime(runEnd);
  const { everyFen, afterSupervision } = SETTLEMENT_CHECKS;
  return [
    ...everyFenProblems(facts, settlement).map((message) => ({ seq, at, check: everyFen.id, rules: everyFen.rules, entity: 'settlement', message })),
    ...earlySettlements(facts, settlement, params).map(({ orderId, message }) => ({
      seq,
      at,
      check: afterSupervision.id,
      rules: afterSupervision.rules,
      entity: `order:${orderId}`,
      message,
    })),
  ];
}
