// summary.md: the run's settlement for a reader: totals by month and merchant, what is deferred and why, what
// REF-2 excluded and REF-4 netted, STL-5 reconciliations at delisting, the commission assumption, violations.
import type { RulesParams } from '../machines/rules.js';
import { formatTime } from '../machines/time.js';
import type { Settlement, SettlementRow } from './settlement.js';
import { monthTotals } from './settlementCsv.js';
import { sumFen, yuan } from './settlementMoney.js';
import type { Violation } from '../sim/log/entry.js';

/** What settlement reads of a run's summary.json (runs/summary.ts writes the whole of it). */
export interface SummaryInfo {
  readonly scenario: string;
  readonly description: string;
  readonly profile: string;
  readonly seed: string;
  readonly start: string;
  readonly end: string;
  readonly overrides: Readonly<Record<string, unknown>>;
  readonly violations: readonly Violation[];
}

const WHY: Readonly<Record<string, string>> = {
  'SUP-10': 'service supervision not completed yet (SUP-10, STL-3): billed the month after completion',
  'REF-4': 'not-yet-effective order waiting for its refund\'s statement (REF-4)',
};

export function summaryMarkdown(info: SummaryInfo, settlement: Settlement, params: RulesParams): string {
  const out: string[] = [`# ${cell(info.scenario)}`, ''];
  if (info.description) out.push(cell(info.description), '');
  out.push(`Profile \`${info.profile}\` · seed \`${info.seed}\` · ${info.start} → ${info.end} · statements up to ${settlement.horizonMonth} (UTC+${params.settlementUtcOffsetMinutes / 60} months, STL-1)`, '');
  const overrides = Object.keys(info.overrides);
  out.push(`Rules overrides: ${overrides.length === 0 ? 'none' : overrides.map((k) => `\`${k}=${JSON.stringify(info.overrides[k])}\``).join(', ')}`, '');
  out.push(...commissionSection(params), ...totalsSection(settlement), ...deferredSection(settlement));
  out.push(...ruleSection(settlement), ...reconciliationSection(settlement), ...violationSection(info));
  return `${out.join('\n').trimEnd()}\n`;
}

/** Markdown table cells: pipes and newlines would break the table. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`), ''];
}

function commissionSection(params: RulesParams): string[] {
  const rates = Object.entries(params.commissionBasisPoints);
  const text = rates.length === 0
    ? 'Commission: **0 for every delivery type** — the sources give no rate; this is an *assumption* (STL-6, `commissionBasisPoints`).'
    : `Commission (STL-6, *assumption*, basis points of gross, rounded half away from zero per line): ${rates.map(([t, bp]) => `${t} ${bp}`).join(', ')}; other types 0.`;
  return ['## Commission', '', text, ''];
}

function totalsSection(settlement: Settlement): string[] {
  const totals = monthTotals(settlement);
  if (totals.length === 0) return ['## Totals by month and merchant', '', 'No money moved in this run (no `ledger` facts).', ''];
  return [
    '## Totals by month and merchant',
    '',
    'Amounts in yuan. *Payable* is what the statement pays the merchant (settled and netted lines, after commission).',
    '',
    ...table(
      ['month', 'merchant', 'lines', 'gross', 'commission', 'payable', 'deferred', 'excluded'],
      totals.map((t) => [t.settlementMonth, t.merchantId, String(t.lines), yuan(t.grossFen), yuan(t.commissionFen), yuan(t.netFen), yuan(t.deferredFen), yuan(t.excludedFen)]),
    ),
  ];
}

function lineCells(row: SettlementRow): string[] {
  return [row.line.merchantId, row.line.orderId, row.line.orderType, row.line.productId, yuan(row.line.grossFen)];
}

function deferredSection(settlement: Settlement): string[] {
  const open = settlement.rows.filter((r) => r.final && r.treatment === 'deferred');
  // A set, not a scan per row: with 100k orders the scan made summary.md quadratic (minutes at the end of a run).
  const everDeferred = new Set(settlement.rows.filter((o) => o.treatment === 'deferred').map((o) => o.line));
  const later = settlement.rows.filter((r) => r.final && r.treatment === 'settled' && everDeferred.has(r.line));
  const out = ['## Deferred', ''];
  if (open.length === 0 && later.length === 0) return [...out, 'Nothing was deferred.', ''];
  if (open.length > 0) {
    out.push(`Still deferred at the last statement (${settlement.horizonMonth}): ${yuan(sumFen(open.map((r) => r.line.grossFen)))} yuan.`, '');
    out.push(...table(['merchant', 'order', 'type', 'product', 'amount', 'why'], open.map((r) => [...lineCells(r), WHY[r.rule] ?? r.rule])));
  }
  if (later.length > 0) {
    out.push('Deferred, then settled:', '');
    out.push(...table(['merchant', 'order', 'type', 'product', 'amount', 'settled in', 'rule'], later.map((r) => [...lineCells(r), r.settlementMonth, r.rule])));
  }
  return out;
}

function ruleSection(settlement: Settlement): string[] {
  const moved = settlement.rows.filter((r) => r.treatment === 'excluded' || r.treatment === 'netted');
  const out = ['## Excluded and netted', ''];
  if (moved.length === 0) return [...out, 'No line was excluded (REF-2) or netted (REF-4).', ''];
  for (const rule of [...new Set(moved.map((r) => r.rule))].sort()) {
    const rows = moved.filter((r) => r.rule === rule);
    out.push(`**${rule}** — ${rows[0]!.treatment}: ${rows.length} line(s), ${yuan(sumFen(rows.map((r) => r.line.grossFen)))} yuan in total.`, '');
    out.push(...table(['month', 'merchant', 'order', 'type', 'product', 'amount'], rows.map((r) => [r.settlementMonth, ...lineCells(r)])));
  }
  return out;
}

function reconciliationSection(settlement: Settlement): string[] {
  if (settlement.reconciliations.length === 0) return [];
  const out = ['## Reconciliation at delisting (STL-5)', ''];
  for (const r of settlement.reconciliations) {
    out.push(`Product \`${r.productId}\` became ${r.state} at ${formatTime(r.delistedAt)}: ${r.pending.length} pending line(s), ${yuan(r.pendingGrossFen)} yuan.`, '');
    if (r.pending.length > 0) {
      out.push(...table(
        ['merchant', 'order', 'type', 'amount', 'status at delisting', 'ends as'],
        r.pending.map((p) => [p.line.merchantId, p.line.orderId, p.line.orderType, yuan(p.line.grossFen), p.status, `${p.outcome.treatment} ${p.outcome.month} (${p.outcome.rule})`]),
      ));
    }
  }
  return out;
}

function violationSection(info: SummaryInfo): string[] {
  if (info.violations.length === 0) return ['## Violations', '', 'None.', ''];
  return ['## Violations', '', ...table(['at', 'check', 'rules', 'entity', 'message'], info.violations.map((v) => [v.at, v.check, v.rules.join(', '), v.entity, v.message]))];
}
