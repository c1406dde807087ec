// The page every HTML report shares: one self-contained file (styles, the ECharts bundle, chart options and a
// small table-sorting script all inline; a Content-Security-Policy that forbids any request), tables and chart
// slots. Pure: the same data give the same bytes; no timestamp, no locale.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { escapeHtml, scriptJson } from './format.js';

/**
 * ECharts' "common" build (line, bar, pie, scatter with grid, tooltip, legend, data zoom): the charts the run and
 * diff reports draw, at 0.7 MB instead of the full build's 1.1 MB, inlined into every report. The full build is
 * for a page that needs a series the common build lacks: the sweep report's box plots (ECharts 6 registers
 * `boxplot` only in the full build).
 */
const ECHARTS_MODULES = { common: 'echarts/dist/echarts.common.min', full: 'echarts/dist/echarts.min' } as const;

export type EchartsBuild = keyof typeof ECHARTS_MODULES;

const echartsSources = new Map<EchartsBuild, string>();

function echartsBundle(build: EchartsBuild): string {
  let source = echartsSources.get(build);
  if (source === undefined) {
    source = readFileSync(createRequire(import.meta.url).resolve(ECHARTS_MODULES[build]), 'utf8');
    echartsSources.set(build, source);
  }
  return source;
}

export interface Cell {
  /** What the reader sees (escaped here). */
  readonly text: string;
  /** The sort key: the exact number (yuan string, count) for a numeric column; the text when absent. */
  readonly sort?: string;
  /** Markup already escaped (a link), shown instead of `text`. */
  readonly html?: string;
}

export interface Column {
  readonly label: string;
  readonly numeric?: boolean;
  /** The CSV column this one shows (data-field), so a reader or a test can match the page to the file. */
  readonly field?: string;
}

/** In the head of every page marketsim writes, so a later write recognises the file as its own before replacing it. */
export const PAGE_MARK = '<meta name="generator" content="marketsim">';

export function cell(text: string, sort?: string): Cell {
  return sort === undefined ? { text } : { text, sort };
}

