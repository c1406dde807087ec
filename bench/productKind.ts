// The product entity kind as the engine hosts it, built here from the machine so the bench does not depend on
// the registry of kinds other engineers extend (sim/kinds.ts).
import type { AnyEventObject, AnyMachineSnapshot } from 'xstate';
import type { ProductSnapshot } from '../machines/productAvailability.js';
import { productMachine } from '../machines/productMachine.js';
import { explainProductRefusal } from '../machines/productRefusals.js';
import type { EntityKind } from '../sim/engine/engine.js';

export const productKind: EntityKind = {
  kind: 'product',
  machine: productMachine,
  explain: (snapshot: AnyMachineSnapshot, event: AnyEventObject) => explainProductRefusal(snapshot as ProductSnapshot, event),
};
