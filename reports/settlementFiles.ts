// The settlement files of one run (settlement.csv, settlement-summary.csv, summary.md), built from its log and
// what summary.json records (profile, overrides, end): one function, so `run` and `settle` write the same bytes.
import { PLATFORMS, type Platform } from '../machines/domain.js';
import { resolveRules, type RulesParams } from '../machines/rules.js';
import type { LogEntry } from '../sim/log/entry.js';
import { parseTime } from '../machines/time.js';
import { settle, type Settlement } from './settlement.js';
import { settlementCsvChunks, settlementSummaryCsv, type CsvOptions } from './settlementCsv.js';
import { settlementFacts, type SettlementFacts } from './settlementFacts.js';
import type { SummaryInfo } from './runInfo.js';
import { summaryMarkdown } from './summaryMarkdown.js';

export const SETTLEMENT_FILE_NAMES = ['settlement.csv', 'settlement-summary.csv', 'summary.md'] as const;

/** Why summary.json cannot drive a settlement: which field, and the reason. */
export interface RunInfoProblem {
  readonly path: string;
  readonly reason: string;
}

/** The rules parameters and run end that summary.json records, rebuilt exactly as the run resolved them. */
export function settlementParams(info: SummaryInfo): { ok: true; params: RulesParams; runEnd: number } | { ok: false; error: RunInfoProblem } {
  if (!(PLATFORMS as readonly string[]).includes(info.profile)) {
    return { ok: false, error: { path: 'profile', reason: `unknown profile ${JSON.stringify(info.profile)}` } };
  }
  const resolved = resolveRules(info.profile as Platform, info.overrides);
  if (!resolved.ok) {
    const issue = resolved.error[0]!;
    return { ok: false, error: { path: ['overrides', ...issue.path].join('.'), reason: issue.message } };
  }
  const runEnd = typeof info.end === 'string' ? parseTime(info.end) : undefined;
  if (runEnd === undefined) return { ok: false, error: { path: 'end', reason: `not a time: ${JSON.stringify(info.end)}` } };
  return { ok: true, params: resolved.params, runEnd };
}

/** The settlement of a run; throws FactError (settlementFacts.ts) on a ledger fact that breaks the contract. */
export function runSettlement(entries: readonly LogEntry[], params: RulesParams, runEnd: number): Settlement {
  return settle({ facts: settlementFacts(entries), params, runEnd });
}

export function settlementFiles(settlement: Settlement, info: SummaryInfo, params: RulesParams, options: CsvOptions): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, piece] of settlementFilePieces(settlement, info, params, options)) files.set(name, (files.get(name) ?? '') + piece);
  return files;
}

/**
 * settlementFiles as [name, piece] pairs, settlement.csv in pieces of rows (a file's pieces come one after another,
 * in order): the same bytes, without holding a large run's settlement.csv whole.
 */
export function* settlementFilePieces(settlement: Settlement, info: SummaryInfo, params: RulesParams, options: CsvOptions): Generator<readonly [string, string]> {
  for (const piece of settlementCsvChunks(settlement, options, info.names)) yield ['settlement.csv', piece];
  yield ['settlement-summary.csv', settlementSummaryCsv(settlement, options, info.names)];
  yield ['summary.md', summaryMarkdown(info, settlement, params, options.lang)];
}

/** A run being written, settled: the settlement, the rules it was settled under, and summary.json's fields as saved. */
export interface SettledRun {
  readonly settlement: Settlement;
  readonly params: RulesParams;
  /** The summary's fields round-tripped through JSON: exactly what `settle` reads back from summary.json. */
  readonly saved: SummaryInfo;
}

/**
 * Settles a run being written (`run`, TUI export); a problem here is a bug, so it throws. `checked`: the
 * settlement the run's own end-of-run checks computed from the same facts, used when summary.json resolves to the
 * same rules parameters and end (always, for a run that is not tampered with), so a large run settles once.
 */
export function settleRun(facts: SettlementFacts, info: SummaryInfo, checked?: { readonly settlement: Settlement; readonly params: RulesParams; readonly runEnd: number }): SettledRun {
  const resolved = settlementParams(info);
  if (!resolved.ok) throw new Error(`settlement: summary ${resolved.error.path}: ${resolved.error.reason}`);
  const saved = savedInfo(info);
  const same = checked !== undefined && checked.runEnd === resolved.runEnd && JSON.stringify(checked.params) === JSON.stringify(resolved.params);
  const settlement = same ? checked.settlement : settle({ facts, params: resolved.params, runEnd: resolved.runEnd });
  return { settlement, params: resolved.params, saved };
}

/**
 * summary.json's fields that settlement reads, round-tripped through JSON as `settle` reads them back. Only these:
 * the whole summary also holds every entity's final state (83 MB of summary.json at a million orders), and its
 * parsed copy was kept through the end of the run.
 */
function savedInfo(info: SummaryInfo): SummaryInfo {
  const { scenario, description, profile, seed, start, end, overrides, violations, names, log } = info;
  return JSON.parse(JSON.stringify({ scenario, description, profile, seed, start, end, overrides, violations, names, log })) as SummaryInfo;
}
