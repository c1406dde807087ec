// The TUI's settlement and diff tabs read as finance reads them, at fixed terminal widths: titles are never cut
// (a column that does not fit is left out whole), a payable change is signed (+8,465.60 / −8,465.60, never in
// accounting parentheses), and with lang zh titles, values and sentences come from the glossary.
import { Box } from 'ink';
import { render } from 'ink-testing-library';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { setupFromFlags } from '../cli/flags.js';
import { DiffTab } from '../cli/tui/DiffTab.js';
import { newLogSpool } from '../cli/tui/logSpool.js';
import { runView, type RunView } from '../cli/tui/runView.js';
import { SettlementTable } from '../cli/tui/SettlementTable.js';
import { SummaryTab } from '../cli/tui/SummaryTab.js';
import { ThemeContext } from '../cli/tui/theme.js';
import { simulate } from '../runs/run.js';

const at = (width: number, node: ReactNode) =>
  render(<ThemeContext.Provider value={{ colour: false }}><Box width={width} flexDirection="column">{node}</Box></ThemeContext.Provider>);
const lines = (frame: string | undefined) => (frame ?? '').split('\n');

function view(scenario: string, flags: { profile?: string; set?: string[]; lang?: string } = {}): RunView {
  const prepared = setupFromFlags(scenario, flags);
  if (!prepared.ok) throw new Error(prepared.error.toString());
  return runView('base', scenario, flags, simulate(prepared.setup, prepared.options), newLogSpool());
}

// settlement-summary.csv written by hand (its documented columns), with amounts wide enough to fill a column.
const HEADER = 'settlement_month,merchant_id,lines,settled_amount,netted_amount,gross_amount,commission,net_amount,deferred_amount,excluded_amount';
const summaryCsv = (net: string) => `${[HEADER, `2024-01,m0001,2,${net},0.00,${net},0.00,${net},0.00,0.00`, '2024-02,m0002,1,1478832.87,0.00,1478832.87,147883.29,1330949.58,120.50,0.00'].join('\n')}\n`;
const files = (net: string) => new Map([['settlement-summary.csv', summaryCsv(net)]]);

describe('settlement tab', () => {
  it.each([80, 140])('STL-1 STL-6: at %i columns every title is whole, `commission` included, and rows line up under them', (width) => {
    const frame = lines(at(width, <SettlementTable files={files('10000.00')} height={5} active={false} width={width} />).lastFrame());
    expect(frame[0]).not.toContain('…');
    expect(frame[0]).toMatch(/^month↑\s+merchant\s+lines\s+gross\s+commission\s+net\s+deferred\s+excluded$/);
    expect(frame[2]).toMatch(/^2024-02 m0002\s+1\s+1478832\.87\s+147883\.29\s+1330949\.58\s+120\.50\s+0\.00$/);
    // Right-aligned amounts end where their title ends.
    expect(frame[2]!.indexOf('147883.29') + '147883.29'.length).toBe(frame[0]!.indexOf('commission') + 'commission'.length);
  });

  it('STL-1: at 50 columns the columns that do not fit are left out whole and the status line says so', () => {
    const frame = lines(at(50, <SettlementTable files={files('10000.00')} height={5} active={false} width={50} />).lastFrame());
    expect(frame[0]).not.toContain('…');
    expect(frame[0]).toMatch(/^month↑\s+merchant\s+lines\s+gross\s+commission$/);
    expect(frame.at(-1)).toContain('3 columns hidden');
  });

  it('STL-1 REF-2 SUP-10: lang zh: Chinese titles from the glossary, whole, at 80 columns', () => {
    const frame = lines(at(80, <SettlementTable files={files('10000.00')} height={5} active={false} width={80} lang="zh" />).lastFrame());
    expect(frame[0]).toMatch(/^结算月份↑\s+商家\s+明细行数\s+订单金额\s+佣金\s+结算金额\s+待结算\s+不参与结算$/);
    expect(frame.at(-1)).toBe('行 1–2 共 2 · 排序： 结算月份 升序');
  });
});

