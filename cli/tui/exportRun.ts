// Export from the TUI: the run's files exactly as `marketsim run` writes them (reports/runFiles.ts), into the
// same default folder, all-or-nothing and only over a folder marketsim wrote (runs/output/).
import { join } from 'node:path';
import { writeOutputDir } from '../../runs/output/folder.js';
import { runFiles, type RunFileOptions } from '../../runs/files.js';
import { replayCommand } from '../../runs/violations.js';
import type { RunResult } from '../../runs/run.js';

/** `marketsim run`'s default output folder for a scenario. */
export function defaultOutDir(scenarioName: string): string {
  return `out/${scenarioName}`;
}

/**
 * Writes the run into `dir` and returns the paths written (or why `dir` may not be replaced), in the order runFiles lists them. `scenarioArg` is
 * what `marketsim run` would be given: violations.jsonl carries the replay command built from it.
 */
export function exportRun(dir: string, result: RunResult, scenarioArg: string, options: RunFileOptions): { ok: true; value: string[] } | { ok: false; error: string } {
  const files = runFiles(result, { ...options, replay: replayCommand(result.setup, scenarioArg) });
  const written = writeOutputDir(dir, files);
  if (!written.ok) return written;
  return { ok: true, value: [...files.keys()].map((name) => join(dir, name)) };
}
