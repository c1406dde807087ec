// Settings validation as the analyst types: a `key=value` rules override checked against the profile, with
// the parameter's rule ID and default; and the flags a run is started with (the same ones `marketsim run` takes).
import ms from 'ms';
import type { Platform } from '../../machines/domain.js';
import { paramMeta, parseSetOption, PROFILES, resolveRules, RULES_PARAM_NAMES, type RulesParamName } from '../../machines/rules.js';
import type { RunFlags } from '../flags.js';

export interface ParamInfo {
  readonly name: RulesParamName;
  readonly rule: string;
  readonly doc: string;
  /** The profile's default, as the analyst would type it. */
  readonly defaultText: string;
}

export type OverrideCheck =
  | { readonly status: 'empty' }
  /** A known parameter and a value the rules accept. */
  | { readonly status: 'ok'; readonly param: ParamInfo; readonly text: string }
  /** Still typing the name: the parameters it could be. */
  | { readonly status: 'partial'; readonly candidates: readonly ParamInfo[] }
  | { readonly status: 'error'; readonly message: string; readonly param?: ParamInfo };

const isParamName = (name: string): name is RulesParamName => (RULES_PARAM_NAMES as readonly string[]).includes(name);

/** Durations read best as "10d"; everything else as the JSON `--set` takes. */
export function valueText(name: string, value: unknown): string {
  if (name.endsWith('Ms') && typeof value === 'number') return ms(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function paramInfo(name: RulesParamName, platform: Platform): ParamInfo {
  const meta = paramMeta(name);
  return { name, rule: meta.rule, doc: meta.doc, defaultText: valueText(name, PROFILES[platform][name]) };
}

/** Checks one override as typed, together with the ones already set (some rules relate two parameters). */
export function checkOverride(text: string, platform: Platform, others: readonly string[] = []): OverrideCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { status: 'empty' };
  if (!trimmed.includes('=')) {
    if (isParamName(trimmed)) return { status: 'error', message: 'type = and a value', param: paramInfo(trimmed, platform) };
    const candidates = RULES_PARAM_NAMES.filter((n) => n.toLowerCase().startsWith(trimmed.toLowerCase()));
    if (candidates.length === 0) return { status: 'error', message: `unknown rules parameter "${trimmed}"` };
    return { status: 'partial', candidates: candidates.map((n) => paramInfo(n, platform)) };
  }
  const parsed = parseSetOption(trimmed);
  if (!parsed.ok) return { status: 'error', message: parsed.error };
  if (!isParamName(parsed.key)) return { status: 'error', message: `unknown rules parameter "${parsed.key}"` };
  const param = paramInfo(parsed.key, platform);
  const sets: Record<string, unknown> = {};
  for (const other of others) {
    const o = parseSetOption(other);
    if (o.ok) sets[o.key] = o.value;
  }
  sets[parsed.key] = parsed.value;
  const resolved = resolveRules(platform, sets);
  if (!resolved.ok) return { status: 'error', message: resolved.error[0]!.message, param };
  return { status: 'ok', param, text: trimmed };
}

/** What the settings screen holds; turned into `marketsim run` flags so both paths resolve a run alike. */
export interface Settings {
  readonly seed: string;
  readonly profile: Platform;
  readonly overrides: readonly string[];
  readonly lang: 'en' | 'zh';
  readonly excel: boolean;
  readonly compare: CompareVariant;
}

/** The optional second run the results are diffed against. */
export type CompareVariant =
  | { readonly kind: 'none' }
  | { readonly kind: 'profile'; readonly profile: Platform }
  | { readonly kind: 'overrides'; readonly overrides: readonly string[] };

export function runFlags(settings: Settings): RunFlags {
  return { seed: settings.seed, profile: settings.profile, set: [...settings.overrides], lang: settings.lang, excel: settings.excel };
}

/** The comparison run's flags: same seed; another profile, or the base overrides plus the variant's. */
export function compareFlags(settings: Settings): RunFlags | undefined {
  const base = runFlags(settings);
  if (settings.compare.kind === 'profile') return { ...base, profile: settings.compare.profile };
  if (settings.compare.kind === 'overrides' && settings.compare.overrides.length > 0) {
    return { ...base, set: [...settings.overrides, ...settings.compare.overrides] };
  }
  return undefined;
}

/** A short name for the comparison run: "tencent" or the overrides it adds. */
export function compareLabel(compare: CompareVariant): string {
  if (compare.kind === 'profile') return compare.profile;
  if (compare.kind === 'overrides') return compare.overrides.join(' ') || 'none';
  return 'none';
}
