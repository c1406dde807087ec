// The simulated merchant as a part of the run: it answers every `callMerchant` effect (REN-3..6, INT-1, INT-2).
import type { SimModule } from '../module.js';
import { createMerchantHandler } from './peer.js';

export const merchantModule: SimModule = {
  name: 'merchant',
  effects: { callMerchant: createMerchantHandler },
};
