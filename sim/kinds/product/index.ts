// The product entity kind (`product:<id>`): publishing, review, hiding and delisting (PUB, HIDE, DEL), the
// settlements confirmed before delisting (STL-5) and the replay of saved interface test cases (INT-1).
import { productMachine } from '../../../machines/productMachine.js';
import { explainProductRefusal } from '../../../machines/productRefusals.js';
import { explainedBy, type KindModule } from '../../module.js';
import { PRODUCT_INVARIANTS } from './invariants.js';
import { replayInterfaceTestsHandler } from './effects.js';
import { PRODUCT_PREPARERS } from './prepare.js';

export const productModule: KindModule = {
  name: 'product',
  entity: {
    kind: 'product',
    machine: productMachine,
    explain: explainedBy(explainProductRefusal),
  },
  preparers: PRODUCT_PREPARERS,
  effects: { replayInterfaceTests: replayInterfaceTestsHandler },
  invariants: PRODUCT_INVARIANTS,
};
