// Rule coverage of a run: which RULES.md IDs its log exercised (an accepted transition), only touched by a
// refusal, or never reached. The catalog is the rulebook bundled with the package (rulebook/RULES.md), so a clone
// anywhere reads the same IDs; the IDs the code knows are only a fallback for a rulebook that cannot be read.
import { readFileSync } from 'node:fs';
import { paramMeta, RULES_PARAM_NAMES } from '../../machines/rules.js';
import { RULEBOOK_PATH } from '../../rulebook/rulebook.js';
import type { RunSummary } from '../../runs/summary.js';

export const RULES_MD = RULEBOOK_PATH;

const RULE_ID = /\*\*([A-Z]+-\d+)\*\*/g;

/** Rule IDs defined in a RULES.md text (each is written **ID** where it is defined). */
export function ruleIdsIn(markdown: string): string[] {
  return sortIds([...new Set([...markdown.matchAll(RULE_ID)].map((m) => m[1]!))]);
}

export function sortIds(ids: readonly string[]): string[] {
  const parts = (id: string): [string, number] => {
    const [family = '', n = '0'] = id.split('-');
    return [family, Number(n)];
  };
  return [...ids].sort((a, b) => {
    const [fa, na] = parts(a);
    const [fb, nb] = parts(b);
    return fa === fb ? na - nb : fa < fb ? -1 : 1;
  });
}

/** The catalog of rule IDs and where it came from. */
export function knownRuleIds(file: string = RULES_MD): { ids: string[]; source: string } {
  try {
    const ids = ruleIdsIn(readFileSync(file, 'utf8'));
    if (ids.length > 0) return { ids, source: 'RULES.md' };
  } catch {
    // No rulebook beside the checkout: fall back to the IDs the rules parameters carry.
  }
  return { ids: sortIds([...new Set(RULES_PARAM_NAMES.map((n) => paramMeta(n).rule))]), source: 'machines/rules.ts' };
}

export type Reach = 'exercised' | 'refusing' | 'unreached';

export interface FamilyCoverage {
  readonly family: string;
  readonly rules: readonly { readonly id: string; readonly reach: Reach }[];
  readonly exercised: number;
}

/** Coverage by rule family (PUB, HIDE, …), plus IDs the run named that the catalog does not hold. */
export function ruleCoverage(summary: RunSummary, catalog: readonly string[]): { families: FamilyCoverage[]; unknown: string[] } {
  const reach = (id: string): Reach =>
    id in summary.rulesExercised ? 'exercised' : id in summary.rulesRefusing ? 'refusing' : 'unreached';
  const families = new Map<string, { id: string; reach: Reach }[]>();
  for (const id of catalog) {
    const family = id.split('-')[0]!;
    families.set(family, [...(families.get(family) ?? []), { id, reach: reach(id) }]);
  }
  const named = new Set([...Object.keys(summary.rulesExercised), ...Object.keys(summary.rulesRefusing)]);
  return {
    families: [...families].map(([family, rules]) => ({ family, rules, exercised: rules.filter((r) => r.reach === 'exercised').length })),
    unknown: sortIds([...named].filter((id) => !catalog.includes(id))),
  };
}
