// report.html and diff.html of real runs, and report.html of a real sweep, opened in Debian's chromium
// (playwright-core): the page loads with no console error and requests nothing but itself, every chart renders, a
// screenshot is taken, and the payable table shows exactly settlement-summary.csv (STL-1, STL-6: what each merchant
// is paid per statement month).
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openWatched } from './support/browser.js';
import { marketsim, tempDir } from './support/cli.js';

const dir = tempDir('marketsim-report-');
const run = join(dir, 'tiny');
const variant = join(dir, 'tiny-compare');
const sweep = join(dir, 'tiny-sweep');
let browser: Browser;

beforeAll(async () => {
  // A small real run, and the same run with a commission on images and licences, diffed (diff.html in the variant).
  const result = marketsim(['run', 'market-tiny', '--out', run, '--compare', 'commissionBasisPoints={"image":500,"license":300}']);
  expect(result.code, result.stderr).toBe(0);
  // A swarm sweep: each seed its own market and rules mix, so every figure spreads (box plots with some width).
  const swept = marketsim(['sweep', 'market-tiny', '--seeds', '1..12', '--swarm', '--workers', '1', '--out', sweep]);
  expect(swept.code, swept.stderr).toBe(0);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Per chart slot: its series' types, how many canvas pixels are painted (a blank chart has none), the canvas size. */
async function chartsOf(page: Page): Promise<{ id: string; series: number; types: string[]; painted: number; width: number; height: number }[]> {
  return page.evaluate(() => {
    const w = window as unknown as { echarts: { getInstanceByDom(el: Element): { getOption(): { series: { type: string }[] } } | undefined } };
    return [...document.querySelectorAll('.chart')].map((el) => {
      const chart = w.echarts.getInstanceByDom(el);
      const canvas = el.querySelector('canvas');
      let painted = 0;
      if (canvas) {
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted++;
      }
      const series = chart ? chart.getOption().series : [];
      return { id: el.id, series: series.length, types: series.map((s) => s.type), painted, width: canvas?.width ?? 0, height: canvas?.height ?? 0 };
    });
  });
}

function expectOnlyItself(requests: readonly string[], url: string): void {
  expect(requests.filter((r) => r !== url && !r.startsWith('data:'))).toEqual([]);
}

describe('report.html in a real browser', () => {
  it('loads with no console error, requests nothing but itself, and draws every chart (STL-1)', { timeout: 120_000 }, async () => {
    const url = pathToFileURL(join(run, 'report.html')).href;
    const { page, watch } = await openWatched(browser, url);
    try {
      const charts = await chartsOf(page);
      expect(charts.map((c) => c.id).sort()).toEqual(['chart-deferred', 'chart-payable', 'chart-refunds', 'chart-refusals']);
      for (const chart of charts) {
        expect(chart.series, chart.id).toBeGreaterThan(0);
        expect(chart.painted, chart.id).toBeGreaterThan(1000);
      }
      // The statecharts are there too, one per machine.
      expect(await page.locator('svg.statechart').count()).toBe(4);
      const shot = join(dir, 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
      expect(watch.errors).toEqual([]);
      expectOnlyItself(watch.requests, url);
    } finally {
      await page.close();
    }
  });

  it('shows every row of settlement-summary.csv with the same amounts (STL-1, STL-6)', { timeout: 120_000 }, async () => {
    const url = pathToFileURL(join(run, 'report.html')).href;
    const { page } = await openWatched(browser, url);
    try {
      const table = await page.evaluate(() => {
        const t = document.getElementById('payable-table')!;
        const fields = [...t.querySelectorAll('thead th')].map((th) => th.getAttribute('data-field'));
        const rows = [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim()));
        return { fields, rows };
      });
      const [header, ...lines] = readFileSync(join(run, 'settlement-summary.csv'), 'utf8').trimEnd().split('\n').map((l) => l.split(','));
      expect(lines.length).toBeGreaterThan(0);
      // Every yuan column, the line count and the names are on the page (the CSV adds the same amounts in fen).
      const fields = header!.filter((field) => table.fields.includes(field));
      expect(fields).toEqual(header!.filter((field) => !field.endsWith('_fen')));
      const shown = table.rows.map((cells) => fields.map((field) => cells[table.fields.indexOf(field)]!.replace(/,/g, '')));
      expect(shown).toEqual(lines.map((line) => fields.map((field) => line[header!.indexOf(field)])));
    } finally {
      await page.close();
    }
  });

  it('sorts a table by a numeric column on a header click', { timeout: 120_000 }, async () => {
    const { page } = await openWatched(browser, pathToFileURL(join(run, 'report.html')).href);
    try {
      await page.locator('#payable-table th[data-field="net_amount"]').click();
      await page.locator('#payable-table th[data-field="net_amount"]').click();
      const values = await page.$$eval('#payable-table tbody tr', (rows) => rows.map((r) => Number(r.querySelectorAll('td')[8]!.getAttribute('data-v'))));
      expect(values).toEqual([...values].sort((a, b) => b - a));
    } finally {
      await page.close();
    }
  });

  it('diff.html draws the waterfall from the baseline payable to the variant payable (STL-6)', { timeout: 120_000 }, async () => {
    const url = pathToFileURL(join(variant, 'diff.html')).href;
    const { page, watch } = await openWatched(browser, url);
    try {
      const charts = await chartsOf(page);
      expect(charts.map((c) => c.id)).toEqual(['chart-waterfall']);
      expect(charts[0]!.painted).toBeGreaterThan(1000);
      // The waterfall table's last row is the variant's total payable: the sum of its settlement-summary.csv.
      const [header, ...lines] = readFileSync(join(variant, 'settlement-summary.csv'), 'utf8').trimEnd().split('\n').map((l) => l.split(','));
      const net = header!.indexOf('net_amount');
      const totalFen = lines.reduce((sum, l) => sum + Math.round(Number(l[net]) * 100), 0);
      const last = await page.$$eval('#waterfall-table tbody tr', (rows) => rows.at(-1)!.querySelectorAll('td')[2]!.textContent);
      expect(Math.round(Number(last!.replace(/,/g, '')) * 100)).toBe(totalFen);
      await page.screenshot({ path: join(dir, 'diff.png'), fullPage: true });
      expect(watch.errors).toEqual([]);
      expectOnlyItself(watch.requests, url);
    } finally {
      await page.close();
    }
  });

  it('the sweep\'s report.html loads with no console error, requests nothing but itself, and draws a box plot per family of figures (STL-1)', { timeout: 120_000 }, async () => {
    const url = pathToFileURL(join(sweep, 'report.html')).href;
    const { page, watch } = await openWatched(browser, url);
    try {
      // One chart per family of figures in sweep-distribution.csv: orders, refunds, deferred_at_end, payable, refused.
      const figures = readFileSync(join(sweep, 'sweep-distribution.csv'), 'utf8').trimEnd().split('\n').slice(1).map((line) => line.split(',')[0]!);
      const families = new Set(figures.map((name) => name.split('/')[0]));
      expect([...families]).toEqual(['orders', 'refunds', 'deferred_at_end', 'payable', 'refused']);
      const charts = await chartsOf(page);
      expect(charts.map((c) => c.id)).toEqual([...families].map((_, i) => `chart-figures-${i + 1}`));
      for (const chart of charts) {
        expect(chart.types, chart.id).toEqual(['boxplot']);
        expect(chart.width, chart.id).toBeGreaterThan(0);
        expect(chart.height, chart.id).toBeGreaterThan(0);
        expect(chart.painted, chart.id).toBeGreaterThan(1000);
      }
      // A numeric header sorts the distribution table by the exact values (data-v, the CSV's yuan and counts).
      const median = page.locator('#distribution-table th[data-field="median"]');
      await median.click();
      await median.click();
      const values = await page.$$eval('#distribution-table tbody tr', (rows) => rows.map((r) => Number(r.querySelectorAll('td')[5]!.getAttribute('data-v'))));
      expect(values).toHaveLength(figures.length);
      expect(values).toEqual([...values].sort((a, b) => b - a));
      expect(await page.locator('#seeds-table tbody tr').count()).toBe(12);
      const shot = join(dir, 'sweep.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
      expect(watch.errors).toEqual([]);
      expectOnlyItself(watch.requests, url);
    } finally {
      await page.close();
    }
  });
});
