// summary.md: the run's settlement for a reader: totals by month and merchant, what is deferred and why, what
// REF-2 excluded and REF-4 netted, STL-5 reconciliations at delisting, the commission assumption, violations.
// In English or Chinese: values and table headers from the one glossary (reports/i18n/glossary.ts), sentences here.
import type { RulesParams } from '../machines/rules.js';
import { formatTime } from '../machines/time.js';
import { label, term, type Lang, type LabelName } from './i18n/glossary.js';
import { nameOf, NO_NAMES, type CatalogNames, type SummaryInfo } from './runInfo.js';
import type { Settlement, SettlementRow } from './settlement.js';
import { monthTotals } from './settlementCsv.js';
import { sumFen, yuan } from './settlementMoney.js';

export type { SummaryInfo } from './runInfo.js';

const WHY: Readonly<Record<string, Record<Lang, string>>> = {
  'SUP-10': {
    en: 'service supervision not completed yet (SUP-10, STL-3): billed the month after completion',
    zh: '服务监管尚未完成（SUP-10、STL-3）：完成后的次月结算',
  },
  'REF-4': {
    en: 'not-yet-effective order waiting for its refund\'s statement (REF-4)',
    zh: '未生效订单，等待其退款订单所在的结算单（REF-4）',
  },
};

/** The sentences of summary.md, per language. */
const TEXT = {
  profile: { en: 'Profile', zh: '平台' },
  seed: { en: 'seed', zh: '种子' },
  at: { en: 'at', zh: '于' },
  statements: { en: 'statements up to', zh: '结算单截至' },
  months: { en: 'months', zh: '月份' },
  overrides: { en: 'Rules overrides', zh: '规则参数覆盖' },
  none: { en: 'none', zh: '无' },
  commission: { en: 'Commission', zh: '佣金' },
  commissionZero: {
    en: 'Commission: **0 for every delivery type** — the sources give no rate; this is an *assumption* (STL-6, `commissionBasisPoints`).',
    zh: '佣金：**所有交付方式均为 0** —— 资料未给出费率，此为*假设*（STL-6，`commissionBasisPoints`）。',
  },
  commissionRates: {
    en: 'Commission (STL-6, *assumption*, basis points of gross, rounded half away from zero per line):',
    zh: '佣金（STL-6，*假设*，按订单金额的万分比，逐行四舍五入）：',
  },
  otherTypes: { en: 'other types 0.', zh: '其他交付方式为 0。' },
  totals: { en: 'Totals by month and merchant', zh: '按月份和商家汇总' },
  noMoney: { en: 'No money moved in this run (no `ledger` facts).', zh: '本次运行没有资金往来（无 `ledger` 记录）。' },
  amountsNote: {
    en: 'Amounts in yuan. *Payable* is what the statement pays the merchant (settled and netted lines, after commission).',
    zh: '金额单位：元。*应付商家*为结算单付给商家的金额（已结算和合并出账的明细，扣除佣金后）。',
  },
  deferred: { en: 'Deferred', zh: '待结算' },
  nothingDeferred: { en: 'Nothing was deferred.', zh: '没有待结算的明细。' },
  stillDeferred: { en: 'Still deferred at the last statement', zh: '最后一期结算单时仍待结算' },
  yuan: { en: 'yuan', zh: '元' },
  deferredThenSettled: { en: 'Deferred, then settled:', zh: '先待结算、后已结算：' },
  excludedNetted: { en: 'Excluded and netted', zh: '不参与结算与合并出账' },
  nothingMoved: { en: 'No line was excluded (REF-2) or netted (REF-4).', zh: '没有不参与结算（REF-2）或合并出账（REF-4）的明细。' },
  lineCount: { en: 'line(s)', zh: '行' },
  inTotal: { en: 'yuan in total', zh: '元' },
  reconciliation: { en: 'Reconciliation at delisting (STL-5)', zh: '下架前结算核对（STL-5）' },
  product: { en: 'Product', zh: '商品' },
  became: { en: 'became', zh: '变为' },
  pendingLines: { en: 'pending line(s)', zh: '行待处理明细' },
  violations: { en: 'Violations', zh: '违规' },
  noViolations: { en: 'None.', zh: '无。' },
  moreRows: { en: 'more row(s) not shown; every line is in', zh: '行未列出；全部明细见' },
} as const satisfies Record<string, Record<Lang, string>>;

