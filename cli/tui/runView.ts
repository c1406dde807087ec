// A finished run as the results screen reads it: the result, its summary, its files (English headers, for
// the adapters) and how to replay it.
import { runReportFiles, DEFAULT_FILE_OPTIONS } from '../../runs/files.js';
import { buildSummary, type RunSummary } from '../../runs/summary.js';
import { replayCommand } from '../../runs/violations.js';
import { KINDS } from '../../sim/kinds/index.js';
import type { RunResult } from '../../runs/run.js';
import type { RunFlags } from '../flags.js';

export interface RunView {
  /** "base", or the comparison variant's name. */
  readonly label: string;
  readonly result: RunResult;
  readonly summary: RunSummary;
  /** The files `marketsim run --lang en` writes, by name, but events.jsonl (spooled to `logFile`). */
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

export function runView(label: string, scenarioArg: string, flags: RunFlags, result: RunResult, logFile: string): RunView {
  const replay = replayCommand(result.setup, scenarioArg);
  const summary = buildSummary(result, Object.keys(KINDS));
  return {
    label,
    result,
    summary,
    files: runReportFiles(result, { ...DEFAULT_FILE_OPTIONS, replay }, summary),
    logFile,
    flags,
    replay,
    scenarioArg,
  };
}