/** A sortable table (click a header); numeric columns sort by their cells' exact values. */
export function table(id: string, columns: readonly Column[], rows: readonly (readonly Cell[])[]): string {
  const head = columns.map((c, i) => `<th data-col="${i}"${c.field ? ` data-field="${escapeHtml(c.field)}"` : ''}${c.numeric ? ' class="num" data-type="number"' : ''} tabindex="0">${escapeHtml(c.label)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((c, i) => `<td${columns[i]?.numeric ? ' class="num"' : ''}${c.sort !== undefined ? ` data-v="${escapeHtml(c.sort)}"` : ''}>${c.html ?? escapeHtml(c.text)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table class="sortable" id="${escapeHtml(id)}"><thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}

export function chartSlot(id: string, height = 360): string {
  return `<div class="chart" id="${escapeHtml(id)}" style="height:${height}px"></div>`;
}

export interface Section {
  readonly id: string;
  readonly title: string;
  readonly note?: string;
  readonly body: string;
}

export interface Page {
  readonly title: string;
  /** Lines under the title (already escaped). */
  readonly subtitle: readonly string[];
  readonly contentsLabel: string;
  readonly sections: readonly Section[];
  /** ECharts options by chart slot id. */
  readonly charts: Readonly<Record<string, unknown>>;
  /** Which ECharts bundle to inline (default `common`). */
  readonly echarts?: EchartsBuild;
  /** The `lang` of the page (default "en"), so a reader's browser picks a font and a voice for its words. */
  readonly lang?: string;
}

export function pageHtml(page: Page): string {
  const nav = page.sections.map((s) => `<a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a>`).join('\n');
  const sections = page.sections
    .map((s) => `<section id="${escapeHtml(s.id)}">\n<h2>${escapeHtml(s.title)}</h2>\n${s.note ? `<p class="note">${escapeHtml(s.note)}</p>\n` : ''}${s.body}\n</section>`)
    .join('\n');
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(page.lang ?? 'en')}">`,
    '<head>',
    '<meta charset="utf-8">',
    PAGE_MARK,
    // Nothing may leave the page: no fetch, no image, no font from anywhere.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${escapeHtml(page.title)}</h1>${page.subtitle.map((line) => `<p>${line}</p>`).join('')}</header>`,
    `<nav aria-label="${escapeHtml(page.contentsLabel)}">${nav}</nav>`,
    '<main>',
    sections,
    '</main>',
    `<script type="application/json" id="report-data">${scriptJson({ charts: page.charts })}</script>`,
    // A page without charts (the statecharts page) does without the 0.7 MB bundle.
    Object.keys(page.charts).length > 0 ? `<script>${echartsBundle(page.echarts ?? 'common')}</script>` : '<script>var echarts = { init: function () {}, getInstanceByDom: function () {} };</script>',
    `<script>${PAGE_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Charts drawn from the inline options; tables sorted on a header click (numbers by data-v, else by text). */
const PAGE_SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  Object.keys(data.charts).forEach(function (id) {
    var el = document.getElementById(id);
    if (el) echarts.init(el, null, { renderer: 'canvas' }).setOption(data.charts[id]);
  });
  window.addEventListener('resize', function () {
    Object.keys(data.charts).forEach(function (id) { var c = echarts.getInstanceByDom(document.getElementById(id)); if (c) c.resize(); });
  });
  function key(td, numeric) {
    var v = td.hasAttribute('data-v') ? td.getAttribute('data-v') : td.textContent;
    return numeric ? Number(v) : v;
  }
  document.querySelectorAll('table.sortable th').forEach(function (th) {
    function sort() {
      var table = th.closest('table'), body = table.tBodies[0], col = Number(th.getAttribute('data-col'));
      var numeric = th.getAttribute('data-type') === 'number';
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a.cells[col], numeric), y = key(b.cells[col], numeric);
        return (x < y ? -1 : x > y ? 1 : 0) * dir;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    }
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sort(); });
  });
})();
`;

const STYLE = [
  'body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC",sans-serif;color:#1f2933;background:#f8fafc}',
  'header{padding:20px 32px 8px;background:#fff;border-bottom:1px solid #d9e2ec}',
  'header h1{margin:0 0 6px;font-size:22px}',
  'header p{margin:2px 0;color:#52606d}',
  'nav{position:sticky;top:0;z-index:2;display:flex;flex-wrap:wrap;gap:4px 18px;padding:8px 32px;background:#fff;border-bottom:1px solid #d9e2ec}',
  'nav a{color:#1d4ed8;text-decoration:none}',
  'main{padding:8px 32px 40px;max-width:1400px}',
  'section{margin:28px 0;background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:16px 20px}',
  'h2{margin:0 0 6px;font-size:18px}',
  'h3{margin:18px 0 6px;font-size:15px}',
  '.note{margin:0 0 12px;color:#52606d}',
  '.chart{width:100%;margin:8px 0 16px}',
  '.scroll{max-height:480px;overflow:auto;border:1px solid #e4e7eb;border-radius:4px}',
  'table{border-collapse:collapse;width:100%;font-size:13px}',
  'th,td{padding:4px 8px;border-bottom:1px solid #eef2f6;text-align:left;white-space:nowrap}',
  'th{position:sticky;top:0;background:#f0f4f8;cursor:pointer;user-select:none}',
  'th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}',
  '.num{text-align:right;font-variant-numeric:tabular-nums}',
  'td.reason{white-space:normal;min-width:320px}',
  '.diagram{overflow:auto;max-height:85vh;border:1px solid #e4e7eb;border-radius:4px;margin:6px 0 18px;background:#fff}',
  'details summary{cursor:pointer;color:#1d4ed8}',
  'pre{font-size:12px;background:#f5f7fa;padding:8px;overflow:auto}',
  'dl.rules dt{font-weight:bold;margin-top:8px}dl.rules dd{margin:2px 0 0 0}',
  'dl.rules dt:target,dl.rules dt:target+dd{background:#fff7d6}',
  'a.rule{color:#1d4ed8}',
].join('\n');
