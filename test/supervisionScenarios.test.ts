// The built-in supervision scenarios run clean: every timeline item's `expect` holds, and the
// completions they log carry the validity and settlement month the rulebook's examples give.
import { describe, expect, test } from 'vitest';
import type { SupervisionCompletion } from '../machines/supervisionMachine.js';
import { loadScenarioFile, parseScenarioText } from '../scenarios/loader.js';
import { resolveRun, simulate } from '../runs/run.js';

function run(name: string) {
  const loaded = loadScenarioFile(new URL(`../scenarios/${name}.yaml`, import.meta.url).pathname);
  if (!loaded.ok) throw new Error(loaded.error.toString());
  const resolved = resolveRun(loaded.scenario);
  if (!resolved.ok) throw new Error(resolved.error.toString());
  const result = simulate(resolved.setup);
  const completions = new Map(
    result.entries
      .flatMap((e) => e.effects ?? [])
      .filter((f) => f.type === 'supervisionCompleted')
      .map((f) => [String(f.params.orderId), f.params as unknown as SupervisionCompletion]),
  );
  return { result, completions, expectations: loaded.scenario.timeline.filter((i) => i.expect).length };
}

describe('built-in supervision scenarios', () => {
  test('SUP-9 SUP-1 SUP-10 supervision-validity: the worked example both ways, billed the month after completion', () => {
    const { result, completions, expectations } = run('supervision-validity');
    expect(result.violations).toEqual([]);
    expect(expectations).toBeGreaterThan(10);
    expect(completions.get('o-opened')?.validity).toBe('2024-01-01..2024-02-01');
    expect(completions.get('o-plain')?.validity).toBe('2024-02-01..2024-03-01');
    expect(completions.get('o-plain')?.settlementMonth).toBe('2024-03');
  });

  test('SUP-5 supervision-hardware: accepted by the system 10 days after sign-off; the phone mismatch only by the buyer', () => {
    const { result, completions } = run('supervision-hardware');
    expect(result.violations).toEqual([]);
    expect(completions.get('o-tracked')).toMatchObject({ acceptedBy: 'system', completedAt: Date.parse('2024-03-15T15:30:00+08:00') });
    expect(completions.get('o-mismatch')?.acceptedBy).toBe('buyer');
    expect(result.entries.filter((e) => e.source === 'timer' && e.entity === 'supervision:o-mismatch')).toEqual([]);
  });

  test('SUP-8 supervision-appeal: resolved appeals return to the flow; an open appeal shows in the final state', () => {
    const { result, completions } = run('supervision-appeal');
    expect(result.violations).toEqual([]);
    expect(completions.get('o1')?.openAppeals).toBe(0);
    expect(completions.get('o2')?.openAppeals).toBe(1);
    expect(result.engine.snapshot({ kind: 'supervision', id: 'o2' })?.matches({ appeal: 'open' })).toBe(true);
  });

  test('SUP-3 SUP-4 supervision-license: 2024-09-13 old flow, 2024-09-15 new flow, enablement cloud waits', () => {
    const { result, completions } = run('supervision-license');
    expect(result.violations).toEqual([]);
    expect(completions.get('o-0913')?.acceptedBy).toBe('buyer');
    expect(completions.get('o-0915')?.acceptedBy).toBe('system');
    expect(completions.get('o-ent')).toMatchObject({ acceptedBy: 'buyer', validFrom: Date.parse('2024-09-18T14:00:00+08:00') });
  });

  test('SUP-6 SUP-7 supervision-types: data-file documents, app orchestration 已完成 3 hours after acceptance', () => {
    const { result, completions } = run('supervision-types');
    expect(result.violations).toEqual([]);
    expect(completions.get('o-app')).toMatchObject({ completedAt: Date.parse('2024-06-01T01:00:00+08:00'), settlementMonth: '2024-07' });
  });

  test('SUP-9 SUP-10 supervision-orders: a paid purchase opens supervision; the order\'s validity starts at the opening time', () => {
    const { result, completions } = run('supervision-orders');
    expect(result.violations).toEqual([]);
    expect(completions.get('o1')?.validFrom).toBe(Date.parse('2024-01-01T12:00:00+08:00'));
    const told = result.entries.find((e) => e.entity === 'order:o1' && e.event === 'supervisionCompleted');
    expect(told?.accepted).toBe(true);
    expect(completions.has('o0')).toBe(false);
    expect(result.engine.snapshot({ kind: 'supervision', id: 'o0' })?.matches({ flow: 'created' })).toBe(true);
  });

  test('SUP-10 openSupervision naming an undeclared buyer is bad input with its path', () => {
    const text = [
      'name: x',
      'start: 2024-06-03T08:00',
      'end: 2024-06-04T08:00',
      'merchants: [{ id: m1 }]',
      'products: [{ id: p1, merchant: m1, name: P, deliveryType: saas, specs: [{ id: s, priceFen: 1, period: month }] }]',
      'timeline:',
      '  - { at: 2024-06-03T09:00, event: openSupervision, supervision: o1, product: p1, buyer: nobody }',
    ].join('\n');
    const loaded = parseScenarioText(text, 'x.yaml');
    expect(loaded.ok ? '' : loaded.error.toString()).toBe('x.yaml: timeline[0].buyer: unknown buyer "nobody"');
  });
});
