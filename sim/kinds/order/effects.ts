// Effect handlers of the order kind: money facts update the buyer's wallet (ORD-7); a due auto-renewal becomes a
// `renew` command from the system at the same instant (REN-1), prepared like a buyer's renewal.
import type { AutoRenewDueParams, LedgerParams } from '../../../machines/contracts.js';
import type { EffectHandler } from '../../engine/engine.js';
import type { EffectHandlerFactory } from '../effects.js';
import { applyLedger, walletOf } from './wallet.js';

export const ledgerHandler: EffectHandlerFactory = (run): EffectHandler => (effect, _source, world) => {
  const entry = effect.params as unknown as LedgerParams;
  applyLedger(walletOf(world, run.buyers, entry.buyerId), entry);
};

export const autoRenewHandler: EffectHandlerFactory = (): EffectHandler => (effect, source, world) => {
  const due = effect.params as unknown as AutoRenewDueParams;
  world.schedule(world.now, {
    target: source,
    event: { type: 'renew', by: 'system', periods: due.periods, auto: true },
    source: 'sim',
  });
};