export function summaryMarkdown(info: SummaryInfo, settlement: Settlement, params: RulesParams, lang: Lang = 'en'): string {
  const t = (key: keyof typeof TEXT): string => TEXT[key][lang];
  const names = info.names ?? NO_NAMES;
  const out: string[] = [`# ${cell(info.scenario)}`, ''];
  if (info.description) out.push(paragraph(info.description), '');
  out.push(`${t('profile')} ${code(info.profile)} · ${t('seed')} ${code(info.seed)} · ${info.start} → ${info.end} · ${t('statements')} ${settlement.horizonMonth} (UTC+${params.settlementUtcOffsetMinutes / 60} ${t('months')}, STL-1)`, '');
  const overrides = Object.keys(info.overrides);
  out.push(`${t('overrides')}: ${overrides.length === 0 ? t('none') : overrides.map((k) => code(`${k}=${JSON.stringify(info.overrides[k])}`)).join(', ')}`, '');
  const ctx: Ctx = { lang, t, names };
  pushAll(out, commissionSection(params, ctx), totalsSection(settlement, ctx), deferredSection(settlement, ctx));
  pushAll(out, ruleSection(settlement, ctx), reconciliationSection(settlement, ctx), violationSection(info, ctx));
  return `${out.join('\n').trimEnd()}\n`;
}

interface Ctx {
  readonly lang: Lang;
  readonly t: (key: keyof typeof TEXT) => string;
  readonly names: CatalogNames;
}

/**
 * Text from the input (names, ids, the description, violation messages) as inert Markdown on one line: HTML is
 * shown, not run (& < > as entities), link, emphasis, code and table syntax is escaped, and a `javascript:`-style
 * scheme cannot become a link.
 */
export function cell(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/\b(javascript|vbscript|data|file):/gi, '$1&#58;');
}

