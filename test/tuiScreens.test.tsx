// Component tests of the TUI screens, rendered at a fixed 80 columns and asserted on ink frames.
import { newLogSpool } from '../cli/tui/logSpool.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Box } from 'ink';
import { render } from 'ink-testing-library';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { setupFromFlags } from '../cli/flags.js';
import { BarChart } from '../cli/tui/BarChart.js';
import { scenarioCatalog } from '../cli/tui/catalog.js';
import { CoverageTab } from '../cli/tui/CoverageTab.js';
import { DiffTab } from '../cli/tui/DiffTab.js';
import { fenText } from '../cli/tui/adapters.js';
import { RunStatus } from '../cli/tui/RunStatus.js';
import { runView, type RunView } from '../cli/tui/runView.js';
import { ScenarioPicker } from '../cli/tui/ScenarioPicker.js';
import { SettlementTable } from '../cli/tui/SettlementTable.js';
import { Settings } from '../cli/tui/Settings.js';
import { SummaryTab } from '../cli/tui/SummaryTab.js';
import { ThemeContext, themeFor } from '../cli/tui/theme.js';
import { ViolationsTab } from '../cli/tui/ViolationsTab.js';
import { parseTime } from '../machines/time.js';
import { simulate } from '../runs/run.js';

const WIDTH = 80;
const DOWN = '\u001B[B';
const RIGHT = '\u001B[C';
const ENTER = '\r';

const at80 = (node: ReactNode) => render(<ThemeContext.Provider value={{ colour: false }}><Box width={WIDTH} flexDirection="column">{node}</Box></ThemeContext.Provider>);
const tick = () => new Promise((r) => setTimeout(r, 40));
const lines = (frame: string | undefined) => (frame ?? '').split('\n');

function view(scenario: string, flags: { profile?: string; set?: string[] } = {}): RunView {
  const prepared = setupFromFlags(scenario, flags);
  if (!prepared.ok) throw new Error(prepared.error.toString());
  return runView('base', scenario, flags, simulate(prepared.setup, prepared.options), newLogSpool());
}

describe('theme', () => {
  it('NO_COLOR set to anything non-empty turns colour off; unset or empty leaves it on', () => {
    expect(themeFor({ NO_COLOR: '1' }).colour).toBe(false);
    expect(themeFor({}).colour).toBe(true);
    expect(themeFor({ NO_COLOR: '' }).colour).toBe(true);
  });
});

describe('ScenarioPicker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tui-picker-'));
  writeFileSync(join(dir, 'broken.yaml'), 'name: broken\nprofile: nowhere\n');
  const entries = scenarioCatalog(dir);

  it('lists built-ins with profile, period and description, and a bad file with its one-line error', () => {
    const { lastFrame } = at80(<ScenarioPicker entries={entries} initial={0} visible={entries.length} onPick={() => {}} onQuit={() => {}} />);
    const frame = lastFrame()!;
    expect(frame).toMatch(/› default\s+koogallery 20\d\d-\d\d-\d\d → 20\d\d-\d\d-\d\d/);
        expect(frame).toMatch(/delisting-tencent\s+tencent/);
    expect(frame).toContain('✗ ');
    expect(frame).toMatch(/broken\.yaml: .+/);
    expect(frame.split('\n').at(-1)).toBe('↑↓ move · enter pick · q quit');
    for (const line of lines(frame)) expect(line.length).toBeLessThanOrEqual(WIDTH);
  });

  it('moves with ↓, picks with enter, and refuses a bad file with a note', async () => {
    const onPick = vi.fn();
    const bad = entries.findIndex((e) => !e.ok);
    const { stdin, lastFrame } = at80(<ScenarioPicker entries={entries} initial={bad - 1} visible={20} onPick={onPick} onQuit={() => {}} />);
    await tick();
    stdin.write(DOWN);
    await tick();
    stdin.write(ENTER);
    await tick();
    expect(onPick).not.toHaveBeenCalled();
    expect(lastFrame()).toContain('this file has an error');
    stdin.write('\u001B[A');
    await tick();
    stdin.write(ENTER);
    await tick();
    expect(onPick).toHaveBeenCalledWith(entries[bad - 1]);
  });
});

