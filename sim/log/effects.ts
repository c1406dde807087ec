// What each effect carries, by name. A machine declares each effect action with exactly this params type (see the
// `effect()` overloads in machines/orderMachine.ts and the action signatures in each machine's setup), so an
// effect's name is the proof of its params' type: handlers narrow with `isEffect` and need no cast.
import type {
  AutoRenewDueParams,
  LedgerParams,
  MerchantCallParams,
  ProductionInterfaceMessageParams,
  ReplayInterfaceTestsParams,
  StartSupervisionParams,
  SupervisionCompletedParams,
} from '../../machines/contracts.js';
import type { Effect } from './entry.js';

export interface EffectParams {
  /** A money fact: payment, renewal, refund or usage (ORD-7, STL-*). */
  readonly ledger: LedgerParams;
  /** A call to the merchant's production interface (REN-3..6, INT-1, INT-2). */
  readonly callMerchant: MerchantCallParams;
  /** An order of a supervised delivery type was paid (SUP-10). */
  readonly startSupervision: StartSupervisionParams;
  /** A service order completed; the order learns its validity (SUP-9). */
  readonly supervisionCompleted: SupervisionCompletedParams;
  /** An auto-renewal is due (REN-1). */
  readonly autoRenewDue: AutoRenewDueParams;
  /** A merchant call attempt failed (生产接口消息, REN-3). */
  readonly productionInterfaceMessage: ProductionInterfaceMessageParams;
  /** The platform's periodic replay of a product's saved interface test cases is due (INT-1). */
  readonly replayInterfaceTests: ReplayInterfaceTestsParams;
}

export type EffectName = keyof EffectParams;

export interface TypedEffect<K extends EffectName> {
  readonly type: K;
  readonly params: EffectParams[K];
}

/** Narrows a logged effect to the params its name declares. */
export function isEffect<K extends EffectName>(effect: Effect, type: K): effect is Effect & TypedEffect<K> {
  return effect.type === type;
}
