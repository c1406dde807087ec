// Precise reasons for refused enterprise commands (the guards say only yes or no), so a log line names the
// rule and what failed: the member left in a department (ORG-1), the reset limit hit (ORG-3), … Pure.
import type { AnyEventObject, SnapshotFrom } from 'xstate';
import type { Refusal } from './domain.js';
import type { enterpriseMachine } from './enterpriseMachine.js';
import { batchChanges, membersOf, supersededBy } from './enterpriseOrg.js';
import { passwordResetRefusal } from './enterprisePasswordResets.js';

export type EnterpriseSnapshot = SnapshotFrom<typeof enterpriseMachine>;

type Fields = AnyEventObject & { at: number; by?: string; department?: string; member?: string; members?: string[]; callId?: string };

export function explainEnterpriseRefusal(snapshot: EnterpriseSnapshot, event: AnyEventObject): Refusal | undefined {
  if (snapshot.matches('dissolved')) return { rules: ['ORG-2'], reason: `${event.type} refused: the enterprise is dissolved` };
  if (!snapshot.matches('active')) return undefined;
  const e = event as Fields;
  if (e.by !== undefined && e.by !== 'buyer' && e.type !== 'merchantReplied') {
    return { rules: [], reason: `${e.type} is done by the enterprise admin in the buyer center, not by ${e.by}` };
  }
  return organisationRefusal(snapshot, e) ?? syncRefusal(snapshot, e);
}

function organisationRefusal(snapshot: EnterpriseSnapshot, e: Fields): Refusal | undefined {
  const { context } = snapshot;
  switch (e.type) {
    case 'deleteDepartment': {
      const left = e.department !== undefined && context.departments[e.department] ? membersOf(context, e.department) : [];
      return left.length > 0
        ? { rules: ['ORG-1'], reason: `department ${e.department} still has members (${left.join(', ')}); delete them first` }
        : undefined;
    }
    case 'dissolve': {
      const departments = Object.keys(context.departments);
      const members = Object.keys(context.members);
      return { rules: ['ORG-2'], reason: `delete the departments (${departments.join(', ') || 'none'}) and members (${members.join(', ') || 'none'}) first` };
    }
    case 'resetPassword':
      if (!(e as { phoneCodeVerified?: boolean }).phoneCodeVerified) {
        return { rules: ['ORG-3'], reason: "the admin phone's verification code was not verified" };
      }
      return passwordResetRefusal(context.passwordResets, e.at, context.params);
    case 'disableMembers':
    case 'enableMembers': {
      const changes = batchChanges(context, e.members ?? [], e.type === 'enableMembers');
      if (changes === undefined) return { rules: ['ORG-4'], reason: 'the batch names a member who is not in the enterprise' };
      return { rules: ['ORG-4'], reason: `every member named is ${e.type === 'enableMembers' ? 'enabled' : 'disabled'} already` };
    }
    default:
      return undefined;
  }
}

function syncRefusal(snapshot: EnterpriseSnapshot, e: Fields): Refusal | undefined {
  if (e.type !== 'retrySync' && e.type !== 'abandonSync') return undefined;
  const call = e.callId !== undefined ? snapshot.context.syncs[e.callId] : undefined;
  if (!call) return { rules: ['INT-2'], reason: `no sync call ${e.callId}` };
  const newer = call.status === 'failed' ? supersededBy(snapshot.context, e.callId!) : undefined;
  if (newer) return { rules: ['INT-2'], reason: `sync call ${e.callId} is superseded by ${newer}, which carries a newer state; abandon it` };
  return { rules: ['INT-2'], reason: `sync call ${e.callId} is ${call.status}; only a failed call waits for the admin's decision` };
}
