// A saved run read back for `settle` and `diff`: summary.json's text and events.jsonl one line at a time → entries
// and the fields settlement needs, or one problem naming the file, the line (or field) and the reason. Pure: the
// reading and the settling are runs/savedRun.ts.
import type { LogEntry } from '../sim/log/entry.js';
import type { Result } from '../machines/result.js';
import type { RulesParams } from '../machines/rules.js';
import type { Settlement } from './settlement.js';
import type { LogCounts } from './logContracts.js';
import type { SummaryInfo } from './runInfo.js';

export interface InputProblem {
  readonly file: 'events.jsonl' | 'summary.json';
  /** "line 7" or a field path such as "overrides.commissionBasisPoints". */
  readonly where: string;
  readonly reason: string;
}

export interface SavedRun {
  readonly info: SummaryInfo;
  readonly params: RulesParams;
  readonly settlement: Settlement;
}

/** summary.json's fields settle and diff read: what settlement needs, and the counts the log must match. */
export type SavedSummary = SummaryInfo & { readonly counts: LogCounts };

export type Parsed<T> = Result<T, InputProblem>;

/** One line of events.jsonl → its entry, or why it is not one (the caller names the line). */
export function parseEventLine(raw: string): Result<LogEntry> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return { ok: false, error: `bad JSON: ${(error as Error).message}` };
  }
  const problem = entryProblem(value);
  return problem ? { ok: false, error: problem } : { ok: true, value: value as LogEntry };
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

/**
 * Whether summary.json's text says the run was made with `run --log none` (read as it is, before its digest is
 * checked: the claim can only stop a settlement, never change one).
 */
export function wroteNoLog(summaryText: string): boolean {
  try {
    return (JSON.parse(summaryText) as { log?: { level?: unknown } } | null)?.log?.level === 'none';
  } catch {
    return false;
  }
}

/** summary.json → the fields settlement needs. */
export function parseSummaryInfo(text: string): Parsed<SavedSummary> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: { file: 'summary.json', where: '(root)', reason: `bad JSON: ${(error as Error).message}` } };
  }
  if (typeof value !== 'object' || value === null) return { ok: false, error: { file: 'summary.json', where: '(root)', reason: 'not an object' } };
  const s = value as Record<string, unknown>;
  for (const key of ['scenario', 'profile', 'seed', 'start', 'end']) {
    if (typeof s[key] !== 'string') return { ok: false, error: { file: 'summary.json', where: key, reason: 'must be a string' } };
  }
  if (typeof s.overrides !== 'object' || s.overrides === null) return { ok: false, error: { file: 'summary.json', where: 'overrides', reason: 'must be an object' } };
  if (!Array.isArray(s.violations)) return { ok: false, error: { file: 'summary.json', where: 'violations', reason: 'must be an array' } };
  const counts = s.counts as Record<string, unknown> | undefined;
  for (const key of ['events', 'accepted', 'refused', 'timers']) {
    if (typeof counts?.[key] !== 'number') return { ok: false, error: { file: 'summary.json', where: `counts.${key}`, reason: 'must be a number' } };
  }
  if (s.names !== undefined) {
    const names = s.names as Record<string, unknown> | null;
    for (const key of ['merchants', 'products']) {
      const map = typeof names === 'object' && names !== null ? names[key] : undefined;
      const ok = typeof map === 'object' && map !== null && !Array.isArray(map) && Object.values(map).every((v) => typeof v === 'string');
      if (!ok) return { ok: false, error: { file: 'summary.json', where: `names.${key}`, reason: 'must be an object of names by ID' } };
    }
  }
  if (s.log !== undefined) {
    const log = s.log as Record<string, unknown> | null;
    if (typeof log !== 'object' || log === null || (log.level !== 'money' && log.level !== 'none')) {
      return { ok: false, error: { file: 'summary.json', where: 'log.level', reason: 'must be "money" or "none" (a full log records no level)' } };
    }
    if (typeof log.lines !== 'number' || !Number.isSafeInteger(log.lines) || log.lines < 0) {
      return { ok: false, error: { file: 'summary.json', where: 'log.lines', reason: 'must be a whole number' } };
    }
  }
  return { ok: true, value: { description: '', ...s } as unknown as SavedSummary };
}
