// Full Chinese: with --lang zh every file a run, `settle` or `diff` writes shows the glossary's Chinese term wherever
// the glossary has one (reports/i18n/glossary.ts): CSV values, summary.md, the diff, report.html and diff.html, never
// `purchase`, `settled`, `image` or `paid` beside Chinese headers.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../cli/main.js';
import { parseCsv } from '../cli/tui/csv.js';
import { glossaryValues, GLOSSARY, LABELS } from '../reports/i18n/glossary.js';
import { tempDir } from './support/cli.js';

/** English values the glossary translates to something else: none of these may stand alone in a zh file. */
const ENGLISH = new Set(glossaryValues().filter((v) => v.zh !== v.en).map((v) => v.en));
const root = tempDir('marketsim-zh-');
const quiet = { out: () => {}, err: () => {} };

async function cli(args: readonly string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await main(args, { out: (l) => lines.push(l), err: () => {} });
  return { code, out: lines.join('\n') };
}

const read = (...path: string[]) => readFileSync(join(root, ...path), 'utf8');
const englishCells = (csv: string) => parseCsv(csv).slice(1).flat().filter((c) => ENGLISH.has(c));
/**
 * Words of a text (split on spaces, table pipes and colons) that are English glossary values; names written in
 * brackets beside their IDs are left out (a generated product is named like "m0001 license 1": a name, not a value).
 */
const englishWords = (text: string) => text.replace(/ \([^()]*\)/g, '').split(/[\s|:：,，]+/).filter((w) => ENGLISH.has(w));

beforeAll(async () => {
  // Both have every kind of line: REF-4 netting, SUP-10 deferral, STL-5 reconciliations at delisting.
  expect(await main(['run', 'default', '--out', join(root, 'default'), '--lang', 'zh', '--compare', 'tencent'], quiet)).toBe(0);
  expect(await main(['run', 'market-tiny', '--out', join(root, 'tiny'), '--lang', 'zh'], quiet)).toBe(0);
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('--lang zh', () => {
  test('ORD-1 ORD-2 ORD-6 STL-1 REF-2 REF-4: settlement.csv, settlement-summary.csv, orders.csv and diff.csv hold no English value the glossary translates', () => {
    for (const file of [['default', 'settlement.csv'], ['default', 'settlement-summary.csv'], ['default', 'orders.csv'], ['default-compare', 'diff.csv'], ['tiny', 'settlement.csv'], ['tiny', 'orders.csv']]) {
      const csv = read(...file);
      expect(parseCsv(csv).length, file.join('/')).toBeGreaterThan(1);
      expect(englishCells(csv), file.join('/')).toEqual([]);
    }
    const settlement = parseCsv(read('default', 'settlement.csv'));
    const types = new Set(settlement.slice(1).map((r) => r[3]));
    for (const type of types) expect(Object.values(GLOSSARY.orderType)).toContain(type);
    expect(types).toContain(GLOSSARY.orderType.purchase);
    expect(new Set(settlement.slice(1).map((r) => r[10]))).toContain(GLOSSARY.treatment.netted);
    expect(new Set(settlement.slice(1).map((r) => r[5]))).toContain(GLOSSARY.deliveryType.image);
  });

  test('STL-1 STL-5 SUP-10: summary.md is Chinese: headings, table headers and values', () => {
    for (const run of ['default', 'tiny']) {
      // The scenario's own description (line 3) is the author's free text, not a value.
      const md = read(run, 'summary.md').split('\n').filter((_, i) => i !== 2).join('\n');
      expect(englishWords(md), run).toEqual([]);
      for (const heading of ['Totals', 'Deferred', 'Commission', 'Violations', 'Excluded']) expect(md, run).not.toContain(`## ${heading}`);
    }
    expect(read('default', 'summary.md')).toContain('## 按月份和商家汇总');
    expect(read('tiny', 'summary.md')).toContain('## 下架前结算核对（STL-5）');
  });

  test('REF-2 REF-4: `diff --lang zh` prints and writes Chinese; an unknown --lang is one line, exit 2, nothing written', async () => {
    const target = join(root, 'diff-zh.csv');
    const r = await cli(['diff', join(root, 'default'), join(root, 'default-compare'), '--out', target, '--lang', 'zh']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('按规则');
    expect(englishWords(r.out.replace(/^.*→.*\((?:tencent)\).*$/m, ''))).toEqual([]);
    expect(englishCells(readFileSync(target, 'utf8'))).toEqual([]);
    expect(parseCsv(readFileSync(target, 'utf8'))[0]![0]).toBe('商家ID');
    const bad = join(root, 'diff-bad.csv');
    expect((await cli(['diff', join(root, 'default'), join(root, 'default-compare'), '--out', bad, '--lang', 'fr'])).code).toBe(2);
    expect(() => readFileSync(bad)).toThrow();
  });

  test('STL-1 REF-2 REF-4: report.html and diff.html are Chinese: every heading and column title is a glossary label\'s Chinese, no English one; values are glossary terms', () => {
    const zhLabels = new Set<string>(Object.values(LABELS).map((l) => l.zh));
    const enLabels = new Set<string>(Object.values(LABELS).filter((l: { en: string; zh: string }) => l.en !== l.zh).map((l) => l.en));
    const texts = (html: string, tag: string) => [...html.matchAll(new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]!);
    for (const file of [['default', 'report.html'], ['default-compare', 'diff.html'], ['tiny', 'report.html']]) {
      const html = read(...file);
      const where = file.join('/');
      expect(html, where).toContain('<html lang="zh-CN">');
      // The title names the scenario after the label (report.html), section headings and column titles are labels.
      const headings = [...texts(html, 'h1').map((t) => t.split('：')[0]!), ...texts(html, 'h2'), ...texts(html, 'th')];
      expect(headings.length, where).toBeGreaterThan(10);
      for (const heading of headings) expect(zhLabels, `${where}: ${heading}`).toContain(heading);
      expect(headings.filter((h) => enLabels.has(h)), where).toEqual([]);
      expect(texts(html, 'a').filter((t) => enLabels.has(t)), where).toEqual([]);
      // Table cells: order types, treatments and changes in Chinese, never the English value.
      expect(texts(html, 'td').filter((t) => ENGLISH.has(t)), where).toEqual([]);
    }
    const report = read('default', 'report.html');
    for (const term of [LABELS.payablePerMerchantMonth.zh, LABELS.refundsAndExclusions.zh, LABELS.commission.zh, GLOSSARY.orderType.refund, GLOSSARY.treatment.excluded]) expect(report).toContain(term);
    expect(read('default-compare', 'diff.html')).toContain(`<h2>${LABELS.payableByRule.zh}</h2>`);
  });
});
