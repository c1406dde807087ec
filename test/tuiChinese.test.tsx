// The TUI in Chinese: with `marketsim tui --lang zh` (App's lang) or the language chosen in Settings, every screen —
// picker, settings, run, the five results tabs, the help lines, the messages — shows the glossary's Chinese terms
// and text.ts's Chinese sentences, and none of the English ones. What lower layers write in English (scenario
// descriptions, parameter docs, violation messages) is data, not the screens' words, and is left out of the checks.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Box } from 'ink';
import { render } from 'ink-testing-library';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { setupFromFlags } from '../cli/flags.js';
import { main } from '../cli/main.js';
import { App } from '../cli/tui/App.js';
import { scenarioCatalog } from '../cli/tui/catalog.js';
import { CoverageTab } from '../cli/tui/CoverageTab.js';
import { DiffTab } from '../cli/tui/DiffTab.js';
import { ErrorBoundary } from '../cli/tui/ErrorBoundary.js';
import { newLogSpool } from '../cli/tui/logSpool.js';
import { Results } from '../cli/tui/Results.js';
import { MonthLine, RunStatus } from '../cli/tui/RunStatus.js';
import { runView, type RunView } from '../cli/tui/runView.js';
import { ScenarioPicker } from '../cli/tui/ScenarioPicker.js';
import { Settings } from '../cli/tui/Settings.js';
import { SummaryTab } from '../cli/tui/SummaryTab.js';
import { ThemeContext } from '../cli/tui/theme.js';
import { ViolationsTab } from '../cli/tui/ViolationsTab.js';
import { GLOSSARY, LABELS } from '../reports/i18n/glossary.js';
import { parseTime } from '../machines/time.js';
import { simulate } from '../runs/run.js';

const WIDTH = 80;
const DOWN = '\u001B[B';
const RIGHT = '\u001B[C';
const ENTER = '\r';
const SMALL = 'publishing-koogallery';

const at = (width: number, node: ReactNode) => render(<ThemeContext.Provider value={{ colour: false }}><Box width={width} flexDirection="column">{node}</Box></ThemeContext.Provider>);
const at80 = (node: ReactNode) => at(WIDTH, node);
const tick = () => new Promise((r) => setTimeout(r, 40));

function view(scenario: string, flags: { profile?: string; set?: string[]; lang?: string } = {}): RunView {
  const prepared = setupFromFlags(scenario, flags);
  if (!prepared.ok) throw new Error(prepared.error.toString());
  return runView('base', scenario, flags, simulate(prepared.setup, prepared.options), newLogSpool());
}

/** The English words or phrases of `words` that `text` still shows, as whole words. */
function english(text: string, words: readonly string[]): string[] {
  return words.filter((w) => new RegExp(`(^|[^A-Za-z])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z]|$)`, 'm').test(text));
}

