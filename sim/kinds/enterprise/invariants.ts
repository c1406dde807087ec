// Observers of enterprise snapshots after each step (ORG-2, ORG-3, INT-2): they re-state the rule from the
// outside, so a machine change that breaks it is reported as a violation (exit 1) instead of passing silently.
import type { EnterpriseSnapshot } from '../../../machines/enterpriseRefusals.js';
import { MS } from '../../../machines/rules.js';
import type { Invariant } from '../../engine/engine.js';

const isEnterprise = (entity: string) => entity.startsWith('enterprise:');
const ADMIN_DECISIONS = new Set(['retrySync', 'abandonSync']);

export const ENTERPRISE_INVARIANTS: readonly Invariant[] = [
  {
    id: 'INV-SYNC-FAILED-WAITS-FOR-ADMIN',
    rules: ['INT-2'],
    description: 'a failed org sync call changes only by the enterprise admin retrying or abandoning it',
    afterStep: ({ entry, before, after }) => {
      if (!isEnterprise(entry.entity) || !before || ADMIN_DECISIONS.has(entry.event)) return undefined;
      const was = (before as EnterpriseSnapshot).context.syncs;
      const now = (after as EnterpriseSnapshot).context.syncs;
      const moved = Object.keys(was).find((id) => was[id]!.status === 'failed' && now[id]?.status !== 'failed');
      return moved ? `failed sync ${moved} became ${now[moved]?.status ?? 'gone'} on ${entry.event}` : undefined;
    },
  },
  {
    id: 'INV-DISSOLVED-ONLY-EMPTY',
    rules: ['ORG-2'],
    description: 'an enterprise is dissolved only with no departments and no members left',
    afterStep: ({ entry, before, after }) => {
      if (!isEnterprise(entry.entity) || !before || before.matches('dissolved') || !after.matches('dissolved')) return undefined;
      const { departments, members } = (before as EnterpriseSnapshot).context;
      const left = [...Object.keys(departments), ...Object.keys(members)];
      return left.length > 0 ? `dissolved with ${left.join(', ')} left` : undefined;
    },
  },
  {
    id: 'INV-PASSWORD-RESET-LIMITS',
    rules: ['ORG-3'],
    description: 'accepted password resets keep the 3-minute gap, the hourly and the daily limit in every sliding window',
    afterStep: ({ entry, after }) => {
      if (!isEnterprise(entry.entity) || entry.event !== 'resetPassword' || !entry.accepted) return undefined;
      const { passwordResets: times, params } = (after as EnterpriseSnapshot).context;
      const last = times.at(-1)!;
      const previous = times.at(-2);
      if (previous !== undefined && last - previous < params.passwordResetMinIntervalMs) return `resets ${last - previous} ms apart`;
      const inHour = times.filter((t) => last - t < MS.hour).length;
      if (inHour > params.passwordResetsPerHour) return `${inHour} resets within an hour`;
      const inDay = times.filter((t) => last - t < MS.day).length;
      return inDay > params.passwordResetsPerDay ? `${inDay} resets within a day` : undefined;
    },
  },
];
