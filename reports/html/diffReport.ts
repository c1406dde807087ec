// diff.html beside diff.csv: a waterfall from the baseline's total payable to the variant's, one step per kind of
// change and the rule the line now ends under, then the changed totals and lines, with the rules' text. Pure.
import { payableFen, type Ending, type LineDiff, type SettlementDiff } from '../diff.js';
import type { Settlement } from '../settlement.js';
import { monthTotals } from '../settlementCsv.js';
import { sumFen, yuan } from '../settlementMoney.js';
import { idWithName, type CatalogNames } from '../runInfo.js';
import { waterfall } from './charts.js';
import { chartYuan, escapeHtml, money, signedMoney } from './format.js';
import { term, type Lang } from '../i18n/glossary.js';
import { reportLabels } from './labels.js';
import { cell, chartSlot, pageHtml, table, type Cell, type Column } from './page.js';
import { rulebookHtml, ruleLink } from './rulebookSection.js';
import { MAX_TABLE_ROWS } from './runReport.js';

/** Waterfall steps drawn one by one; smaller ones are summed into "others" so the chart stays readable. */
const MAX_STEPS = 16;

export interface DiffReportInput {
  readonly a: Settlement;
  readonly b: Settlement;
  readonly diff: SettlementDiff;
  readonly labelA: string;
  readonly labelB: string;
  /** The variant's summary.json `names`. */
  readonly names: CatalogNames;
  /** The language of its words and values, as diff.csv's (--lang); English by default. */
  readonly lang?: Lang;
}

/** Why a line changed: the kind of change and the rule it now ends under (or ended under, when removed). */
export function changeGroup(d: LineDiff, lang: Lang = 'en'): string {
  return `${term('change', d.change, lang)} ${(d.b ?? d.a)!.rule}`;
}

export interface WaterfallStep {
  readonly name: string;
  readonly deltaFen: number;
  readonly lines: number;
}

/** Steps by change group, largest first; what lines do not explain (there should be nothing) is its own step. */
export function waterfallSteps(input: Pick<DiffReportInput, 'a' | 'b' | 'diff' | 'lang'>): { startFen: number; endFen: number; steps: WaterfallStep[] } {
  const L = reportLabels(input.lang ?? 'en');
  const total = (s: Settlement) => sumFen(monthTotals(s).map((t) => t.netFen));
  const startFen = total(input.a);
  const endFen = total(input.b);
  const groups = new Map<string, { deltaFen: number; lines: number }>();
  for (const d of input.diff.lines) {
    const name = changeGroup(d, input.lang);
    const g = groups.get(name) ?? { deltaFen: 0, lines: 0 };
    groups.set(name, { deltaFen: g.deltaFen + payableFen(d.b) - payableFen(d.a), lines: g.lines + 1 });
  }
  const ranked = [...groups].map(([name, g]) => ({ name, ...g })).filter((g) => g.deltaFen !== 0)
    .sort((p, q) => Math.abs(q.deltaFen) - Math.abs(p.deltaFen) || (p.name < q.name ? -1 : 1));
  const steps = ranked.slice(0, MAX_STEPS);
  const rest = ranked.slice(MAX_STEPS);
  if (rest.length > 0) steps.push({ name: L.others, deltaFen: sumFen(rest.map((r) => r.deltaFen)), lines: sumFen(rest.map((r) => r.lines)) });
  const residual = endFen - startFen - sumFen(steps.map((s) => s.deltaFen));
  if (residual !== 0) steps.push({ name: L.unexplained, deltaFen: residual, lines: 0 });
  return { startFen, endFen, steps };
}

const amount = (fen: number): Cell => cell(money(fen), yuan(fen));
const delta = (fen: number): Cell => cell(signedMoney(fen), yuan(fen));

export function diffReportHtml(input: DiffReportInput): string {
  const { diff, names } = input;
  const lang = input.lang ?? 'en';
  const L = reportLabels(lang);
  const { startFen, endFen, steps } = waterfallSteps(input);
  const charts: Record<string, unknown> = {
    'chart-waterfall': waterfall(steps.map((s) => ({ name: s.name, value: chartYuan(s.deltaFen) })), { name: L.baseline, value: chartYuan(startFen) }, { name: L.variant, value: chartYuan(endFen) }, L.payable),
  };
  const stepTable = table('waterfall-table', [{ label: L.change }, { label: L.lines, numeric: true }, { label: L.delta, numeric: true }], [
    [cell(L.baseline), cell(''), amount(startFen)],
    ...steps.map((s) => [cell(s.name), cell(String(s.lines), String(s.lines)), delta(s.deltaFen)]),
    [cell(L.variant), cell(''), amount(endFen)],
  ]);
  const merchant = (id: string): Cell => cell(idWithName(names.merchants, id));
  const totalsColumns: Column[] = [{ label: L.merchant }, { label: L.month }, { label: L.baseline, numeric: true }, { label: L.variant, numeric: true }, { label: L.delta, numeric: true }];
  const totals = diff.totals.map((t) => [merchant(t.merchantId), cell(t.month), amount(t.aNetFen), amount(t.bNetFen), delta(t.bNetFen - t.aNetFen)]);
  const ending = (e: Ending | undefined): Cell => {
    if (!e) return cell('—');
    const treatment = term('treatment', e.treatment, lang);
    return { text: `${treatment} ${e.month} ${e.rule}`, html: `${escapeHtml(treatment)} ${escapeHtml(e.month)} ${ruleLink(e.rule)}` };
  };
  const lineColumns: Column[] = [{ label: L.merchant }, { label: L.month }, { label: L.change }, { label: L.order }, { label: L.orderType }, { label: L.product }, { label: L.baseline }, { label: L.variant }, { label: L.delta, numeric: true }];
  const lines = diff.lines.slice(0, MAX_TABLE_ROWS).map((d) => [
    merchant(d.merchantId), cell(d.month), cell(term('change', d.change, lang)), cell(d.line.orderId), cell(term('orderType', d.line.orderType, lang)),
    cell(idWithName(names.products, d.line.productId)),
    ending(d.a), ending(d.b), delta(payableFen(d.b) - payableFen(d.a)),
  ]);
  const more = diff.lines.length > MAX_TABLE_ROWS ? `<p class="note">${escapeHtml(L.shownOf(MAX_TABLE_ROWS, diff.lines.length, 'diff.csv'))}</p>` : '';
  const rules = new Set(diff.lines.flatMap((d) => [d.a?.rule, d.b?.rule]).filter((r): r is string => r !== undefined));
  return pageHtml({
    title: L.diffTitle,
    subtitle: [`${L.baseline}${L.colon}<b>${escapeHtml(input.labelA)}</b>`, `${L.variant}${L.colon}<b>${escapeHtml(input.labelB)}</b>`],
    contentsLabel: L.contents,
    sections: [
      { id: 'waterfall', title: L.waterfallTitle, note: L.waterfallNote, body: `${chartSlot('chart-waterfall', 460)}\n${stepTable}` },
      { id: 'totals', title: L.totalsTitle, body: diff.totals.length === 0 ? `<p>${L.noRows}</p>` : `<div class="scroll">${table('totals-table', totalsColumns, totals)}</div>` },
      { id: 'lines', title: L.linesTitle, body: diff.lines.length === 0 ? `<p>${L.noRows}</p>` : `<div class="scroll">${table('lines-table', lineColumns, lines)}</div>${more}` },
      { id: 'rulebook', title: L.rulebookTitle, note: L.rulebookNote, body: rulebookHtml(rules) },
    ],
    charts,
    lang: L.htmlLang,
  });
}
