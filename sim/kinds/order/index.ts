// The order entity kind (`order:<orderId>`): one purchase and its instance (ORD, REF, REN, INT-1).
import type { AnyEventObject, AnyMachineSnapshot } from 'xstate';
import { orderMachine } from '../../../machines/orderMachine.js';
import { explainOrderRefusal, type OrderSnapshot } from '../../../machines/orderRefusals.js';
import type { EntityKind } from '../../engine/engine.js';

export const orderKind: EntityKind = {
  kind: 'order',
  machine: orderMachine,
  explain: (snapshot: AnyMachineSnapshot, event: AnyEventObject) => explainOrderRefusal(snapshot as OrderSnapshot, event),
};