describe('TUI in Chinese', () => {
  it('the scenario picker: title, counts, a bad file, its note and the help line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tui-zh-picker-'));
    writeFileSync(join(dir, 'broken.yaml'), 'name: broken\nprofile: nowhere\n');
    const entries = scenarioCatalog(dir);
    const bad = entries.findIndex((e) => !e.ok);
    // Wide enough for the temporary folder's path in the bad file's line.
    const { stdin, lastFrame } = at(200, <ScenarioPicker entries={entries} initial={bad} visible={3} onPick={() => {}} onQuit={() => {}} lang="zh" />);
    await tick();
    stdin.write(ENTER);
    await tick();
    const frame = lastFrame()!;
    expect(frame).toContain(`选择场景（${entries.length} 个）`);
    expect(frame).toMatch(/↑ 还有 \d+ 个/);
    expect(frame).toContain('broken.yaml  （无法运行）');
    expect(frame).toContain('此文件有错误：修正后重新启动 TUI');
    expect(frame.split('\n').at(-1)).toBe('↑↓ 移动 · enter 选择 · q 退出');
    // The screen's own lines (not the scenarios' descriptions and errors, indented by four).
    const own = frame.split('\n').filter((l) => !l.startsWith('    ')).join('\n');
    expect(english(own, ['Pick a scenario', 'more', 'cannot be run', 'this file has an error', 'move', 'pick', 'quit'])).toEqual([]);
  });

  it('settings: every field, value, hint and help in Chinese; choosing the language there switches the form at once', async () => {
    const initial = { seed: '', profile: 'koogallery', overrides: [], lang: 'en', excel: false, compare: { kind: 'none' } } as const;
    const onBack = vi.fn();
    const { stdin, lastFrame } = at80(<Settings scenarioName="default" initial={initial} onRun={() => {}} onBack={onBack} />);
    await tick();
    expect(lastFrame()).toContain('Settings — default');
    // Down to the language field (seed, profile, override, compare, language) and → to Chinese.
    for (const key of [DOWN, DOWN, DOWN, DOWN, RIGHT]) {
      stdin.write(key);
      await tick();
    }
    let frame = lastFrame()!;
    expect(frame).toContain('设置 — default');
    for (const line of ['种子', '平台', '新增覆盖', '参数覆盖', '对比', '语言', 'Excel BOM']) expect(frame).toMatch(new RegExp(`^[ ›] ${line}\\s`, 'm'));
    expect(frame).toContain('（必须填写种子）');
    expect(frame).toContain('键=值，例如 hardwareAutoAcceptDelayMs=5d');
    expect(frame).toContain('无（使用平台默认值和场景的 rules:）');
    expect(frame).toContain('‹ 否 ›');
    expect(frame).toMatch(/对比\s+‹ 无 ›/);
    expect(frame.split('\n').at(-1)).toBe('↑↓/tab 切换字段 · ←→ 更改 · 输入 编辑 · enter 添加参数覆盖 / 运行 · esc 返回');
    expect(english(frame, ['Settings', 'seed', 'profile', 'override', 'overrides', 'compare', 'language', 'excel', 'none', 'yes', 'no', 'field', 'change', 'edit', 'back', 'a seed is required'])).toEqual([]);
    // The comparison with overrides (up from the language to compare, → twice): its add field and the check of what
    // is typed there.
    for (const key of ['\u001B[A', RIGHT, RIGHT, DOWN]) {
      stdin.write(key);
      await tick();
    }
    stdin.write('nosuchParam=1');
    await tick();
    frame = lastFrame()!;
    expect(frame).toMatch(/对比\s+‹ 参数覆盖 ›/);
    expect(frame).toMatch(/^› {3}添加\s+nosuchParam=1/m);
    expect(frame).toContain('✗ 未知的规则参数 "nosuchParam"');
    expect(english(frame, ['add', 'unknown rules parameter', 'overrides'])).toEqual([]);
    stdin.write('\u001B');
    await vi.waitFor(() => expect(onBack).toHaveBeenCalledWith(expect.objectContaining({ lang: 'zh' })));
  });

  it('the run screen\'s lines: which run, the rates, the ETA and each finished month', () => {
    const progress = { job: 'base', jobIndex: 0, jobs: 2, virtualNow: parseTime('2024-02-15 12:00')!, fraction: 0.5, events: 3000, orders: 12, elapsedMs: 2000 };
    const [title, , stats] = at80(<RunStatus progress={progress} width={WIDTH} lang="zh" />).lastFrame()!.split('\n');
    expect(title).toBe('正在运行 base（1/2）');
    expect(stats).toBe('3000 事件 · 1500/秒 · 12 订单 · 预计剩余 2秒');
    const month = at80(<MonthLine month={{ key: 'base-2024-01', job: 'base', month: '2024-01', events: 42, accepted: 40, refused: 2, orders: 7 }} lang="zh" />).lastFrame()!;
    expect(month).toBe('✓ 2024-01 base           42 个事件（40 接受，2 拒绝）· 7 个订单');
    expect(english(`${title}\n${stats}\n${month}`, ['Running', 'events', 'orders', 'ETA', 'accepted', 'refused'])).toEqual([]);
  });

  const base = view(SMALL, { lang: 'zh' });

  it('the summary tab: counts, entity kinds and overrides in the glossary\'s words', () => {
    const frame = at80(<SummaryTab run={base} width={WIDTH} lang="zh" />).lastFrame()!;
    expect(frame).toContain(`${SMALL} · koogallery · ${LABELS.seed.zh} ${base.summary.seed}`);
    expect(frame).toMatch(/\d+ 个事件：\d+ 接受，\d+ 拒绝，\d+ 定时器 · \d+ 商品，\d+ 企业/);
    expect(frame).toContain(`${GLOSSARY.entityKind.supervision}`);
    expect(frame).toContain(`${LABELS.overrides.zh}：${LABELS.none.zh}`);
    expect(english(frame, ['events', 'accepted', 'refused', 'timers', 'products', 'orders', 'enterprises', 'overrides', 'none', 'seed', 'Settlement'])).toEqual([]);
  });

  it('the violations tab: the count, the source, the replay and scrolling', () => {
    const failing = view(SMALL, { set: ['submissionChecks=false'], lang: 'zh' });
    const n = failing.summary.violations.length;
    const frame = at80(<ViolationsTab run={failing} height={1} active={false} lang="zh" />).lastFrame()!;
    expect(frame).toContain(`✗ ${n} 处违规（violations.jsonl）`);
    expect(frame).toContain('重放（复制粘贴）：');
    expect(frame).toContain(`↑↓ 滚动 · 1–1 共 ${n}`);
    expect(english(frame.split('\n').filter((l) => !l.startsWith('   ')).join('\n'), ['violation', 'replay', 'copy and paste', 'scroll', 'of'])).toEqual([]);
    const clean = at80(<ViolationsTab run={base} height={3} active={false} lang="zh" />).lastFrame()!;
    expect(clean).toContain('✓ 本次运行无违规（violations.jsonl）');
  });

  it('the coverage tab: the tally, the legend and the rules the catalog lacks', () => {
    const frame = at80(<CoverageTab run={base} catalog={['PUB-2', 'PUB-5', 'ZZZ-1']} source="RULES.md" lang="zh" />).lastFrame()!;
    expect(frame).toContain('已覆盖规则：2 / 3（RULES.md）   ● 已覆盖 ◐ 仅拒绝 ○ 未触及');
    expect(frame).toMatch(/运行中出现、但不在规则目录中：.*HIDE-1/);
    expect(english(frame, ['Rules exercised', 'exercised', 'refused only', 'not reached', 'named by the run', 'of'])).toEqual([]);
  });

  it('the diff tab: what differs between the runs in Chinese (counts and rules), IDs as they are', () => {
    const variant = { ...view(SMALL, { profile: 'tencent', lang: 'zh' }), label: 'tencent' };
    const frame = at80(<DiffTab base={base} variant={variant} height={30} active={false} lang="zh" />).lastFrame()!;
    expect(frame).toMatch(/^ {2}平台\s+koogallery → tencent$/m);
    expect(frame).toMatch(/^ {2}规则 [A-Z]+-\d+\s+/m);
    // The replay command (line 2) is a command line, flags and all.
    const own = frame.split('\n').filter((_, i) => i !== 1).join('\n');
    expect(english(own, ['profile', 'rule', 'events', 'accepted', 'refused', 'timers', 'violations', 'settlement', 'base', 'vs', 'same seed', 'run', 'no differences'])).toEqual([]);
  });

  it('the results screen: tab titles, the export message and the help line', async () => {
    const onExport = () => ({ ok: true as const, paths: ['out/x/events.jsonl'] });
    const { stdin, lastFrame } = at80(
      <Results base={base} catalog={{ ids: ['PUB-2'], source: 'RULES.md' }} width={WIDTH} bodyHeight={10} onExport={onExport} onNewRun={() => {}} onQuit={() => {}} initialTab="coverage" />,
    );
    await tick();
    stdin.write('e');
    await tick();
    const frame = lastFrame()!;
    expect(frame.split('\n')[0]).toBe(' 1 概览  2 结算  3 违规 [4 规则覆盖] 5 差异');
    expect(frame).toContain('已导出：out/x/events.jsonl');
    expect(frame.split('\n').at(-1)).toBe('←→/1-5 切换页 · ↑↓ 滚动 · s/r 排序 · e 导出 · n 再次运行 · q 退出');
    expect(english(frame, ['summary', 'settlement', 'violations', 'coverage', 'diff', 'exported', 'tab', 'sort', 'export', 'new run', 'quit'])).toEqual([]);
  });

  it('an internal error says so in Chinese', () => {
    const Boom = (): ReactNode => {
      throw new Error('boom');
    };
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const frame = at80(<ErrorBoundary lang="zh"><Boom /></ErrorBoundary>).lastFrame()!;
    spy.mockRestore();
    expect(frame).toContain('marketsim tui：内部错误：boom');
    expect(frame).toContain('这是 marketsim 的缺陷');
    expect(english(frame, ['internal error', 'This is a bug'])).toEqual([]);
  });
});

