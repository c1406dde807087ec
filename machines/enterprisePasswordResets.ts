// ORG-3 password-reset throttle as pure functions over the times of past resets (virtual epoch ms).
// Windows slide: a reset at t counts against a new one at `at` while at - t < window (the stricter reading).
import type { Refusal } from './domain.js';
import { MS, type RulesParams } from './rules.js';

type ResetLimits = Pick<RulesParams, 'passwordResetMinIntervalMs' | 'passwordResetsPerHour' | 'passwordResetsPerDay'>;

function countSince(history: readonly number[], at: number, windowMs: number): number {
  return history.filter((t) => at - t < windowMs).length;
}

/** Why a reset at `at` is refused by the limits (ORG-3), or undefined when it is allowed. */
export function passwordResetRefusal(history: readonly number[], at: number, limits: ResetLimits): Refusal | undefined {
  const last = history.at(-1);
  if (last !== undefined && at - last < limits.passwordResetMinIntervalMs) {
    const waitS = Math.ceil((limits.passwordResetMinIntervalMs - (at - last)) / 1000);
    return { rules: ['ORG-3'], reason: `at most one password reset per ${limits.passwordResetMinIntervalMs / MS.minute} min; next allowed in ${waitS}s` };
  }
  if (countSince(history, at, MS.hour) >= limits.passwordResetsPerHour) {
    return { rules: ['ORG-3'], reason: `${limits.passwordResetsPerHour} password resets in the last hour already (limit)` };
  }
  if (countSince(history, at, MS.day) >= limits.passwordResetsPerDay) {
    return { rules: ['ORG-3'], reason: `${limits.passwordResetsPerDay} password resets in the last 24 hours already (limit)` };
  }
  return undefined;
}

/** The history after a reset at `at`, keeping only what can still count (the day window is the widest). */
export function withPasswordReset(history: readonly number[], at: number): readonly number[] {
  return [...history.filter((t) => at - t < MS.day), at];
}
