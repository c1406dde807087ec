// The built-in enterprise scenario runs clean: every timeline item's `expect` holds, so each ORG rule
// it walks is refused and accepted where the rulebook says; and a bad merchant reference is bad input.
import { describe, expect, test } from 'vitest';
import { loadScenarioFile, parseScenarioText } from '../scenarios/loader.js';
import { appliedCalls, callAttempts, merchantView } from '../sim/merchant/peer.js';
import { resolveRun, simulate } from '../runs/run.js';

const FILE = new URL('../scenarios/enterprise-koogallery.yaml', import.meta.url).pathname;

describe('scenario enterprise-koogallery', () => {
  test('ORG-1 ORG-2 ORG-3 ORG-4 INT-2: every expectation holds, every rule is exercised, the merchant ends in step', () => {
    const loaded = loadScenarioFile(FILE);
    if (!loaded.ok) throw new Error(loaded.error.toString());
    const resolved = resolveRun(loaded.scenario);
    if (!resolved.ok) throw new Error(resolved.error.toString());
    const result = simulate(resolved.setup);
    expect(result.violations).toEqual([]);
    const withExpect = loaded.scenario.timeline.filter((item) => item.expect !== undefined).length;
    expect(withExpect).toBe(loaded.scenario.timeline.length);
    const refusedBy = new Set(result.entries.filter((e) => !e.accepted).flatMap((e) => e.rules));
    for (const rule of ['ORG-1', 'ORG-2', 'ORG-3', 'ORG-4', 'INT-2']) expect(refusedBy, rule).toContain(rule);
    expect(result.engine.snapshot({ kind: 'enterprise', id: 'acme' })!.value).toBe('dissolved');
    // INT-2: the call that failed while the endpoint was down reached the merchant once, on the admin's retry;
    // at the end the merchant's view matches the emptied enterprise.
    expect(callAttempts(result.engine).get('acme.sync.2')).toBe(2);
    expect(appliedCalls(result.engine).get('acme.sync.2')).toBe(1);
    const view = merchantView(result.engine, 'partner');
    expect([...view.departments.keys()]).toEqual([]);
    expect(view.tenants.get('acme')).toMatchObject({ authorisations: [] });
  });

  test('createEnterprise naming an undeclared merchant is bad input with its path', () => {
    const text = [
      'name: x',
      'start: 2024-06-03T08:00',
      'end: 2024-06-04T08:00',
      'timeline:',
      '  - { at: 2024-06-03T09:00, event: createEnterprise, enterprise: e1, merchant: nobody }',
    ].join('\n');
    const loaded = parseScenarioText(text, 'x.yaml');
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.error.toString()).toBe('x.yaml: timeline[0].merchant: unknown merchant "nobody"');
  });
});