describe('Settings', () => {
  const initial = { seed: '1', profile: 'koogallery', overrides: [], lang: 'en', excel: false, compare: { kind: 'none' } } as const;

  it('checks an override as it is typed, showing the rule ID and the default, and adds it on enter', async () => {
    const onRun = vi.fn();
    const { stdin, lastFrame } = at80(<Settings scenarioName="default" initial={initial} onRun={onRun} onBack={() => {}} />);
    await tick();
    stdin.write(DOWN);
    await tick();
    stdin.write(DOWN);
    await tick();
    stdin.write('hardwareAuto');
    await tick();
    expect(lastFrame()).toContain('… hardwareAutoAcceptDelayMs (SUP-5, default 10d)');
    stdin.write('AcceptDelayMs=5x');
    await tick();
    expect(lastFrame()).toMatch(/✗ not a duration: "5x"/);
    stdin.write('\u007F');
    await tick();
    stdin.write('d');
    await tick();
    expect(lastFrame()).toContain('✓ SUP-5 · default 10d · automatic acceptance after the courier');
    stdin.write(ENTER);
    await tick();
    expect(lastFrame()).toMatch(/overrides\s+hardwareAutoAcceptDelayMs=5d/);
    stdin.write('nosuchParam=1');
    await tick();
    expect(lastFrame()).toContain('✗ unknown rules parameter "nosuchParam"');
    stdin.write(ENTER);
    await tick();
    expect(onRun).not.toHaveBeenCalled();
  });

  it('offers the other profile as a comparison variant and runs with the settings on enter', async () => {
    const onRun = vi.fn();
    const { stdin, lastFrame } = at80(<Settings scenarioName="default" initial={initial} onRun={onRun} onBack={() => {}} />);
    await tick();
    for (const key of [DOWN, DOWN, DOWN, RIGHT]) {
      stdin.write(key);
      await tick();
    }
    expect(lastFrame()).toContain('› compare     ‹ profile tencent ›');
    stdin.write(ENTER);
    await vi.waitFor(() => expect(onRun).toHaveBeenCalledWith({ ...initial, compare: { kind: 'profile', profile: 'tencent' } }));
  });
});

describe('RunStatus', () => {
  it('shows the bar over virtual time, the virtual date, events per second, orders and the ETA', () => {
    const progress = {
      job: 'base', jobIndex: 0, jobs: 2, virtualNow: parseTime('2024-02-15 12:00')!, fraction: 0.5, events: 3000, orders: 12, elapsedMs: 2000,
    };
    const { lastFrame } = at80(<RunStatus progress={progress} width={WIDTH} />);
    const [title, barLine, stats] = lines(lastFrame());
    expect(title).toBe('Running base (1/2)');
    expect(barLine).toBe(`${'█'.repeat(23)}${'·'.repeat(23)}  50%  2024-02-15 12:00`);
    expect(stats).toBe('3000 events · 1500/s · 12 orders · ETA 2s');
  });
});