/** `cell` for text that starts a line: a leading "#", "-", "+" or "1." would make a heading or a list. */
function paragraph(text: string): string {
  return cell(text).replace(/^(\s*)([#+-]|\d+[.)])/, '$1\\$2');
}

/** A code span that no backtick in the text can close early (CommonMark: a longer fence). */
export function code(text: string): string {
  const oneLine = text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  const longest = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

/**
 * Rows a table of summary.md lists before it says how many more there are. summary.md is read by a person: a
 * million-order run defers hundreds of thousands of lines, which belong in settlement.csv (every line, filterable),
 * not in a page of Markdown. Sums and counts above a table always cover every row.
 */
export const SUMMARY_TABLE_ROWS = 200;

function table<T>(header: readonly LabelName[], rows: readonly T[], cells: (row: T) => readonly string[], ctx: Ctx, file = 'settlement.csv'): string[] {
  const titles = header.map((h) => label(h, ctx.lang));
  const out = [`| ${titles.join(' | ')} |`, `| ${titles.map(() => '---').join(' | ')} |`];
  for (const r of rows.slice(0, SUMMARY_TABLE_ROWS)) out.push(`| ${cells(r).map(cell).join(' | ')} |`);
  out.push('');
  if (rows.length > SUMMARY_TABLE_ROWS) out.push(`${(rows.length - SUMMARY_TABLE_ROWS).toLocaleString('en-US')} ${ctx.t('moreRows')} ${code(file)}${ctx.lang === 'zh' ? '。' : '.'}`, '');
  return out;
}

/** An ID with its name beside it, when the run recorded one: `m0001 (杭州某某科技有限公司)`. */
function named(id: string, names: Readonly<Record<string, string>>): string {
  const name = nameOf(names, id);
  return name === '' || name === id ? id : `${id} (${name})`;
}

function commissionSection(params: RulesParams, { lang, t }: Ctx): string[] {
  const rates = Object.entries(params.commissionBasisPoints);
  const text = rates.length === 0
    ? t('commissionZero')
    : `${t('commissionRates')} ${rates.map(([type, bp]) => `${term('deliveryType', type, lang)} ${bp}`).join(', ')}; ${t('otherTypes')}`;
  return [`## ${t('commission')}`, '', text, ''];
}

function totalsSection(settlement: Settlement, ctx: Ctx): string[] {
  const { t, names } = ctx;
  const totals = monthTotals(settlement);
  if (totals.length === 0) return [`## ${t('totals')}`, '', t('noMoney'), ''];
  return [
    `## ${t('totals')}`,
    '',
    t('amountsNote'),
    '',
    ...table(
      ['month', 'merchant', 'lines', 'gross', 'commission', 'payable', 'deferred', 'excluded'],
      totals,
      (x) => [x.settlementMonth, named(x.merchantId, names.merchants), String(x.lines), yuan(x.grossFen), yuan(x.commissionFen), yuan(x.netFen), yuan(x.deferredFen), yuan(x.excludedFen)],
      ctx,
      'settlement-summary.csv',
    ),
  ];
}

function lineCells(row: SettlementRow, { lang, names }: Ctx): string[] {
  return [named(row.line.merchantId, names.merchants), row.line.orderId, term('orderType', row.line.orderType, lang), named(row.line.productId, names.products), yuan(row.line.grossFen)];
}

function deferredSection(settlement: Settlement, ctx: Ctx): string[] {
  const { lang, t } = ctx;
  const open = settlement.rows.filter((r) => r.final && r.treatment === 'deferred');
  // A set, not a scan per row: with 100k orders the scan made summary.md quadratic (minutes at the end of a run).
  const everDeferred = new Set(settlement.rows.filter((o) => o.treatment === 'deferred').map((o) => o.line));
  const later = settlement.rows.filter((r) => r.final && r.treatment === 'settled' && everDeferred.has(r.line));
  const out = [`## ${t('deferred')}`, ''];
  if (open.length === 0 && later.length === 0) return [...out, t('nothingDeferred'), ''];
  if (open.length > 0) {
    out.push(`${t('stillDeferred')} (${settlement.horizonMonth}): ${yuan(sumFen(open.map((r) => r.line.grossFen)))} ${t('yuan')}.`, '');
    pushAll(out, table(['merchant', 'order', 'type', 'product', 'amount', 'why'], open, (r) => [...lineCells(r, ctx), WHY[r.rule]?.[lang] ?? r.rule], ctx));
  }
  if (later.length > 0) {
    out.push(t('deferredThenSettled'), '');
    pushAll(out, table(['merchant', 'order', 'type', 'product', 'amount', 'settledIn', 'rule'], later, (r) => [...lineCells(r, ctx), r.settlementMonth, r.rule], ctx));
  }
  return out;
}

function ruleSection(settlement: Settlement, ctx: Ctx): string[] {
  const { lang, t } = ctx;
  const moved = settlement.rows.filter((r) => r.treatment === 'excluded' || r.treatment === 'netted');
  const out = [`## ${t('excludedNetted')}`, ''];
  if (moved.length === 0) return [...out, t('nothingMoved'), ''];
  for (const rule of [...new Set(moved.map((r) => r.rule))].sort()) {
    const rows = moved.filter((r) => r.rule === rule);
    out.push(`**${rule}** — ${term('treatment', rows[0]!.treatment, lang)}: ${rows.length} ${t('lineCount')}, ${yuan(sumFen(rows.map((r) => r.line.grossFen)))} ${t('inTotal')}.`, '');
    pushAll(out, table(['month', 'merchant', 'order', 'type', 'product', 'amount'], rows, (r) => [r.settlementMonth, ...lineCells(r, ctx)], ctx));
  }
  return out;
}

function reconciliationSection(settlement: Settlement, ctx: Ctx): string[] {
  const { lang, t, names } = ctx;
  if (settlement.reconciliations.length === 0) return [];
  const out = [`## ${t('reconciliation')}`, ''];
  for (const r of settlement.reconciliations) {
    const state = term('productState', r.state, lang);
    out.push(`${t('product')} ${code(r.productId)} ${t('became')} ${state} ${t('at')} ${formatTime(r.delistedAt)}: ${r.pending.length} ${t('pendingLines')}, ${yuan(r.pendingGrossFen)} ${t('yuan')}.`, '');
    if (r.pending.length > 0) {
      pushAll(out, table(
        ['merchant', 'order', 'type', 'amount', 'statusAtDelisting', 'endsAs'],
        r.pending,
        (p) => [
          named(p.line.merchantId, names.merchants),
          p.line.orderId,
          term('orderType', p.line.orderType, lang),
          yuan(p.line.grossFen),
          term('pending', p.status, lang),
          `${term('treatment', p.outcome.treatment, lang)} ${p.outcome.month} (${p.outcome.rule})`,
        ],
        ctx,
      ));
    }
  }
  return out;
}

function violationSection(info: SummaryInfo, ctx: Ctx): string[] {
  const { t } = ctx;
  if (info.violations.length === 0) return [`## ${t('violations')}`, '', t('noViolations'), ''];
  return [`## ${t('violations')}`, '', ...table(['at', 'check', 'rules', 'entity', 'message'], info.violations, (v) => [v.at, v.check, v.rules.join(', '), v.entity, v.message], ctx, 'violations.jsonl')];
}

/**
 * Appends every line of every part. Not `out.push(...part)`: a spread passes each line as an argument, and a
 * section of a large run (a million orders' deferred lines) exceeds the engine's argument limit.
 */
function pushAll(out: string[], ...parts: readonly (readonly string[])[]): void {
  for (const part of parts) for (const line of part) out.push(line);
}
