// A saved run directory (events.jsonl + summary.json) read back and settled, for `settle`, `diff` and `--compare`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NO_NAMES, parseNames, type ReportNames } from '../../reports/names.js';
import { readSavedRun, type SavedRun } from '../../reports/settlementInput.js';

/**
 * The run's names.json (merchant and product names by ID); a run directory written before it existed, or one
 * whose file cannot be read, gives IDs only: the report says less, never something wrong.
 */
export function loadNames(dir: string): ReportNames {
  try {
    const parsed = parseNames(readFileSync(join(dir, 'names.json'), 'utf8'));
    return parsed.ok ? parsed.value : NO_NAMES;
  } catch {
    return NO_NAMES;
  }
}

/** A saved run directory read and settled, or the one line to print. */
export function loadSavedRun(dir: string): { ok: true; run: SavedRun } | { ok: false; message: string } {
  const texts: Record<'events.jsonl' | 'summary.json', string> = { 'events.jsonl': '', 'summary.json': '' };
  for (const name of ['events.jsonl', 'summary.json'] as const) {
    try {
      texts[name] = readFileSync(join(dir, name), 'utf8');
    } catch (error) {
      return { ok: false, message: `${join(dir, name)}: (root): cannot read file (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
    }
  }
  const saved = readSavedRun(texts['events.jsonl'], texts['summary.json']);
  if (!saved.ok) return { ok: false, message: `${join(dir, saved.problem.file)}: ${saved.problem.where}: ${saved.problem.reason}` };
  return { ok: true, run: saved.value };
}
