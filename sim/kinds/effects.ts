// Effect handlers: what the simulator does when a machine asks for a side effect (a named custom action).
// An effect without a handler is only logged (e.g. `notify`, PUB-7: the log line is the notification).
import type { EffectHandler } from '../engine/engine.js';
import type { RunContext } from '../runContext.js';
import { orderRefundedHandler, startSupervisionHandler, supervisionCompletedHandler } from './supervision/supervision.js';
import { createMerchantHandler } from '../merchant/peer.js';
import { autoRenewHandler, ledgerHandler } from './order/effects.js';
import { discountEffectiveHandler } from './demand/index.js';

export type EffectHandlerFactory = (run: RunContext) => EffectHandler;

/** Per effect type; kinds added later register theirs here (one line each, their handler in their own file). */
export const EFFECT_HANDLERS: Readonly<Record<string, EffectHandlerFactory>> = {
  startSupervision: startSupervisionHandler,
  supervisionCompleted: supervisionCompletedHandler,
  orderRefunded: orderRefundedHandler,
  callMerchant: createMerchantHandler,
  ledger: ledgerHandler,
  autoRenewDue: autoRenewHandler,
  discountEffective: discountEffectiveHandler,
};

/** The handlers for one run; `overrides` (test-only) replace factories by effect type. */
export function createEffectHandlers(run: RunContext, overrides: Readonly<Record<string, EffectHandlerFactory>> = {}): Record<string, EffectHandler> {
  return Object.fromEntries(Object.entries({ ...EFFECT_HANDLERS, ...overrides }).map(([type, factory]) => [type, factory(run)]));
}
