// Re-pricing a saved run (`marketsim settle <run-dir> --set key=value`): which rules parameters only the settlement
// reads, so a saved log can be settled again under other values without simulating again, and the summary.json
// a run with those overrides would have written. Pure: texts in, texts or one error line out.
import { RULES_PARAM_NAMES, parseSetOption, resolveRules, type RulesParamName } from '../machines/rules.js';
import { PLATFORMS, type Platform } from '../machines/domain.js';

/**
 * The parameters nothing but the settlement reads (reports/settlement.ts, summary.md): no machine, preparer,
 * generator or check looks at them (the settlement checks of reports/settlementChecks.ts compare gross amounts and
 * months, never the commission), so the log of a run and its violations are the same whatever their value; only
 * the replay commands of violations.jsonl name the new value. Every other settlement
 * parameter also changes the log and needs a re-run:
 * - settlementLagMonths: the supervision machine writes the billed month into its `supervisionCompleted` effect;
 * - settlementUtcOffsetMinutes: machines count validity months and the licence cut-over in it, and usage is folded by it;
 * - supervisedDeliveryTypes: decides which orders go through supervision at all (and the generated scripts);
 * - notYetEffectiveRefundNets, noReasonRefundExcludedFromSettlement: the order machine and the REF-2 re-order
 *   lookup read them, and they decide which refunds are offered.
 */
export const PRICING_PARAMS: readonly RulesParamName[] = ['commissionBasisPoints'];

/** The overrides of `--set key=value` words, checked to be pricing only; or the one line that says why not. */
export function pricingOverrides(words: readonly string[], profile: string): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  const sets: Record<string, unknown> = {};
  for (const word of words) {
    const parsed = parseSetOption(word);
    if (!parsed.ok) return { ok: false, error: `--set ${word}: ${parsed.error}` };
    if (!(RULES_PARAM_NAMES as readonly string[]).includes(parsed.key)) return { ok: false, error: `--set ${word}: unknown rules parameter ${JSON.stringify(parsed.key)}` };
    if (!(PRICING_PARAMS as readonly string[]).includes(parsed.key)) {
      return {
        ok: false,
        error: `--set ${word}: ${parsed.key} changes what the simulation does, not only the pricing; settle re-prices only ${PRICING_PARAMS.join(', ')}: re-run the scenario with \`marketsim run <scenario> --set ${word}\``,
      };
    }
    sets[parsed.key] = parsed.value;
  }
  if ((PLATFORMS as readonly string[]).includes(profile)) {
    const resolved = resolveRules(profile as Platform, sets);
    if (!resolved.ok) {
      const issue = resolved.error[0]!;
      return { ok: false, error: `--set ${issue.path.join('.')}: ${issue.message}` };
    }
  }
  return { ok: true, value: sets };
}

/**
 * summary.json as a run with these overrides on top would have written it: the same text with `overrides` merged
 * as `run` merges `--set` over the scenario's own (a key already there keeps its place, a new one goes last).
 */
export function repricedSummaryText(summaryText: string, sets: Readonly<Record<string, unknown>>): { ok: true; value: string } | { ok: false; error: string } {
  let summary: unknown;
  try {
    summary = JSON.parse(summaryText);
  } catch (error) {
    return { ok: false, error: `bad JSON: ${(error as Error).message}` };
  }
  if (typeof summary !== 'object' || summary === null || Array.isArray(summary)) return { ok: false, error: 'not an object' };
  const s = summary as Record<string, unknown>;
  if (typeof s.overrides !== 'object' || s.overrides === null) return { ok: false, error: 'overrides: must be an object' };
  const repriced = { ...s, overrides: { ...(s.overrides as Record<string, unknown>), ...sets } };
  return { ok: true, value: `${JSON.stringify(repriced, null, 2)}\n` };
}
