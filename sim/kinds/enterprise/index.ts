// The enterprise entity kind (`enterprise:<id>`): its machine, how a refusal is explained, its preparer and its
// invariants (ORG-1..4, INT-2).
import { enterpriseMachine } from '../../../machines/enterpriseMachine.js';
import { explainEnterpriseRefusal } from '../../../machines/enterpriseRefusals.js';
import { explainedBy, type KindModule } from '../../module.js';
import { ENTERPRISE_INVARIANTS } from './invariants.js';
import { prepareCreateEnterprise } from './prepare.js';

export const enterpriseModule: KindModule = {
  name: 'enterprise',
  entity: {
    kind: 'enterprise',
    machine: enterpriseMachine,
    explain: explainedBy(explainEnterpriseRefusal),
  },
  preparers: { createEnterprise: prepareCreateEnterprise },
  invariants: ENTERPRISE_INVARIANTS,
};
