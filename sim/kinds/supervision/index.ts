// The supervision entity kind (`supervision:<orderId>`): a service order watched by delivery type until the buyer
// accepts (SUP-1..10).
import { supervisionMachine } from '../../../machines/supervisionMachine.js';
import type { KindModule } from '../../module.js';
import { orderRefundedHandler, SUPERVISION_KIND, SUPERVISION_PREPARERS, startSupervisionHandler, supervisionCompletedHandler } from './service.js';

export const supervisionModule: KindModule = {
  name: SUPERVISION_KIND,
  entity: {
    kind: SUPERVISION_KIND,
    machine: supervisionMachine,
  },
  preparers: SUPERVISION_PREPARERS,
  effects: { startSupervision: startSupervisionHandler, supervisionCompleted: supervisionCompletedHandler, orderRefunded: orderRefundedHandler },
};
