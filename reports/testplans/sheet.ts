// The QA sheet: one case per row, numbered steps in one cell, columns case id, title, preconditions, steps,
// expected result (headers in English or Chinese). Cells that a spreadsheet would run as formulas are neutralised.
// reports/csv.ts (the shared helper) did not exist when this was written, hence the small `neutralise` here.
import { stringify } from 'csv-stringify/sync';
import type { Preconditions, TestCase, TestStep } from './plan.js';
import { eventLabel } from './text.js';

export type Lang = 'en' | 'zh';

const HEADERS: Record<Lang, readonly string[]> = {
  en: ['case id', 'title', 'preconditions', 'steps', 'expected result'],
  zh: ['用例编号', '标题', '前置条件', '操作步骤', '预期结果'],
};

const WORDS: Record<Lang, Record<string, string>> = {
  en: { profile: 'profile', variant: 'variant', rules: 'rules', defaults: 'profile defaults', refused: 'refused, stays', final: 'final', initial: 'starts in' },
  zh: { profile: '平台', variant: '变体', rules: '规则参数', defaults: '平台默认', refused: '被拒绝，保持', final: '终态', initial: '初始状态' },
};

/** A cell starting with = + - @ tab or CR that is not a number gets a leading apostrophe (CSV injection). */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) && !/^[+-]?\d+(\.\d+)?$/.test(cell) ? `'${cell}` : cell;
}

function preconditionsText(pre: Preconditions, initial: string, w: Record<string, string>): string {
  const facts = Object.entries(pre.facts).map(([key, value]) => `${key}: ${value}`);
  const overrides = Object.keys(pre.rulesOverrides).length === 0 ? w.defaults! : JSON.stringify(pre.rulesOverrides);
  return [`${w.profile}: ${pre.profile}`, `${w.variant}: ${pre.variant}`, ...facts, `${w.rules}: ${overrides}`, `${w.initial}: ${initial}`].join('\n');
}

function stepText(step: TestStep, w: Record<string, string>): string {
  const outcome = step.accepted ? `→ ${step.expectedState}` : `→ ${w.refused} ${step.expectedState}`;
  return `${step.n}. ${step.label} ${outcome}${step.rules.length ? ` [${step.rules.join(', ')}]` : ''}`;
}

export function caseRow(testCase: TestCase, lang: Lang): string[] {
  const w = WORDS[lang];
  const final = `${testCase.finalExpectation.state}${testCase.finalExpectation.done ? ` (${w.final})` : ''}`;
  return [
    testCase.id,
    testCase.title,
    preconditionsText(testCase.preconditions, testCase.initialState, w),
    testCase.steps.map((s) => stepText(s, w)).join('\n'),
    final,
  ].map(neutralise);
}

export function casesCsv(cases: readonly TestCase[], lang: Lang): string {
  return stringify([[...HEADERS[lang]], ...cases.map((c) => caseRow(c, lang))], { record_delimiter: '\r\n' });
}
