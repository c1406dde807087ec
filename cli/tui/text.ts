// The TUI's words in English and Chinese: the terms (values, column titles, field names, tab names) come from the
// one glossary (reports/i18n/glossary.ts), the screens' own sentences from here. Widths are display columns (a CJK character
// takes two), so tables line up and are cut by what fits, never inside a title.
import stringWidth from 'string-width';
import type { Lang } from '../../reports/i18n/glossary.js';

export type { Lang } from '../../reports/i18n/glossary.js';

export const TUI_TEXT = {
  notAvailable: {
    en: 'Settlement by merchant × month: not available yet (settlement-summary.csv is not written by this version).',
    zh: '按商家和月份的结算：暂无（此版本未写出 settlement-summary.csv）。',
  },
  noLines: { en: 'No settlement lines in this run.', zh: '本次运行没有结算明细。' },
  rows: { en: 'rows', zh: '行' },
  of: { en: 'of', zh: '共' },
  sortedBy: { en: 'sorted by', zh: '排序：' },
  ascending: { en: 'ascending', zh: '升序' },
  descending: { en: 'descending', zh: '降序' },
  hidden: { en: 'columns hidden', zh: '列未显示' },
  noVariant: {
    en: 'No comparison variant: set one in Settings (compare: another profile or overrides).',
    zh: '没有对比方案：请在设置中选择（对比：另一平台或参数覆盖）。',
  },
  vs: { en: 'vs', zh: '对比' },
  sameSeed: { en: 'same seed', zh: '相同种子' },
  variantReplay: { en: 'variant replay', zh: '对比方案重放' },
  settlementDiffer: { en: 'merchant-month(s) differ', zh: '个商家月份有差异' },
  settlement: { en: 'settlement', zh: '结算' },
  settlementUnavailable: {
    en: 'settlement diff: not available yet (settlement-summary.csv is not written by this version)',
    zh: '结算差异：暂无（此版本未写出 settlement-summary.csv）',
  },
  settlementByRule: { en: 'settlement by rule', zh: '按规则的结算变化' },
  ruleGroups: { en: 'rule change(s)', zh: '组规则变化' },
  linesChanged: { en: 'line(s) changed', zh: '行明细有变化' },
  noLinesChanged: { en: 'settlement by rule: no line changed', zh: '按规则的结算变化：没有明细变化' },
  lineCount: { en: 'line(s)', zh: '行' },
  run: { en: 'run', zh: '运行' },
  differences: { en: 'difference(s)', zh: '处差异' },
  noRunDifferences: { en: 'run: no differences in counts, rules or final states', zh: '运行：计数、规则和最终状态均无差异' },
  scroll: { en: '↑↓ scroll', zh: '↑↓ 滚动' },
  /** After a count: "12 events", "12 个事件". */
  events: { en: 'events', zh: '个事件' },
  violationsSee: { en: 'violation(s) — see the violations tab', zh: '处违规 —— 见违规页' },
  noViolations: { en: 'no violations', zh: '无违规' },
  settlementTitle: { en: 'Settlement', zh: '结算' },
  settlementNotAvailable: { en: 'not available yet (settlement.csv is not written by this version)', zh: '暂无（此版本未写出 settlement.csv）' },
  lines: { en: 'lines', zh: '行' },
  by: { en: 'by', zh: '规则' },
  noOrders: { en: 'No settlement lines in this run (no orders).', zh: '本次运行没有结算明细（无订单）。' },
  monthlyNet: { en: 'Monthly net settlement, yuan', zh: '每月结算金额（元）' },
  lastMonths: { en: 'last {shown} of {all} months', zh: '最近 {shown} 个月，共 {all} 个月' },
  // The scenario picker.
  pickScenario: { en: 'Pick a scenario ({n})', zh: '选择场景（{n} 个）' },
  moreAbove: { en: '↑ {n} more', zh: '↑ 还有 {n} 个' },
  moreBelow: { en: '↓ {n} more', zh: '↓ 还有 {n} 个' },
  noScenarios: { en: 'No scenarios found.', zh: '没有找到场景。' },
  fileHasError: { en: 'this file has an error: fix it, then restart the TUI', zh: '此文件有错误：修正后重新启动 TUI' },
  cannotBeRun: { en: '(cannot be run)', zh: '（无法运行）' },
  // The settings form.
  seedRequired: { en: '(a seed is required)', zh: '（必须填写种子）' },
  noOverrides: { en: 'none (profile defaults and the scenario’s rules:)', zh: '无（使用平台默认值和场景的 rules:）' },
  add: { en: 'add', zh: '添加' },
  overrideHint: { en: 'key=value, e.g. hardwareAutoAcceptDelayMs=5d', zh: '键=值，例如 hardwareAutoAcceptDelayMs=5d' },
  needsValue: { en: 'type = and a value', zh: '请输入 = 和取值' },
  unknownParam: { en: 'unknown rules parameter "{name}"', zh: '未知的规则参数 "{name}"' },
  // The run screen and the app's messages.
  running: { en: 'Running {job} ({i}/{n})', zh: '正在运行 {job}（{i}/{n}）' },
  perSecond: { en: '/s', zh: '/秒' },
  monthLine: { en: '{events} events ({accepted} accepted, {refused} refused) · {orders} orders', zh: '{events} 个事件（{accepted} 接受，{refused} 拒绝）· {orders} 个订单' },
  runFinished: { en: 'Run finished.', zh: '运行完成。' },
  runFailed: { en: 'internal error during the run: ', zh: '运行时内部错误：' },
  cannotRun: { en: 'cannot run: ', zh: '无法运行：' },
  runCancelled: { en: 'run cancelled — nothing was written', zh: '运行已取消——未写出任何文件' },
  exported: { en: 'exported: ', zh: '已导出：' },
  exportFailed: { en: 'export failed: ', zh: '导出失败：' },
  internalError: { en: 'marketsim tui: internal error: ', zh: 'marketsim tui：内部错误：' },
  isABug: {
    en: 'This is a bug in marketsim; `marketsim run` gives the same results without the TUI.',
    zh: '这是 marketsim 的缺陷；不用 TUI，`marketsim run` 给出同样的结果。',
  },
  // The violations and coverage tabs.
  violationCount: { en: '✗ {n} violation(s) ({source})', zh: '✗ {n} 处违规（{source}）' },
  cleanRun: { en: '✓ no violations in this run ({source})', zh: '✓ 本次运行无违规（{source}）' },
  replayHow: { en: 'replay (copy and paste):', zh: '重放（复制粘贴）：' },
  rulesExercised: { en: 'Rules exercised: {n} of {all} ({source})', zh: '已覆盖规则：{n} / {all}（{source}）' },
  notInCatalog: { en: 'named by the run, not in the catalog: ', zh: '运行中出现、但不在规则目录中：' },
  // The diff tab's run-level changes.
  ruleNamed: { en: 'rule {id}', zh: '规则 {id}' },
} as const satisfies Record<string, Record<Lang, string>>;

export type TextKey = keyof typeof TUI_TEXT;

/** A sentence in `lang`, its {placeholders} filled in. */
export function tuiText(key: TextKey, lang: Lang, values: Readonly<Record<string, string | number>> = {}): string {
  return TUI_TEXT[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}

/** Display columns of a text in a terminal. */
export function columns(text: string): number {
  return stringWidth(text);
}

/** Pads to `width` display columns, left- or right-aligned (never cuts: widths come from the content). */
export function pad(text: string, width: number, left: boolean): string {
  const room = ' '.repeat(Math.max(0, width - columns(text)));
  return left ? text + room : room + text;
}

/** The colon after a label: ": " in English, the full-width "：" in Chinese. */
export function colon(lang: Lang): string {
  return lang === 'zh' ? '：' : ': ';
}

/** Between the parts of a list: ", " in English, the full-width "，" in Chinese. */
export function comma(lang: Lang): string {
  return lang === 'zh' ? '，' : ', ';
}

/** Key help in `lang`: each key with its action. */
export type KeyHelpText = Readonly<Record<Lang, readonly (readonly [key: string, action: string])[]>>;
