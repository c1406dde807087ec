// Swarm testing: each seed of a sweep draws its own mix of rules (profile, switches flipped, durations moved
// within sane bounds) from the seed itself, so a failing seed replays with the `--set`s its mix records.
import { z } from 'zod';
import { PLATFORMS, type Platform } from '../../machines/domain.js';
import { PROFILES, RULES_PARAM_NAMES, rulesParamsSchema, type RulesParamName } from '../../machines/rules.js';
import { Rng, type Ratio } from '../rng.js';

/** Each parameter the swarm can vary joins a seed's mix with this probability (swarm testing's feature coin). */
export const SWARM_INCLUDE: Ratio = { numerator: 1, denominator: 2 };
const MINUTE_MS = 60_000;

export interface SwarmMix {
  readonly platform: Platform;
  /** Overrides drawn for this seed, by parameter name, in the order of machines/rules.ts. */
  readonly sets: Readonly<Record<string, unknown>>;
}

/**
 * A different value for one parameter, or undefined when the swarm leaves it alone: lists, calendars and
 * counts have cross-field constraints a blind draw would break, and a 0 duration means "disabled".
 */
function vary(name: RulesParamName, value: unknown, rng: Rng): unknown {
  if (typeof value === 'boolean') return !value;
  if (name.endsWith('Ms') && typeof value === 'number' && value >= 2 * MINUTE_MS) {
    // Half to twice the profile's value, in whole minutes: the same order of magnitude as the rulebook's.
    return rng.int(Math.ceil(value / 2 / MINUTE_MS), Math.floor((2 * value) / MINUTE_MS)) * MINUTE_MS;
  }
  const schema = rulesParamsSchema.shape[name];
  if (schema instanceof z.ZodEnum) {
    const others = (schema.options as readonly unknown[]).filter((option) => option !== value);
    return others.length > 0 ? rng.pick(others) : undefined;
  }
  return undefined;
}

/**
 * The mix of one seed, varied from the profile's values (the scenario's own `rules:` are overridden too).
 * Every draw is made whatever `--set` fixed, so a `--set` masks its own key and never shifts the rest.
 */
export function swarmMix(seed: string, fixed: { readonly platform?: Platform; readonly sets?: Readonly<Record<string, unknown>> }): SwarmMix {
  const rng = new Rng(seed).fork('swarm');
  const drawn = rng.pick(PLATFORMS);
  const platform = fixed.platform ?? drawn;
  const sets: Record<string, unknown> = {};
  for (const name of RULES_PARAM_NAMES) {
    const include = rng.chance(SWARM_INCLUDE);
    const value = vary(name, PROFILES[platform][name], rng);
    if (include && value !== undefined && !Object.hasOwn(fixed.sets ?? {}, name)) sets[name] = value;
  }
  return { platform, sets: { ...sets, ...fixed.sets } };
}