describe('diff tab', () => {
  const SMALL = 'publishing-koogallery';
  const base = view(SMALL);
  const withNet = (run: RunView, net: string): RunView => ({ ...run, files: files(net) });

  it('STL-6: a payable up by 8,465.60 shows +8,465.60 and one down shows −8,465.60, never (8,465.60)', () => {
    const up = lines(at(100, <DiffTab base={withNet(base, '10000.00')} variant={{ ...withNet(base, '18465.60'), label: 'variant' }} height={10} active={false} />).lastFrame());
    const upLine = up.find((l) => l.includes('2024-01 m0001'))!;
    expect(upLine).toMatch(/10,000\.00 → +18,465\.60 +\+8,465\.60$/);
    expect(up.join('\n')).not.toMatch(/\(\d[\d,]*\.\d\d\)/);
    const down = lines(at(100, <DiffTab base={withNet(base, '18465.60')} variant={{ ...withNet(base, '10000.00'), label: 'variant' }} height={10} active={false} />).lastFrame());
    expect(down.find((l) => l.includes('2024-01 m0001'))).toMatch(/18,465\.60 → +10,000\.00 +\u22128,465\.60$/);
  });

  it('STL-6 REF-3 REF-2: changed lines are grouped by the rules behind them, each with its count and signed payable delta', () => {
    const scenario = 'refunds-five-day-tencent';
    const commission = view(scenario, { set: ['commissionBasisPoints={"image":500}'] });
    const frame = lines(at(100, <DiffTab base={view(scenario)} variant={{ ...commission, label: 'variant' }} height={20} active={false} />).lastFrame());
    const at0 = frame.indexOf('settlement by rule: 3 rule change(s), 5 line(s) changed');
    expect(at0).toBeGreaterThan(0);
    expect(frame.slice(at0 + 1, at0 + 4)).toEqual([
      expect.stringMatching(/^ {2}REF-2 → REF-2 +3 line\(s\) +0\.00$/),
      expect.stringMatching(/^ {2}REF-3 → REF-3 +1 line\(s\) +\+2\.50$/),
      expect.stringMatching(/^ {2}STL-1 → STL-1 +1 line\(s\) +\u22124\.95$/),
    ]);
    // The deltas' signs line up, right-aligned.
    expect(new Set(frame.slice(at0 + 1, at0 + 4).map((l) => l.length)).size).toBe(1);
    const zh = lines(at(100, <DiffTab base={view(scenario)} variant={{ ...commission, label: 'variant' }} height={20} active={false} lang="zh" />).lastFrame());
    expect(zh).toContain('按规则的结算变化：3 组规则变化，5 行明细有变化');
    expect(zh.find((l) => l.startsWith('  STL-1 → STL-1'))).toMatch(/1 行 +\u22124\.95$/);
    // The same runs: nothing changed.
    const same = lines(at(100, <DiffTab base={view(scenario)} variant={{ ...view(scenario), label: 'same' }} height={20} active={false} />).lastFrame());
    expect(same).toContain('settlement by rule: no line changed');
  });

  it('REF-2: lang zh: the diff tab speaks Chinese', () => {
    const frame = at(100, <DiffTab base={withNet(base, '10000.00')} variant={{ ...withNet(base, '18465.60'), label: 'tencent' }} height={10} active={false} lang="zh" />).lastFrame()!;
    expect(frame).toContain(`基准 (koogallery) 对比 tencent · 相同种子 ${base.summary.seed}`);
    expect(frame).toContain('结算：1 个商家月份有差异');
  });

  it('STL-1 REF-4: lang zh: the summary tab speaks Chinese and names treatments with the glossary', () => {
    const run = view('default');
    const en = at(80, <SummaryTab run={run} width={80} />).lastFrame()!;
    const zh = at(80, <SummaryTab run={run} width={80} lang="zh" />).lastFrame()!;
    expect(en).toMatch(/^ {2}settled\s+\d+ lines/m);
    expect(zh).toMatch(/^ {2}已结算\s+\d+ 行/m);
    expect(zh).toMatch(/^ {2}合并出账\s+\d+ 行/m);
    expect(zh).toContain('✓ 无违规');
    expect(zh).not.toMatch(/^ {2}(settled|deferred|netted|excluded)\s/m);
  });
});

describe('results screen memory', () => {
  it('a finished run view keeps what the tabs and export read, not the engine and its entities', () => {
    const run = view('market-tiny');
    expect(Object.keys(run.result).sort()).toEqual(['digest', 'merchants', 'settled', 'setup', 'violations', 'world']);
    expect([...run.files.keys()].sort()).toEqual(['settlement-summary.csv', 'settlement.csv', 'violations.jsonl']);
  });
});
