// The supervision entity kind (`supervision:<orderId>`): a service order watched by delivery type until the buyer
// accepts (SUP-1..10). Released once completed with no appeal open (a later appeal revives it, exactly as it was).
import { supervisionMachine } from '../../../machines/supervisionMachine.js';
import type { KindModule } from '../../module.js';
import { SUPERVISION_KIND, SUPERVISION_PREPARERS, startSupervisionHandler, supervisionCompletedHandler } from './service.js';

export const supervisionModule: KindModule = {
  name: SUPERVISION_KIND,
  entity: {
    kind: SUPERVISION_KIND,
    machine: supervisionMachine,
    settled: (snapshot) => snapshot.matches({ flow: 'completed', appeal: 'none' }),
  },
  preparers: SUPERVISION_PREPARERS,
  effects: { startSupervision: startSupervisionHandler, supervisionCompleted: supervisionCompletedHandler },
};