/** Waits until the latest frame contains `text` (the run advances on timers). */
async function frameWith(lastFrame: () => string | undefined, text: string, ms = 20_000): Promise<string> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const frame = lastFrame() ?? '';
    if (frame.includes(text)) return frame;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no frame with "${text}"; last frame:\n${lastFrame()}`);
}

const press = async (stdin: { write: (s: string) => void }, ...keys: string[]) => {
  for (const key of keys) {
    await new Promise((r) => setTimeout(r, 60));
    stdin.write(key);
  }
  await new Promise((r) => setTimeout(r, 60));
};

describe('marketsim tui --lang zh', () => {
  const app = (scenario: string) =>
    render(<App entries={scenarioCatalog().filter((e) => e.arg === scenario)} width={80} height={24} theme={{ colour: false }} now={() => performance.now()} lang="zh" />);

  it('starts in Chinese and stays so through settings, the run and the results; the run is asked in zh', async () => {
    const { stdin, lastFrame } = app(SMALL);
    await frameWith(lastFrame, '选择场景（1 个）');
    await press(stdin, ENTER);
    const settings = await frameWith(lastFrame, `设置 — ${SMALL}`);
    expect(settings).toMatch(/语言\s+‹ zh ›/);
    await press(stdin, ENTER);
    const results = await frameWith(lastFrame, '[1 概览]');
    expect(results).toMatch(/✓ 2024-03 base\s+\d+ 个事件（\d+ 接受，\d+ 拒绝）· \d+ 个订单/);
    expect(results).toContain('结算');
    expect(english(results.split('\n').filter((l) => !/^ {2}\S/.test(l)).join('\n'), ['events', 'accepted', 'refused', 'orders', 'summary', 'seed', 'Settlement', 'violations', 'quit'])).toEqual([]);
    // Back to the settings (n) and the picker (esc): still Chinese.
    await press(stdin, 'n');
    await frameWith(lastFrame, `设置 — ${SMALL}`);
    await press(stdin, '\u001B');
    await frameWith(lastFrame, '↑↓ 移动 · enter 选择 · q 退出');
  });

  it('a cancelled run says so in Chinese', async () => {
    const { stdin, lastFrame } = app('default');
    await frameWith(lastFrame, '› default');
    await press(stdin, ENTER);
    await frameWith(lastFrame, '设置 — default');
    await press(stdin, ENTER);
    const running = await frameWith(lastFrame, '正在运行 base（1/1）');
    expect(running).toContain('esc/q 取消（不写出任何文件）');
    await press(stdin, 'q');
    const frame = await frameWith(lastFrame, '运行已取消——未写出任何文件');
    expect(frame).toContain('设置 — default');
  });

  it('an unknown --lang is bad input: one line, exit 2, before the terminal is looked at', async () => {
    const err: string[] = [];
    expect(await main(['tui', '--lang', 'fr'], { out: () => {}, err: (l) => err.push(l) })).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/--lang.*fr.*expected en or zh/);
  });
});
