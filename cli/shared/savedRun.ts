// A saved run directory (events.jsonl + summary.json) read back and settled, for `settle`, `diff` and `--compare`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSavedRun, type SavedRun } from '../../reports/settlementInput.js';

/** What `settle --set` changes in summary.json before settling: its text in, the re-priced text or a reason out. */
export type SummaryEdit = (summaryText: string) => { ok: true; value: string } | { ok: false; error: string };

/** A saved run directory read and settled, or the one line to print; `edit` re-prices summary.json first. */
export function loadSavedRun(dir: string, edit?: SummaryEdit): { ok: true; run: SavedRun; summaryText: string } | { ok: false; message: string } {
  const texts: Record<'events.jsonl' | 'summary.json', string> = { 'events.jsonl': '', 'summary.json': '' };
  for (const name of ['events.jsonl', 'summary.json'] as const) {
    try {
      texts[name] = readFileSync(join(dir, name), 'utf8');
    } catch (error) {
      return { ok: false, message: `${join(dir, name)}: (root): cannot read file (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
    }
  }
  let summaryText = texts['summary.json'];
  if (edit) {
    const edited = edit(summaryText);
    if (!edited.ok) return { ok: false, message: `${join(dir, 'summary.json')}: ${edited.error}` };
    summaryText = edited.value;
  }
  const saved = readSavedRun(texts['events.jsonl'], summaryText);
  if (!saved.ok) return { ok: false, message: `${join(dir, saved.problem.file)}: ${saved.problem.where}: ${saved.problem.reason}` };
  return { ok: true, run: saved.value, summaryText };
}
