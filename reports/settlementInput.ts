// A saved run read back for `settle` and `diff`: events.jsonl and summary.json texts → the run's settlement, or
// one problem naming the file, the line (or field) and the reason. Pure: the CLI reads the files and prints.
import type { LogEntry } from '../sim/log/entry.js';
import type { RulesParams } from '../machines/rules.js';
import type { Settlement } from './settlement.js';
import { FactError } from './settlementFacts.js';
import { runSettlement, settlementParams } from './settlementFiles.js';
import type { SummaryInfo } from './summaryMarkdown.js';

export interface InputProblem {
  readonly file: 'events.jsonl' | 'summary.json';
  /** "line 7" or a field path such as "overrides.commissionBasisPoints". */
  readonly where: string;
  readonly reason: string;
}

export interface SavedRun {
  readonly entries: readonly LogEntry[];
  readonly info: SummaryInfo;
  readonly params: RulesParams;
  readonly settlement: Settlement;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: InputProblem };

/** events.jsonl → entries, checking each line is a JSON log entry; `lines[i]` is the 1-based line of entry i. */
export function parseEventLines(text: string): Parsed<{ entries: LogEntry[]; lines: number[] }> {
  const entries: LogEntry[] = [];
  const lines: number[] = [];
  const all = text.split('\n');
  for (let i = 0; i < all.length; i++) {
    const raw = all[i]!;
    if (raw.trim() === '') continue;
    const where = `line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      return { ok: false, problem: { file: 'events.jsonl', where, reason: `bad JSON: ${(error as Error).message}` } };
    }
    const reason = entryProblem(value);
    if (reason) return { ok: false, problem: { file: 'events.jsonl', where, reason } };
    entries.push(value as LogEntry);
    lines.push(i + 1);
  }
  return { ok: true, value: { entries, lines } };
}

function entryProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a log entry (expected a JSON object)';
  const e = value as Record<string, unknown>;
  if (typeof e.seq !== 'number') return '"seq" must be a number';
  for (const key of ['at', 'entity', 'event', 'state']) if (typeof e[key] !== 'string') return `"${key}" must be a string`;
  if (typeof e.accepted !== 'boolean') return '"accepted" must be true or false';
  if (e.effects === undefined) return undefined;
  if (!Array.isArray(e.effects)) return '"effects" must be an array';
  for (const effect of e.effects as unknown[]) {
    const ok = typeof effect === 'object' && effect !== null && typeof (effect as { type?: unknown }).type === 'string' &&
      typeof (effect as { params?: unknown }).params === 'object' && (effect as { params?: unknown }).params !== null;
    if (!ok) return 'each effect must be { type, params }';
  }
  return undefined;
}

/** summary.json → the fields settlement needs. */
export function parseSummaryInfo(text: string): Parsed<SummaryInfo> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: { file: 'summary.json', where: '(root)', reason: `bad JSON: ${(error as Error).message}` } };
  }
  if (typeof value !== 'object' || value === null) return { ok: false, problem: { file: 'summary.json', where: '(root)', reason: 'not an object' } };
  const s = value as Record<string, unknown>;
  for (const key of ['scenario', 'profile', 'seed', 'start', 'end']) {
    if (typeof s[key] !== 'string') return { ok: false, problem: { file: 'summary.json', where: key, reason: 'must be a string' } };
  }
  if (typeof s.overrides !== 'object' || s.overrides === null) return { ok: false, problem: { file: 'summary.json', where: 'overrides', reason: 'must be an object' } };
  if (!Array.isArray(s.violations)) return { ok: false, problem: { file: 'summary.json', where: 'violations', reason: 'must be an array' } };
  return { ok: true, value: { description: '', ...s } as unknown as SummaryInfo };
}

/** Both files of a saved run → its settlement. */
export function readSavedRun(eventsText: string, summaryText: string): Parsed<SavedRun> {
  const summary = parseSummaryInfo(summaryText);
  if (!summary.ok) return summary;
  const resolved = settlementParams(summary.value);
  if (!resolved.ok) return { ok: false, problem: { file: 'summary.json', ...{ where: resolved.problem.path, reason: resolved.problem.reason } } };
  const log = parseEventLines(eventsText);
  if (!log.ok) return log;
  try {
    const settlement = runSettlement(log.value.entries, resolved.params, resolved.runEnd);
    return { ok: true, value: { entries: log.value.entries, info: summary.value, params: resolved.params, settlement } };
  } catch (error) {
    if (!(error instanceof FactError)) throw error;
    return { ok: false, problem: { file: 'events.jsonl', where: `line ${log.value.lines[error.index] ?? '?'}`, reason: error.reason } };
  }
}
