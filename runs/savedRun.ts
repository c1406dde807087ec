// A saved run folder read back for `settle` and `diff`. Its digests are checked first (summary.json's seal and
// events.jsonl's sha256): a modified run is refused unless the caller trusts it. Then events.jsonl is streamed
// line by line through the log's contracts and the settlement facts, never held whole, and settled. Any problem
// is one line naming the file, the line or field, and the reason.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LogContracts } from '../reports/logContracts.js';
import { RefusalDigest, type RefusalGroup } from '../reports/refusals.js';
import { settle } from '../reports/settlement.js';
import { FactCollector } from '../reports/settlementFacts.js';
import { settlementParams } from '../reports/settlementFiles.js';
import { parseEventLine, parseSummaryInfo, wroteNoLog, type SavedRun } from '../reports/settlementInput.js';
import { parseTime } from '../machines/time.js';
import { modifiedFile, readSeal, type Integrity } from './integrity.js';
import { forEachLine, MAX_LINE_BYTES } from './lines.js';
import { recoverFolder } from './output/folder.js';

/** What `settle --set` changes in summary.json before settling: its text in, the re-priced text or a reason out. */
export type SummaryEdit = (summaryText: string) => { ok: true; value: string } | { ok: false; error: string };

export interface LoadOptions {
  /** Settle a run whose digests do not match (or that has none); its log's contracts are still checked. */
  readonly trustModified?: boolean;
  /** Re-prices summary.json (after its digests are checked) before the run is settled. */
  readonly edit?: SummaryEdit;
}

/** A run read and settled, with its seal when the digests held (settle then records the files it rewrites). */
export type LoadedRun = SavedRun & { readonly seal?: Integrity; readonly summaryText: string; readonly refusals: readonly RefusalGroup[] };

const TRUST_HINT = 'settle only what marketsim wrote, or pass --trust-modified';

export function loadSavedRun(dir: string, options: LoadOptions = {}): { ok: true; value: LoadedRun } | { ok: false; error: string } {
  // A crash in the middle of replacing this folder leaves it missing until a marketsim start puts it back.
  if (!existsSync(dir)) recoverFolder(dir);
  const summaryFile = join(dir, 'summary.json');
  const eventsFile = join(dir, 'events.jsonl');
  const summaryRead = readText(summaryFile);
  // A run that says it wrote no log is refused for that, first: a claim of no log can only stop a settlement.
  if (summaryRead.ok && wroteNoLog(summaryRead.value)) return { ok: false, error: noLog(eventsFile) };
  if (!existsSync(eventsFile)) return { ok: false, error: `${eventsFile}: (root): cannot read file (ENOENT)` };
  if (!summaryRead.ok) return summaryRead;
  let summaryText = summaryRead.value;
  const seal = readSeal(summaryText);
  if (!seal.ok && !options.trustModified) return { ok: false, error: `${summaryFile}: ${seal.error}; ${TRUST_HINT}` };
  if (seal.ok) {
    const modified = modifiedFile(dir, seal.value, ['events.jsonl']);
    if (modified && !options.trustModified) return { ok: false, error: `${modified.file}: ${modified.reason}; ${TRUST_HINT}` };
  }
  if (options.edit) {
    const edited = options.edit(summaryText);
    if (!edited.ok) return { ok: false, error: `${summaryFile}: ${edited.error}` };
    summaryText = edited.value;
  }
  const summary = parseSummaryInfo(summaryText);
  if (!summary.ok) return { ok: false, error: `${summaryFile}: ${summary.error.where}: ${summary.error.reason}` };
  const resolved = settlementParams(summary.value);
  if (!resolved.ok) return { ok: false, error: `${summaryFile}: ${resolved.error.path}: ${resolved.error.reason}` };
  const start = parseTime(summary.value.start);
  if (start === undefined) return { ok: false, error: `${summaryFile}: start: not a time: ${JSON.stringify(summary.value.start)}` };

  const contracts = new LogContracts(start, resolved.runEnd, summary.value.log);
  // Usage folded by settlement month as the run folds it (reports/runDigest.ts): the same facts, far less memory.
  const facts = new FactCollector(resolved.params.settlementUtcOffsetMinutes);
  // Refusals by rule for report.html, gathered in the same pass.
  const refusals = new RefusalDigest();
  let problem: string | undefined;
  const read = forEachLine(eventsFile, (raw, line) => {
    if (raw.trim() === '') return true;
    const entry = parseEventLine(raw);
    if (entry.ok) refusals.add(entry.value);
    const reason = entry.ok ? (factProblem(facts, entry.value) ?? contracts.add(entry.value)) : entry.error;
    if (reason) problem = `${eventsFile}: line ${line}: ${reason}`;
    return reason === undefined;
  });
  if (read.tooLong !== undefined) return { ok: false, error: `${eventsFile}: line ${read.tooLong}: longer than ${MAX_LINE_BYTES >> 20} MiB, not a log line` };
  if (problem) return { ok: false, error: problem };
  const counted = contracts.finish(summary.value.counts);
  if (counted) return { ok: false, error: `${eventsFile}: (end): ${counted}` };
  const settlement = settle({ facts: facts.result(), params: resolved.params, runEnd: resolved.runEnd });
  return { ok: true, value: { info: summary.value, params: resolved.params, settlement, summaryText, refusals: refusals.result(), ...(seal.ok ? { seal: seal.value } : {}) } };
}

function readText(file: string): { ok: true; value: string } | { ok: false; error: string } {
  try {
    return { ok: true, value: readFileSync(file, 'utf8') };
  } catch (error) {
    return { ok: false, error: `${file}: (root): cannot read file (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
}

/** Why a run made with `run --log none` cannot be settled again (there is no log to re-derive it from). */
function noLog(eventsFile: string): string {
  return `${eventsFile}: not written: the run was made with --log none, so its settlement cannot be re-derived; run it again with --log money or --log full`;
}

function factProblem(facts: FactCollector, entry: Parameters<FactCollector['add']>[0]): string | undefined {
  facts.add(entry);
  return facts.firstError?.reason;
}
