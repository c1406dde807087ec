// Export from the TUI: the run's files exactly as `marketsim run` writes them (reports/runFiles.ts), into the
// same default folder, all-or-nothing (reports/output.ts).
import { join } from 'node:path';
import { openOutputDir } from '../../reports/output.js';
import { runReportFiles, type RunFileOptions } from '../../runs/files.js';
import { replayCommand } from '../../runs/violations.js';
import type { RunResult } from '../../runs/run.js';
import { readSpool } from './logSpool.js';

/** `marketsim run`'s default output folder for a scenario. */
export function defaultOutDir(scenarioName: string): string {
  return `out/${scenarioName}`;
}

/**
 * Writes the run into `dir` and returns the paths written, in the order runFiles lists them. `scenarioArg` is
 * what `marketsim run` would be given: violations.jsonl carries the replay command built from it.
 */
export function exportRun(dir: string, result: RunResult, logFile: string, scenarioArg: string, options: RunFileOptions): string[] {
  const files = runReportFiles(result, { ...options, replay: replayCommand(result.setup, scenarioArg) });
  const output = openOutputDir(dir);
  try {
    // The log comes from the spool in chunks, never as one string.
    readSpool(logFile, (text) => output.append('events.jsonl', text));
    output.finish(files);
  } catch (error) {
    output.abandon();
    throw error;
  }
  return ['events.jsonl', ...files.keys()].map((name) => join(dir, name));
}
