// report.html of a run: payable per merchant and month, deferred stock over time, refunds and exclusions, refusal
// reasons by rule, the machines' diagrams and the rulebook, in one self-contained page. Pure: built from the
// settlement, summary.json's fields (its `names` beside the IDs), and the refusals, so `run` and `settle` write the
// same bytes.
import type { Settlement, SettlementRow } from '../settlement.js';
import { monthTotals, type MonthTotals } from '../settlementCsv.js';
import { sumFen, yuan } from '../settlementMoney.js';
import { idWithName, nameOf, NO_NAMES, type CatalogNames, type SummaryInfo } from '../runInfo.js';
import { NO_RULE, type RefusalGroup } from '../refusals.js';
import { groupedBars, horizontalBars, lines, stackedBars } from './charts.js';
import { diagramsHtml } from './diagramsSection.js';
import { chartYuan, escapeHtml, money } from './format.js';
import { term, type Lang } from '../i18n/glossary.js';
import { reportLabels, type ReportLabels } from './labels.js';
import { cell, chartSlot, pageHtml, table, type Cell, type Column, type Section } from './page.js';
import { rulebookHtml, ruleLink } from './rulebookSection.js';

/** Merchants drawn as their own series in the payable chart; the rest are summed as "others". */
const CHART_MERCHANTS = 12;
/** Rows listed in the refunds table; the CSV has them all. */
export const MAX_TABLE_ROWS = 500;

export interface RunReportInput {
  readonly info: SummaryInfo;
  readonly settlement: Settlement;
  readonly refusals: readonly RefusalGroup[];
  /** The language of its words and values, as the run's CSVs (--lang); English by default. */
  readonly lang?: Lang;
}

const amount = (fen: number): Cell => cell(money(fen), yuan(fen));
const count = (n: number): Cell => cell(String(n), String(n));

export function monthsOf(totals: readonly { readonly settlementMonth: string }[]): string[] {
  return [...new Set(totals.map((t) => t.settlementMonth))].sort();
}

/** Per month, the sum of `pick` over the totals of that month. */
function byMonth(totals: readonly MonthTotals[], months: readonly string[], pick: (t: MonthTotals) => number): number[] {
  return months.map((m) => chartYuan(sumFen(totals.filter((t) => t.settlementMonth === m).map(pick))));
}

function payableSection(totals: readonly MonthTotals[], months: readonly string[], names: CatalogNames, charts: Record<string, unknown>, L: ReportLabels): Section {
  const byMerchant = new Map<string, number>();
  for (const t of totals) byMerchant.set(t.merchantId, (byMerchant.get(t.merchantId) ?? 0) + t.netFen);
  const ranked = [...byMerchant].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
  const shown = ranked.slice(0, CHART_MERCHANTS);
  const rest = new Set(ranked.slice(CHART_MERCHANTS));
  const series = shown.map((id) => ({ name: idWithName(names.merchants, id), values: byMonth(totals.filter((t) => t.merchantId === id), months, (t) => t.netFen) }));
  if (rest.size > 0) series.push({ name: L.others, values: byMonth(totals.filter((t) => rest.has(t.merchantId)), months, (t) => t.netFen) });
  charts['chart-payable'] = stackedBars(months, series, L.payable);
  const columns: Column[] = [
    { label: L.month, field: 'settlement_month' },
    { label: L.merchant, field: 'merchant_id' },
    { label: L.merchantName, field: 'merchant_name' },
    { label: L.lines, numeric: true, field: 'lines' },
    { label: L.settled, numeric: true, field: 'settled_amount' },
    { label: L.netted, numeric: true, field: 'netted_amount' },
    { label: L.gross, numeric: true, field: 'gross_amount' },
    { label: L.commission, numeric: true, field: 'commission' },
    { label: L.payable, numeric: true, field: 'net_amount' },
    { label: L.deferred, numeric: true, field: 'deferred_amount' },
    { label: L.excluded, numeric: true, field: 'excluded_amount' },
  ];
  const rows = totals.map((t) => [
    cell(t.settlementMonth),
    cell(t.merchantId),
    cell(nameOf(names.merchants, t.merchantId)),
    count(t.lines),
    amount(t.settledFen),
    amount(t.nettedFen),
    amount(t.grossFen),
    amount(t.commissionFen),
    amount(t.netFen),
    amount(t.deferredFen),
    amount(t.excludedFen),
  ]);
  return { id: 'payable', title: L.payableTitle, note: L.payableNote, body: `${chartSlot('chart-payable', 420)}\n<div class="scroll">${table('payable-table', columns, rows)}</div>` };
}

function deferredSection(totals: readonly MonthTotals[], months: readonly string[], charts: Record<string, unknown>, L: ReportLabels): Section {
  charts['chart-deferred'] = lines(months, [
    { name: L.deferred, values: byMonth(totals, months, (t) => t.deferredFen) },
    { name: L.excluded, values: byMonth(totals, months, (t) => t.excludedFen) },
  ], L.gross, true);
  return { id: 'deferred', title: L.deferredTitle, note: L.deferredNote, body: chartSlot('chart-deferred') };
}

