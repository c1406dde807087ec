// Every number and duration a scenario or `--set` gives is bounded, so nothing the loader accepts crashes or hangs
// later: positive repeat intervals (ORD-8 billing unit, REN-3 retry pause), offsets within a day (STL-1), times and
// durations that keep the clock inside the years it formats, real dates (SUP-4, DEL-3), id lengths, a delivery
// mix with some weight, population sizes a run finishes, and money totals that stay safe integers.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { resolveRules } from '../machines/rules.js';
import { parseScenarioText } from '../scenarios/loader.js';
import { resolveRun, simulate } from '../runs/run.js';
import { runMain, tempFolders } from './support/inProcess.js';

const temp = tempFolders();
afterAll(temp.cleanup);

const HEAD = 'name: bounds\nstart: 2024-01-01\nend: 2024-03-01\n';
const CATALOG = `merchants: [{ id: m1 }]
products: [{ id: p1, merchant: m1, name: P, deliveryType: saas, specs: [{ id: s1, priceFen: PRICE, period: month }] }]
buyers: [{ id: b1 }]
`;

function refusal(text: string): string {
  const loaded = parseScenarioText(text, 'b.yaml');
  if (!loaded.ok) return loaded.error.toString();
  const resolved = resolveRun(loaded.scenario);
  if (!resolved.ok) return resolved.error.toString();
  throw new Error('accepted');
}

function accepted(text: string): boolean {
  const loaded = parseScenarioText(text, 'b.yaml');
  return loaded.ok && resolveRun(loaded.scenario).ok;
}

describe('rules parameters', () => {
  test.each([
    ['ORD-8 billingHourMs: 0 (hourly billing would re-arm at the same instant forever)', { billingHourMs: 0 }, /outside 1m … 1d/],
    ['REN-3 productExpiredRetryIntervalMs: 0', { productExpiredRetryIntervalMs: 0 }, /outside 1s … 1d/],
    ['REN-3 a retry window of more than a thousand intervals', { productExpiredRetryWindowMs: '30d', productExpiredRetryIntervalMs: '1m' }, /more than 1000 attempts/],
    ['SUP-5 a delay beyond ten years', { hardwareAutoAcceptDelayMs: 1e20 }, /outside 0 … /],
    ['STL-1 an offset beyond a day', { settlementUtcOffsetMinutes: 100_000 }, /<=840/],
    ['SUP-4 a cut-over that is not a date', { licenseAuthCodeNewFlowFrom: 'next spring' }, /expected a time/],
    ['DEL-3 a calendar with no working day', { businessCalendar: { weekendDays: [0, 1, 2, 3, 4, 5, 6], holidays: [], workdays: [] } }, /working day/],
    ['DEL-3 a holiday that is not a calendar date', { businessCalendar: { weekendDays: [0, 6], holidays: ['2024-02-30'], workdays: [] } }, /not a calendar date/],
    ['DEL-3 a review longer than a year of business days', { delistReviewBusinessDaysMax: 100_000 }, /<=260/],
  ])('%s is refused', (_, overrides, message) => {
    const r = resolveRules('koogallery', overrides);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[0]!.message).toMatch(message);
  });

  test('the published defaults and the profiles stay inside the bounds (ORD-8 1h, REN-3 5m/1h)', () => {
    expect(resolveRules('koogallery', {}).ok).toBe(true);
    expect(resolveRules('tencent', { billingHourMs: '1m', productExpiredRetryIntervalMs: '10s' }).ok).toBe(true);
  });

  test('--set billingHourMs=0 is exit 2 with one line, nothing written', async () => {
    const out = join(temp.make(), 'out');
    const r = await runMain(['run', 'default', '--set', 'billingHourMs=0', '--out', out]);
    expect([r.code, r.err]).toEqual([2, ['marketsim: --set: billingHourMs: 0 is outside 1m … 1d']]);
    expect(existsSync(out)).toBe(false);
  });
});

