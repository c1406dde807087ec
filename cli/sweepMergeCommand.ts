// `marketsim sweep merge DIR…`: the output directories of every shard of one sweep (`--shard 1/n` … `n/n`)
// combined into the files a single sweep over all the seeds writes.
import { join } from 'node:path';
import { writeOutputDir } from '../runs/output/folder.js';
import { checkFolderTarget } from '../runs/output/target.js';
import { sweepFiles } from '../runs/sweep/files.js';
import { mergeShards } from '../runs/sweep/merge.js';
import { EXIT } from './exitCodes.js';
import type { Io } from './io.js';
import { summaryText } from './shared/sweepSummary.js';

export interface SweepMergeFlags {
  readonly out?: string;
}

export function sweepMergeCommand(dirs: readonly string[], flags: SweepMergeFlags, io: Io): number {
  const merged = mergeShards(dirs);
  if (!merged.ok) {
    io.err(`marketsim: sweep merge: ${merged.error}`);
    return EXIT.badInput;
  }
  const { report, outcomes } = merged.value;
  const outDir = flags.out ?? join('out', `${report.scenario}-sweep`);
  const writable = checkFolderTarget(outDir);
  if (!writable.ok) {
    io.err(`marketsim: ${outDir}: ${writable.error}`);
    return EXIT.badInput;
  }
  const written = writeOutputDir(outDir, sweepFiles(report, outcomes));
  if (!written.ok) {
    io.err(`marketsim: ${written.error}`);
    return EXIT.badInput;
  }
  io.out(summaryText(report, { how: `merged from ${dirs.length} shards`, outDir }));
  if (report.crashed > 0) return EXIT.internal;
  return report.failing > 0 ? EXIT.violation : EXIT.ok;
}
