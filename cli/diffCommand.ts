// `marketsim diff <run-dir-A> <run-dir-B>`: settles both saved runs, prints per merchant and month what changed
// and writes diff.csv (default: into B, the variant; --out FILE elsewhere). Both runs are verified as settle
// verifies one (runs/savedRun.ts).
import { join } from 'node:path';
import { EXIT } from './exitCodes.js';
import { checkOutputFile } from '../runs/output/file.js';
import { loadSavedRun } from '../runs/savedRun.js';
import { NO_NAMES } from '../reports/runInfo.js';
import { fileOptions } from './flags.js';
import { badInput, type Io } from './io.js';
import { DIFF_CSV, printAndWriteDiff } from './shared/compare.js';

export interface DiffFlags {
  readonly out?: string;
  readonly lang?: string;
  readonly excel?: boolean;
  readonly trustModified?: boolean;
}

export function diffCommand(dirA: string, dirB: string, flags: DiffFlags, io: Io): number {
  const options = fileOptions(flags);
  if (!options.ok) return badInput(options.error, io);
  const target = flags.out ?? join(dirB, 'diff.csv');
  const writable = checkOutputFile(target, DIFF_CSV);
  if (!writable.ok) return fail(writable.error, io);
  const trustModified = flags.trustModified ?? false;
  const a = loadSavedRun(dirA, { trustModified });
  if (!a.ok) return fail(a.error, io);
  const b = loadSavedRun(dirB, { trustModified });
  if (!b.ok) return fail(b.error, io);
  return printAndWriteDiff(a.value.settlement, b.value.settlement, dirA, dirB, target, options.value, io, b.value.info.names ?? NO_NAMES);
}

function fail(message: string, io: Io): number {
  io.err(`marketsim: ${message}`);
  return EXIT.badInput;
}
