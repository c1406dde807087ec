// A finished run lets its engine go before it is settled (runs/run.ts finish()): the entities, timers, wallets and
// merchants' state are most of a large run's memory and no file reads them once summary.json's world facts are
// taken. Checked on the built code in a node of its own, with a heap snapshot taken at the moment the run says it
// has let go (V8 collects before a snapshot): no Engine may be reachable then. The control ends the same run with
// result(), which keeps its engine, so the count is shown to see one.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { setupFromFlags } from '../cli/flags.js';
import { simulateYielding } from '../runs/run.js';

const SCRIPT = fileURLToPath(new URL('./support/enginesAtRelease.mjs', import.meta.url));
const enginesAt = (mode: string, scenario: string): { engines: number; settled: boolean } =>
  JSON.parse(execFileSync(process.execPath, [SCRIPT, mode, scenario], { encoding: 'utf8', timeout: 60_000 })) as { engines: number; settled: boolean };

describe('the engine is let go before the run is settled', () => {
  it.each(['market-tiny', 'supervision-orders'])('as `marketsim run` runs (simulateYielding): no engine is reachable when %s is settled', (scenario) => {
    expect(enginesAt('yielding', scenario)).toEqual({ engines: 0, settled: true });
  });

  it('as the TUI runs (slices, then finish()): no engine is reachable when the run is settled', () => {
    expect(enginesAt('finish', 'market-tiny')).toEqual({ engines: 0, settled: true });
  });

  it('control: a run ended with result() keeps its engine, and the count sees it', () => {
    expect(enginesAt('result', 'market-tiny')).toEqual({ engines: 1, settled: true });
  });
});

describe('a sliced run hears each virtual month (where `marketsim run` collects a large heap)', () => {
  it('default (12 months): called once per 30 days of virtual time stepped, after the first month, never per slice', async () => {
    const prepared = setupFromFlags('default', {}, { lazyArrivals: true });
    if (!prepared.ok) throw new Error(prepared.error.toString());
    const { start, end } = prepared.setup.scenario;
    let lastAt = start;
    const heard: number[] = [];
    await simulateYielding(prepared.setup, {
      ...prepared.options,
      retainLog: false,
      onEntry: (entry) => void (lastAt = Date.parse(entry.at)),
      onVirtualMonth: () => void heard.push(lastAt),
    });
    const months = Math.floor((end - start) / (30 * DAY));
    expect(heard.length).toBeGreaterThanOrEqual(months - 1);
    expect(heard.length).toBeLessThanOrEqual(months);
    // The n-th call comes once n × 30 days have been stepped, and before the next 30 days are.
    heard.forEach((at, i) => expect(at - start, `call ${i + 1}`).toBeLessThanOrEqual((i + 1) * 30 * DAY));
    heard.forEach((at, i) => expect(at - start, `call ${i + 1}`).toBeGreaterThan(i * 30 * DAY));
  });
});

const DAY = 86_400_000;
