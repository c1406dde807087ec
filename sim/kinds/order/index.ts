// The order entity kind (`order:<orderId>`): one purchase and its instance (ORD, REF, REN, INT-1): its machine,
// the preparers that join it to the product and the buyer's wallet, its effects and its invariants.
import { orderMachine } from '../../../machines/orderMachine.js';
import { explainOrderRefusal } from '../../../machines/orderRefusals.js';
import { explainedBy, type KindModule } from '../../module.js';
import { autoRenewHandler, ledgerHandler } from './effects.js';
import { ORDER_INVARIANTS } from './invariants.js';
import { prepareDiskSwap, preparePurchase, prepareRenewal, prepareTrialConversion } from './prepare.js';

export const orderModule: KindModule = {
  name: 'order',
  entity: {
    kind: 'order',
    machine: orderMachine,
    explain: explainedBy(explainOrderRefusal),
  },
  preparers: {
    purchase: preparePurchase,
    renew: prepareRenewal,
    convertTrial: prepareTrialConversion,
    replaceSystemDisk: prepareDiskSwap,
  },
  effects: { ledger: ledgerHandler, autoRenewDue: autoRenewHandler },
  invariants: ORDER_INVARIANTS,
};
