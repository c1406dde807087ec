// The files a run writes, by name, as bytes: one function so `marketsim run`, the TUI and `settle` agree.
// report.html (reports/html/) is among them; settlement.xlsx is not (asked for with --xlsx).
import { createHash } from 'node:crypto';
import type { FinishedRun, RunResult } from './run.js';
import { sealedSummaryText } from './integrity.js';
import { pieceWriter } from './output/pieces.js';
import { eventLogText } from '../reports/eventLog.js';
import { ledgerOrdersCsvChunks } from '../reports/ordersCsv.js';
import { runReportHtml } from '../reports/html/runReport.js';
import { settlementFilePieces, settleRun, type SettledRun } from '../reports/settlementFiles.js';
import { buildSummary, type RunSummary } from './summary.js';
import { violationsJsonl } from './violations.js';

export interface RunFileOptions {
  readonly lang: 'en' | 'zh';
  /** Prefix CSV files with a UTF-8 BOM so Excel reads them as UTF-8. */
  readonly excel: boolean;
  /** The replay command written on each violations.jsonl line (default: built from the run setup). */
  readonly replay?: string;
}

export const DEFAULT_FILE_OPTIONS: RunFileOptions = { lang: 'en', excel: false };

/** Every file of a run, events.jsonl included: the run must have kept its log (RunOptions.retainLog, the default). */
export function runFiles(result: RunResult, options: RunFileOptions = DEFAULT_FILE_OPTIONS): Map<string, string> {
  if (!result.logRetained) throw new Error('runFiles needs the whole log: this run streamed it (retainLog: false)');
  const events = eventLogText(result.entries);
  const summary = buildSummary(result);
  const reports = runReportFiles(result, options, summary);
  const digests = new Map<string, string>();
  for (const [name, text] of [['events.jsonl', events] as const, ...reports]) digests.set(name, createHash('sha256').update(text, 'utf8').digest('hex'));
  return new Map([['events.jsonl', events], ['summary.json', runSummaryText(result, digests, summary)], ...reports]);
}

/**
 * summary.json, sealed with the digests of the run's other files (runs/integrity.ts). `summary` is the run's
 * summary when the caller has built it already (it walks every entity: built once per run, not once per file).
 */
export function runSummaryText(result: RunResult, digests: ReadonlyMap<string, string>, summary: RunSummary = buildSummary(result)): string {
  return sealedSummaryText(summary, digests);
}

export type { FinishedRun } from './run.js';

/** A run's FinishedRun: a new object, so it holds no reference to the engine and its entities. */
export function finishedRun(result: FinishedRun): FinishedRun {
  const { setup, violations, digest, world, merchants } = result;
  return { setup, violations, digest, world, merchants, ...(result.settled ? { settled: result.settled } : {}) };
}

/**
 * The files built from what the run digested as it went (all but events.jsonl and summary.json, which records
 * their digests): `marketsim run` streams the log to disk as the engine produces it and writes these at the end.
 */
export function runReportFiles(result: FinishedRun, options: RunFileOptions, summary: RunSummary, only?: ReadonlySet<ReportStep>): Map<string, string> {
  const files = new Map<string, string>();
  // A file's pieces joined in order, refused when they come back after another file's, as `marketsim run` writes them.
  const put = pieceWriter({ append: (name, text) => void files.set(name, (files.get(name) ?? '') + text) });
  for (const build of reportBuilders(result, options, summary)) {
    if (only && !only.has(build.names)) continue;
    for (const [name, text] of build()) put(name, text);
  }
  return files;
}

/** The steps that build a run's report files, in order; `runReportFiles` can be asked for some of them only. */
export type ReportStep = 'violations.jsonl' | 'orders.csv' | 'settlement' | 'settlement files' | 'report.html';

/**
 * `runReportFiles` handing each file to `put` as soon as it is built (so they are not all held at once), with a
 * turn of the event loop between one step and the next: at a million orders a step takes seconds, and a stop
 * signal (Ctrl-C) is only handled between turns. `onStep` hears each step as it starts (the progress line says
 * what is being written). Same files, same bytes. A large file (orders.csv, settlement.csv) comes in pieces, one
 * after another in order: `put` appends each to its file.
 */
export async function writeReportFilesYielding(
  result: FinishedRun,
  options: RunFileOptions,
  summary: RunSummary,
  put: (name: string, text: string) => void,
  onStep?: (step: string) => void,
  elsewhere: ReadonlySet<ReportStep> = NOTHING_ELSEWHERE,
): Promise<SettledRun> {
  const builders = reportBuilders(result, options, summary);
  for (const build of builders) {
    // Built by the caller some other way (orders.csv on a thread of its own: runs/ordersCsvThread/).
    if (elsewhere.has(build.names)) continue;
    onStep?.(build.names);
    await new Promise((resume) => setImmediate(resume));
    for (const [name, text] of build()) put(name, text);
  }
  return builders.settled();
}

const NOTHING_ELSEWHERE: ReadonlySet<ReportStep> = new Set();

/** One step of the end of a run: the files it builds as [name, piece] pairs (a file's pieces in a row), named for the progress line. */
type ReportBuilder = (() => Iterable<readonly [string, string]>) & { readonly names: ReportStep };

function builder(names: ReportStep, build: () => Iterable<readonly [string, string]>): ReportBuilder {
  return Object.assign(build, { names });
}

/** Product id → name, beside each order in orders.csv. */
export function productNamesOf(setup: FinishedRun['setup']): Map<string, string> {
  return new Map(setup.scenario.products.map((p) => [p.id, p.name]));
}

/** The steps, and the settlement their files were written from (computed once, by the first step that needs it). */
function reportBuilders(result: FinishedRun, options: RunFileOptions, summary: RunSummary): ReportBuilder[] & { settled(): SettledRun } {
  let settled: SettledRun | undefined;
  const settlement = (): SettledRun => (settled ??= settleRun(result.digest.settlementFacts(), summary, result.settled));
  const steps: ReportBuilder[] = [
    builder('violations.jsonl', () => [['violations.jsonl', violationsJsonl(result, options.replay)]]),
    // ORD-5, ORD-6: the seller-center order list, one row per order.
    builder('orders.csv', function* () {
      for (const piece of ledgerOrdersCsvChunks(result.digest.ledger, productNamesOf(result.setup), result.setup.platform, options, summary.names)) yield ['orders.csv', piece] as const;
    }),
    // Settlement (STL-1..7) from the log's facts and summary.json alone, as `marketsim settle` recomputes it; settled
    // in a step of its own (the longest), then written.
    builder('settlement', () => {
      settlement();
      return [];
    }),
    builder('settlement files', () => {
      const s = settlement();
      return settlementFilePieces(s.settlement, s.saved, s.params, options);
    }),
    // The names beside IDs come from summary.json's `names`, which `settle` and `diff` read back: one record of them
    // (a names.json beside it duplicated it), so a report rebuilt from a saved run has the same bytes.
    builder('report.html', () => {
      const s = settlement();
      return [['report.html', runReportHtml({ info: s.saved, settlement: s.settlement, refusals: result.digest.refusals.result(), lang: options.lang })]];
    }),
  ];
  return Object.assign(steps, { settled: settlement });
}
