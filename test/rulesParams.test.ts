// Rules parameters and platform profiles: every parameter names its rule, profiles differ where the rules say,
// overrides are validated (unknown or ill-typed → error with the path).
import { describe, expect, test } from 'vitest';
import { paramMeta, parseSetOption, PROFILES, resolveRules, RULES_PARAM_NAMES, rulesParamsSchema, type RulesParamName } from '../machines/rules.js';
import { runFiles } from '../runs/files.js';
import { FLIPPED_IN_PRODUCT_TESTS, FLIPS, flipScenarioText } from './support/paramFlips.js';
import { runText } from './support/orderHarness.js';

const RULE_ID = /^(PUB|HIDE|DEL|ORD|REF|SUP|REN|INT|ORG|STL)-\d+$/;

describe('rules parameters', () => {
  test('every parameter carries the ID of the rule it comes from', () => {
    for (const name of RULES_PARAM_NAMES) expect(paramMeta(name).rule, name).toMatch(RULE_ID);
  });

  test('both profiles are complete and valid', () => {
    for (const profile of Object.values(PROFILES)) expect(rulesParamsSchema.safeParse(profile).success).toBe(true);
  });

  test('profiles differ where the rules name a platform: HIDE-2/HIDE-3, DEL-1/DEL-3, DEL-2, REF-1, REF-2, REF-4', () => {
    expect(PROFILES.koogallery.hiddenPurchasableByUrl).toBe(true);
    expect(PROFILES.tencent.hiddenPurchasableByUrl).toBe(false);
    expect(PROFILES.koogallery.delistFlow).toBe('discontinue');
    expect(PROFILES.tencent.delistFlow).toBe('review');
    expect(PROFILES.tencent.operatorOnlyDelistDeliveryTypes).toContain('image');
    expect(PROFILES.koogallery.operatorOnlyDelistDeliveryTypes).not.toContain('image');
    expect(PROFILES.tencent.noReasonRefundWindowMs).toBe(5 * 86_400_000);
    expect(PROFILES.koogallery.noReasonRefundWindowMs).toBe(0);
    expect(PROFILES.tencent.noReasonRefundExcludedFromSettlement).toBe(true);
    expect(PROFILES.koogallery.notYetEffectiveRefundNets).toBe(true);
    expect(PROFILES.tencent.notYetEffectiveRefundNets).toBe(false);
  });

  test('the published numbers: SUP-5 10 days, SUP-7 3 hours, REN-3 1 hour, ORG-3 3 min / 15 / 60, PUB-9 240/168 px', () => {
    const p = PROFILES.koogallery;
    expect([p.hardwareAutoAcceptDelayMs, p.appOrchestrationCompletionDelayMs, p.productExpiredRetryWindowMs]).toEqual([864_000_000, 10_800_000, 3_600_000]);
    expect([p.passwordResetMinIntervalMs, p.passwordResetsPerHour, p.passwordResetsPerDay]).toEqual([180_000, 15, 60]);
    expect([p.logoSizePx, p.logoMarkSizePx, p.delistReviewBusinessDaysMin, p.delistReviewBusinessDaysMax]).toEqual([240, 168, 1, 3]);
  });
});

describe('overrides', () => {
  test('apply over the chosen profile; durations accept "10d"-style strings', () => {
    const r = resolveRules('tencent', { hardwareAutoAcceptDelayMs: '5d', withdrawableDeliveryTypes: ['saas'] });
    expect(r.ok && r.params.hardwareAutoAcceptDelayMs).toBe(5 * 86_400_000);
    expect(r.ok && r.params.withdrawableDeliveryTypes).toEqual(['saas']);
    expect(r.ok && r.params.delistFlow).toBe('review');
  });

  test.each([
    [{ noSuchThing: 1 }, ['noSuchThing'], /unknown rules parameter/],
    [{ hardwareAutoAcceptDelayMs: 'soon' }, ['hardwareAutoAcceptDelayMs'], /not a duration/],
    [{ hardwareAutoAcceptDelayMs: -5 }, ['hardwareAutoAcceptDelayMs'], /not a duration/],
    [{ logoSizePx: 'big' }, ['logoSizePx'], /number/],
    [{ delistFlow: 'maybe' }, ['delistFlow'], /discontinue|review/],
    [{ withdrawableDeliveryTypes: ['teleport'] }, ['withdrawableDeliveryTypes', 0], /saas/],
    [{ delistReviewBusinessDaysMin: 4 }, ['delistReviewBusinessDaysMin'], /must not exceed/],
    [{ billingHourMs: 0 }, ['billingHourMs'], /is outside 1m/],
    [{ productExpiredRetryIntervalMs: '0m' }, ['productExpiredRetryIntervalMs'], /is outside 1s/],
  ])('%j is refused with its path and reason', (overrides, path, message) => {
    const r = resolveRules('koogallery', overrides);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error[0]!.path).toEqual(path);
      expect(r.error[0]!.message).toMatch(message);
    }
  });

  test('--set values parse as JSON when they can, else as text', () => {
    expect(parseSetOption('a=5')).toEqual({ ok: true, key: 'a', value: 5 });
    expect(parseSetOption('a=10d')).toEqual({ ok: true, key: 'a', value: '10d' });
    expect(parseSetOption('a=["saas"]')).toEqual({ ok: true, key: 'a', value: ['saas'] });
    expect(parseSetOption('novalue').ok).toBe(false);
  });
});

/**
 * What a run did, as its files say it, less the files that echo the overrides themselves (summary.json,
 * summary.md and report.html, the replay command in violations.jsonl): a difference here is a difference in behaviour.
 */
function behaviour(name: keyof typeof FLIPS, sets: Record<string, unknown>): Map<string, string> {
  const { text, file } = flipScenarioText(FLIPS[name]);
  const files = runFiles(runText(text, file, sets));
  for (const echo of ['summary.json', 'summary.md', 'violations.jsonl', 'report.html']) files.delete(echo);
  return files;
}

describe('every parameter changes behaviour', () => {
  const elsewhere = new Set<string>(FLIPPED_IN_PRODUCT_TESTS);
  const rows = (Object.keys(FLIPS) as (keyof typeof FLIPS)[]).map((name) => ({ name, rule: paramMeta(name).rule }));

  test('every rules parameter is flipped: here, or in the product slice\'s own test', () => {
    expect([...Object.keys(FLIPS), ...elsewhere].sort()).toEqual([...RULES_PARAM_NAMES].sort());
  });

  test.each(rows)('$rule $name: flipping it changes what the run does', ({ name }) => {
    const flipped = behaviour(name, { [name]: FLIPS[name].value });
    expect(flipped).not.toEqual(behaviour(name, {}));
  });

  test('control: setting a parameter to the value it already has changes nothing (the comparison sees behaviour only)', () => {
    for (const name of ['commissionBasisPoints', 'chargingModes', 'refundClosesSupervision'] as const) {
      const { text, file } = flipScenarioText(FLIPS[name]);
      const platform = /profile: tencent/.test(text) ? 'tencent' : 'koogallery';
      expect(behaviour(name, { [name]: PROFILES[platform][name] })).toEqual(behaviour(name, {}));
      expect(file).toBeTruthy();
    }
  });
});
