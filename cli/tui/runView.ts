// A finished run as the results screen reads it: what its files are built from, its summary, the files the tabs
// read (English headers, for the adapters) and how to replay it. Not the engine: a large run's entities are most
// of its memory and no tab reads them once the summary is built.

import { finishedRun, runReportFiles, DEFAULT_FILE_OPTIONS, type FinishedRun, type ReportStep } from '../../runs/files.js';
import { buildSummary, type RunSummary } from '../../runs/summary.js';
import { replayCommand } from '../../runs/violations.js';
import type { RunFlags } from '../flags.js';

export interface RunView {
  /** "base", or the comparison variant's name. */
  readonly label: string;
  readonly result: FinishedRun;
  readonly summary: RunSummary;
  /** The files of `marketsim run --lang en` that the tabs read (TAB_FILES), by name. */
  readonly files: ReadonlyMap<string, string | Uint8Array>;
  /** The run's events.jsonl, spooled to disk as it ran. */
  readonly logFile: string;
  /** The flags it was started with (export reads lang and excel from them). */
  readonly flags: RunFlags;
  /** `marketsim run …` that reproduces it (the command violations.jsonl carries). */
  readonly replay: string;
  /** What `marketsim run` is given for this scenario (a built-in name or a path). */
  readonly scenarioArg: string;
}

/** The files the results tabs read (cli/tui/adapters.ts); export builds every file again from the run. */
const TAB_FILES: ReadonlySet<string> = new Set(['settlement.csv', 'settlement-summary.csv', 'violations.jsonl']);
const TAB_STEPS: ReadonlySet<ReportStep> = new Set(['violations.jsonl', 'settlement', 'settlement files']);

export function runView(label: string, scenarioArg: string, flags: RunFlags, result: FinishedRun, logFile: string): RunView {
  const replay = replayCommand(result.setup, scenarioArg);
  const summary = buildSummary(result);
  const finished = finishedRun(result);
  // Only the steps whose files the tabs read: orders.csv and report.html are built by export, when asked.
  const files = runReportFiles(finished, { ...DEFAULT_FILE_OPTIONS, replay }, summary, TAB_STEPS);
  return {
    label,
    result: finished,
    summary,
    files: new Map([...files].filter(([name]) => TAB_FILES.has(name))),
    logFile,
    flags,
    replay,
    scenarioArg,
  };
}
