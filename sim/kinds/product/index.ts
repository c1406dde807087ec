// The product entity kind (`product:<id>`): publishing, review, hiding and delisting (PUB, HIDE, DEL).
import { productMachine } from '../../../machines/productMachine.js';
import { explainProductRefusal } from '../../../machines/productRefusals.js';
import { explainedBy, type KindModule } from '../../module.js';
import { PRODUCT_INVARIANTS } from './invariants.js';
import { prepareDelistingRequest } from './prepare.js';

export const productModule: KindModule = {
  name: 'product',
  entity: {
    kind: 'product',
    machine: productMachine,
    explain: explainedBy(explainProductRefusal),
  },
  preparers: { requestDelisting: prepareDelistingRequest },
  invariants: PRODUCT_INVARIANTS,
};