function refundsSection(settlement: Settlement, months: readonly string[], names: CatalogNames, charts: Record<string, unknown>, L: ReportLabels, lang: Lang): Section {
  const rows = settlement.rows.filter((r: SettlementRow) => r.final && (r.line.orderType === 'refund' || r.treatment === 'excluded'));
  const monthly = (pick: (r: SettlementRow) => boolean) => months.map((m) => chartYuan(sumFen(rows.filter((r) => r.settlementMonth === m && pick(r)).map((r) => r.line.grossFen))));
  charts['chart-refunds'] = groupedBars(months, [
    { name: L.refunds, values: monthly((r) => r.line.orderType === 'refund') },
    { name: L.excluded, values: monthly((r) => r.treatment === 'excluded') },
  ], L.gross);
  const columns: Column[] = [
    { label: L.month }, { label: L.merchant }, { label: L.merchantName }, { label: L.order }, { label: L.orderType },
    { label: L.product }, { label: L.productName }, { label: L.gross, numeric: true }, { label: L.treatment }, { label: L.rule },
  ];
  const listed = rows.slice(0, MAX_TABLE_ROWS).map((r) => [
    cell(r.settlementMonth), cell(r.line.merchantId), cell(nameOf(names.merchants, r.line.merchantId)), cell(r.line.orderId),
    cell(term('orderType', r.line.orderType, lang)), cell(r.line.productId), cell(nameOf(names.products, r.line.productId)), amount(r.line.grossFen),
    cell(term('treatment', r.treatment, lang)), { text: r.rule, html: ruleLink(r.rule) },
  ]);
  const more = rows.length > MAX_TABLE_ROWS ? `<p class="note">${escapeHtml(L.shownOf(MAX_TABLE_ROWS, rows.length, 'settlement.csv'))}</p>` : '';
  const body = rows.length === 0 ? `<p>${L.noRows}</p>` : `<div class="scroll">${table('refunds-table', columns, listed)}</div>${more}`;
  return { id: 'refunds', title: L.refundsTitle, note: L.refundsNote, body: `${chartSlot('chart-refunds')}\n${body}` };
}

function refusalsSection(refusals: readonly RefusalGroup[], charts: Record<string, unknown>, L: ReportLabels): Section {
  const ruleText = (rule: string): string => (rule === NO_RULE ? L.noRule : rule);
  charts['chart-refusals'] = horizontalBars(refusals.map((g) => ruleText(g.rule)), refusals.map((g) => g.count), L.count);
  const columns: Column[] = [{ label: L.rule }, { label: L.count, numeric: true }, { label: L.examples }];
  const rows = refusals.map((g) => {
    const examples = g.examples.map((e) => `${escapeHtml(e.at)} ${escapeHtml(e.entity)} <b>${escapeHtml(e.event)}</b> (${escapeHtml(e.state)}): ${escapeHtml(e.reason)}`).join('<br>');
    const rule = g.rule === NO_RULE ? `${escapeHtml(L.noRule)}` : `${ruleLink(g.rule)}`;
    return [{ text: ruleText(g.rule), html: rule }, count(g.count), { text: '', html: `<span class="reason">${examples}</span>` }];
  });
  const body = refusals.length === 0 ? `<p>${L.noRows}</p>` : `${chartSlot('chart-refusals', Math.max(160, 28 * refusals.length + 48))}\n${table('refusals-table', columns, rows)}`;
  return { id: 'refusals', title: L.refusalsTitle, note: L.refusalsNote, body };
}

export function runSubtitle(info: SummaryInfo, horizonMonth: string, L: ReportLabels): string[] {
  const overrides = Object.keys(info.overrides).map((k) => `${k}=${JSON.stringify(info.overrides[k])}`);
  return [
    ...(info.description ? [escapeHtml(info.description)] : []),
    `${L.profile} <b>${escapeHtml(info.profile)}</b> · ${L.seed} <b>${escapeHtml(info.seed)}</b> · ${escapeHtml(info.start)} → ${escapeHtml(info.end)} · ${L.statementsUpTo} ${escapeHtml(horizonMonth)}`,
    `${L.overrides}${L.colon}${overrides.length === 0 ? L.none : escapeHtml(overrides.join(', '))}`,
  ];
}

export function runReportHtml(input: RunReportInput): string {
  const { info, settlement } = input;
  const lang = input.lang ?? 'en';
  const L = reportLabels(lang);
  // A summary.json written before it recorded names: IDs only.
  const names = info.names ?? NO_NAMES;
  const totals = monthTotals(settlement);
  const months = monthsOf(totals);
  const charts: Record<string, unknown> = {};
  const sections = [
    payableSection(totals, months, names, charts, L),
    deferredSection(totals, months, charts, L),
    refundsSection(settlement, months, names, charts, L, lang),
    refusalsSection(input.refusals, charts, L),
    { id: 'diagrams', title: L.diagramsTitle, note: L.diagramsNote, body: diagramsHtml() },
    { id: 'rulebook', title: L.rulebookTitle, note: L.rulebookNote, body: rulebookHtml() },
  ];
  return pageHtml({ title: `${L.runTitle}${L.colon}${info.scenario}`, subtitle: runSubtitle(info, settlement.horizonMonth, L), contentsLabel: L.contents, sections, charts, lang: L.htmlLang });
}
