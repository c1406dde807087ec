// The TUI's words in English and Chinese: the values and column titles come from the one glossary
// (reports/i18n/glossary.ts), the screens' own sentences from here. Widths are display columns (a CJK character
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
  seed: { en: 'seed', zh: '种子' },
  events: { en: 'events', zh: '个事件' },
  accepted: { en: 'accepted', zh: '接受' },
  refused: { en: 'refused', zh: '拒绝' },
  timers: { en: 'timers', zh: '定时器' },
  overrides: { en: 'overrides', zh: '参数覆盖' },
  none: { en: 'none', zh: '无' },
  violationsSee: { en: 'violation(s) — see the violations tab', zh: '处违规 —— 见违规页' },
  noViolations: { en: 'no violations', zh: '无违规' },
  settlementTitle: { en: 'Settlement', zh: '结算' },
  settlementNotAvailable: { en: 'not available yet (settlement.csv is not written by this version)', zh: '暂无（此版本未写出 settlement.csv）' },
  lines: { en: 'lines', zh: '行' },
  by: { en: 'by', zh: '规则' },
  noOrders: { en: 'No settlement lines in this run (no orders).', zh: '本次运行没有结算明细（无订单）。' },
  monthlyNet: { en: 'Monthly net settlement, yuan', zh: '每月结算金额（元）' },
  lastMonths: { en: 'last {shown} of {all} months', zh: '最近 {shown} 个月，共 {all} 个月' },
} as const satisfies Record<string, Record<Lang, string>>;

export function tuiText(key: keyof typeof TUI_TEXT, lang: Lang): string {
  return TUI_TEXT[key][lang];
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
