// Effect handlers of the order kind: money facts update the buyer's wallet (ORD-7); a due auto-renewal becomes a
// `renew` command from the system at the same instant (REN-1), prepared like a buyer's renewal.
import type { RunContext } from '../../runContext.js';
import type { TypedEffectHandler } from '../../module.js';
import { applyLedger, walletOf } from './wallet.js';

export const ledgerHandler = (run: RunContext): TypedEffectHandler<'ledger'> => (effect, _source, world) => {
  applyLedger(walletOf(world, run.buyers, effect.params.buyerId), effect.params);
};

export const autoRenewHandler = (): TypedEffectHandler<'autoRenewDue'> => (effect, source, world) => {
  world.schedule(world.now, {
    target: source,
    event: { type: 'renew', by: 'system', periods: effect.params.periods, auto: true },
    source: 'sim',
  });
};