describe('results tabs', () => {
  // A small scripted scenario: the default one is a year of a generated market, too slow for component tests.
  const SMALL = 'publishing-koogallery';
  const base = view(SMALL);

  it('summary: scenario, seed, counts and the verdict', () => {
    const { lastFrame } = at80(<SummaryTab run={base} width={WIDTH} />);
    const frame = lastFrame()!;
    expect(frame).toContain(`${SMALL} · koogallery · seed ${base.summary.seed} · 2024-03-01 → 2024-03-31`);
    expect(frame).toMatch(/\d+ events: \d+ accepted, \d+ refused/);
    expect(frame).toMatch(/Settlement/);
  });

  // A settlement-summary.csv written by hand from the column list of the settlement spec (not produced by the code).
  const summaryCsv = [
    'settlement_month,merchant_id,lines,settled_amount,netted_amount,gross_amount,commission,net_amount,deferred_amount,excluded_amount',
    '2024-01,m-acme,2,100.00,0.00,100.00,0.00,100.00,0.00,0.00',
    '2024-01,m-cloudy,1,3999.00,0.00,3999.00,0.00,3999.00,120.50,0.00',
    '2024-02,m-acme,3,250.00,-20.00,230.00,0.00,230.00,0.00,5.00',
  ].join('\n');
  const files = new Map([['settlement-summary.csv', `${summaryCsv}\n`]]);

  it('settlement table: merchant × month rows that sort by any column and reverse', async () => {
    const { stdin, lastFrame } = at80(<SettlementTable files={files} height={10} active />);
    let rows = lines(lastFrame());
    expect(rows[0]).toMatch(/^month↑\s+merchant\s+lines\s+gross\s+commission\s+net\s+deferred\s+excluded$/);
    expect(rows[1]).toMatch(/^2024-01 m-acme\s+2\s+100\.00\s+0\.00\s+100\.00\s+0\.00\s+0\.00$/);
    expect(rows[3]).toMatch(/^2024-02 m-acme/);
    for (const key of ['s', 's', 's', 's', 's', 'r']) {
      stdin.write(key);
      await tick();
    }
    rows = lines(lastFrame());
    expect(rows[0]).toContain('net↓');
    expect(rows[1]).toMatch(/^2024-01 m-cloudy\s+1\s+3999\.00/);
    expect(rows.at(-1)).toBe('rows 1–3 of 3 · sorted by net descending');
  });

  it('settlement table scrolls with ↓', async () => {
    const { stdin, lastFrame } = at80(<SettlementTable files={files} height={2} active />);
    stdin.write(DOWN);
    await tick();
    const rows = lines(lastFrame());
    expect(rows[1]).toMatch(/^2024-01 m-cloudy/);
    expect(rows.at(-1)).toBe('rows 2–3 of 3 · sorted by month ascending');
  });

  it('settlement table says "not available yet" when the run has no settlement files', () => {
    const { lastFrame } = at80(<SettlementTable files={new Map()} height={10} active />);
    expect(lastFrame()).toContain('not available yet');
  });

  it('violations: each with the exact command that replays it', () => {
    // The scenario expects its first submission to be refused for missing support info (PUB-9).
    const failing = view(SMALL, { set: ['submissionChecks=false'] });
    const { lastFrame } = at80(<ViolationsTab run={failing} height={5} active={false} />);
    const frame = lastFrame()!;
    expect(failing.summary.violations.length).toBeGreaterThan(0);
    expect(frame).toContain(`✗ ${failing.summary.violations.length} violation(s)`);
    expect(lines(frame)).toContain(`marketsim run ${SMALL} --seed ${base.summary.seed} --set submissionChecks=false`);
    expect(frame).toContain(`1. ${failing.summary.violations[0]!.at.slice(0, 10)}`);
  });

  it('coverage: rules of the catalog marked exercised, refused only or not reached', () => {
    const catalog = ['PUB-2', 'PUB-5', 'ZZZ-1'];
    const { lastFrame } = at80(<CoverageTab run={base} catalog={catalog} source="test catalog" />);
    const frame = lastFrame()!;
    expect(frame).toContain('(test catalog)');
    expect(frame).toMatch(/PUB\s+2\/2\s+●2 ●5/);
    expect(frame).toMatch(/ZZZ\s+0\/1\s+○1/);
    expect(frame).toMatch(/named by the run, not in the catalog: .*HIDE-1/);
  });

  it('diff: none without a variant; the differences against another profile with one', () => {
    expect(at80(<DiffTab base={base} height={10} active={false} />).lastFrame()).toContain('No comparison variant');
    const variant = { ...view(SMALL, { profile: 'tencent' }), label: 'tencent' };
    const frame = at80(<DiffTab base={base} variant={variant} height={15} active={false} />).lastFrame()!;
    expect(frame).toContain(`base (koogallery) vs tencent · same seed ${base.summary.seed}`);
    expect(frame).toMatch(/profile\s+koogallery → tencent/);
  });

  it('bar chart: bars scaled to the largest magnitude, negatives in a lighter block', () => {
    const rows = [{ label: '2024-01', value: 10000 }, { label: '2024-02', value: -5000 }];
    const frame = at80(<BarChart rows={rows} format={fenText} barWidth={10} />).lastFrame()!;
    expect(lines(frame)).toEqual([`2024-01 ${'█'.repeat(10)} 100.00`, `2024-02 ${'░'.repeat(5)}${' '.repeat(5)} -50.00`]);
  });
});
