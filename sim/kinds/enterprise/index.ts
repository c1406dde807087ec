// The enterprise entity kind (`enterprise:<id>`): its machine and how a refusal is explained (ORG-1..4, INT-2).
import type { AnyEventObject, AnyMachineSnapshot } from 'xstate';
import { enterpriseMachine } from '../../../machines/enterpriseMachine.js';
import { explainEnterpriseRefusal, type EnterpriseSnapshot } from '../../../machines/enterpriseRefusals.js';
import type { EntityKind } from '../../engine/engine.js';

export const enterpriseKind: EntityKind = {
  kind: 'enterprise',
  machine: enterpriseMachine,
  explain: (snapshot: AnyMachineSnapshot, event: AnyEventObject) => explainEnterpriseRefusal(snapshot as EnterpriseSnapshot, event),
};
