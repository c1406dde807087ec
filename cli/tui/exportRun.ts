// Export from the TUI: the run's files exactly as `marketsim run` writes them (runs/files.ts), into the same
// default folder, all-or-nothing and only over a folder marketsim wrote (runs/output/).
import { join } from 'node:path';
import { runReportFiles, type FinishedRun, type RunFileOptions } from '../../runs/files.js';
import { sealedSummaryText } from '../../runs/integrity.js';
import { openOutputDir } from '../../runs/output/folder.js';
import type { RunSummary } from '../../runs/summary.js';
import { replayCommand } from '../../runs/violations.js';
import { readSpool } from './logSpool.js';

/** `marketsim run`'s default output folder for a scenario. */
export function defaultOutDir(scenarioName: string): string {
  return `out/${scenarioName}`;
}

/**
 * Writes the run into `dir` and returns the paths written, in the order runFiles lists them, or why `dir` may
 * not be replaced. `scenarioArg` is what `marketsim run` would be given: violations.jsonl carries the replay
 * command built from it.
 */
export function exportRun(
  dir: string,
  result: FinishedRun,
  summary: RunSummary,
  logFile: string,
  scenarioArg: string,
  options: RunFileOptions,
): { ok: true; value: string[] } | { ok: false; error: string } {
  const files = runReportFiles(result, { ...options, replay: replayCommand(result.setup, scenarioArg) }, summary);
  const opened = openOutputDir(dir);
  if (!opened.ok) return opened;
  const output = opened.value;
  try {
    // The log comes from the spool in chunks, never as one string; summary.json last, with the digests.
    readSpool(logFile, (text) => output.append('events.jsonl', text));
    output.finish(files, (digests) => new Map([['summary.json', sealedSummaryText(summary, digests)]]));
  } catch (error) {
    output.abandon();
    throw error;
  }
  return { ok: true, value: ['events.jsonl', 'summary.json', ...files.keys()].map((name) => join(dir, name)) };
}
