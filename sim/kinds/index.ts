// The entity kinds the engine hosts, each with its machine and how to explain a refusal.
import type { AnyEventObject, AnyMachineSnapshot } from 'xstate';
import type { ProductSnapshot } from '../../machines/productAvailability.js';
import { productMachine } from '../../machines/productMachine.js';
import { explainProductRefusal } from '../../machines/productRefusals.js';
import type { EntityKind } from '../engine/engine.js';
import { supervisionMachine } from '../../machines/supervisionMachine.js';
import { enterpriseKind } from './enterprise/index.js';
import { orderKind } from './order/index.js';
import { demandKind } from './demand/index.js';

export const KINDS: Readonly<Record<string, EntityKind>> = {
  product: {
    kind: 'product',
    machine: productMachine,
    explain: (snapshot: AnyMachineSnapshot, event: AnyEventObject) => explainProductRefusal(snapshot as ProductSnapshot, event),
  },
  enterprise: enterpriseKind,
  /** Released once completed with no appeal open (a later appeal revives it, exactly as it was). */
  supervision: { kind: 'supervision', machine: supervisionMachine, settled: (snapshot) => snapshot.matches({ flow: 'completed', appeal: 'none' }) },
  order: orderKind,
  demand: demandKind,
};