describe('the scenario file', () => {
  test('a 300-character name is refused by the schema, before it reaches the file system', async () => {
    const dir = temp.make();
    expect(refusal(HEAD.replace('bounds', 'n'.repeat(300)))).toMatch(/^b\.yaml: name: .*<=64/);
    const r = await runMain(['run', 'default', '--seed', 's'.repeat(300), '--out', join(dir, 'o')]);
    expect([r.code, r.err]).toEqual([2, ['marketsim: --seed: (300 characters): at most 200 characters']]);
  });

  test.each([
    ['a start before 1970', HEAD.replace('2024-01-01', '1900-01-01'), /start: must be between 1970 and 2200/],
    ['an end after 2200', HEAD.replace('2024-03-01', '9999-03-01'), /end: must be between 1970 and 2200/],
    ['a run longer than ten years', HEAD.replace('2024-03-01', '2044-03-01'), /end: a run covers at most ten years/],
    ['an outage window in the year 9000', `${HEAD}faults: [{ down: { from: 2024-01-05, to: 9000-01-01 } }]\n`, /faults\[0\]\.down\.to: must be between/],
    ['an error rate above 1', `${HEAD}faults: [{ errorRate: { numerator: 3, denominator: 2 } }]\n`, /probability cannot exceed 1/],
  ])('%s is refused', (_, text, message) => {
    expect(refusal(text)).toMatch(message);
  });

  test.each([
    ['a price beyond ¥100,000,000', CATALOG.replace('PRICE', '10000000001'), /priceFen: .*<=10000000000/],
    ['periods beyond ten years of months', `${CATALOG.replace('PRICE', '100')}timeline: [{ at: 2024-01-02, event: purchase, order: o1, buyer: b1, product: p1, periods: 1000 }]\n`, /periods: .*<=120/],
  ])('%s is refused', (_, catalog, message) => {
    expect(refusal(`${HEAD}${catalog}`)).toMatch(message);
  });

  test('totals that could leave the safe-integer range are refused up front; the same orders at a lower price run', () => {
    const purchases = Array.from({ length: 80 }, (_, i) => `  - { at: 2024-01-02, event: purchase, order: o${i}, buyer: b1, product: p1, periods: 120 }`).join('\n');
    const long = HEAD.replace('2024-03-01', '2033-12-01');
    expect(refusal(`${long}${CATALOG.replace('PRICE', '10000000000')}timeline:\n${purchases}\n`)).toMatch(/^b\.yaml: timeline\[\d+\]: .*safe-integer range/);
    expect(accepted(`${long}${CATALOG.replace('PRICE', '1000')}timeline:\n${purchases}\n`)).toBe(true);
  });
});

describe('work a run can finish', () => {
  const HOURLY = `merchants: [{ id: m1 }]
products: [{ id: img, merchant: m1, name: I, deliveryType: image, chargingMode: hourly, specs: [{ id: h, priceFen: 50 }] }]
buyers: [{ id: b1 }]
timeline:
  - { at: 2024-01-02, event: submit, product: img }
  - { at: 2024-01-02T01:00, event: approve, product: img }
  - { at: 2024-01-02T02:00, event: list, product: img, by: operator }
  - { at: 2024-01-02T03:00, event: purchase, order: o1, buyer: b1, product: img }
`;

  test('ORD-8: an hourly order billed every minute for ten years is accepted: it wakes once a month, not every minute', () => {
    const decade = `${HEAD.replace('2024-03-01', '2033-12-31')}rules: { billingHourMs: 1m }\n${HOURLY}`;
    const loaded = parseScenarioText(decade, 'b.yaml');
    if (!loaded.ok) throw new Error(loaded.error.toString());
    const resolved = resolveRun(loaded.scenario);
    if (!resolved.ok) throw new Error(resolved.error.toString());
    const run = simulate(resolved.setup);
    const wakes = run.entries.filter((e) => e.entity === 'order:o1' && e.source === 'timer');
    // 119 month ends from 2024-02-01 to 2033-12-01, and the run's end.
    expect(wakes.length).toBe(120);
    const minutes = (Date.parse('2033-12-31T00:00:00+08:00') - Date.parse('2024-01-02T03:00:00+08:00')) / 60_000;
    const billed = run.entries.flatMap((e) => e.effects ?? []).filter((e) => e.type === 'ledger' && e.params.entry === 'usage');
    expect(billed.reduce((sum, e) => sum + (e.params.usage as { hours: number }).hours, 0)).toBe(minutes);
  });

  test('ORD-8: a generated market billed every minute is accepted (billing no longer takes a step per unit)', () => {
    const market = `${HEAD}rules: { billingHourMs: 1m }\npopulation: { merchants: 2, buyers: 10, ordersPerMonth: 3000 }\n`;
    expect(accepted(market)).toBe(true);
  });
});

describe('population', () => {
  const POP = (fields: string) => `${HEAD}population: { merchants: 2, buyers: 10, ordersPerMonth: 10${fields} }\n`;

  test.each([
    ['a delivery mix of all zeros', POP(', deliveryMix: { saas: 0, image: 0 }'), /deliveryMix: at least one delivery type/],
    ['an acceptance delay under the hour the generator starts from', POP(', acceptanceDelayMs: 30m'), /acceptanceDelayMs: .*outside 1h/],
    ['more merchants than a run holds', POP('').replace('merchants: 2', 'merchants: 100000'), /merchants: .*<=500/],
    ['more buyers than a run holds', POP('').replace('buyers: 10', 'buyers: 10000000'), /buyers: .*<=250000/],
    ['more orders over the period than a run holds', POP('').replace('ordersPerMonth: 10', 'ordersPerMonth: 600000'), /ordersPerMonth: generates 1200000 orders/],
    [
      'prices whose totals leave the safe-integer range',
      POP(', priceFen: { min: 1, max: 1000000000 }').replace('ordersPerMonth: 10', 'ordersPerMonth: 8000').replace('2024-03-01', '2024-12-31'),
      /population\.priceFen\.max: .*safe-integer/,
    ],
  ])('%s is refused', (_, text, message) => {
    expect(refusal(text)).toMatch(message);
  });
});
