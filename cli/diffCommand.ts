// `marketsim diff <run-dir-A> <run-dir-B>`: settles both saved runs, prints per merchant and month what changed
// and writes diff.csv (default: into B, the variant; --out FILE elsewhere) and diff.html beside it.
import { join } from 'node:path';
import { EXIT } from './exitCodes.js';
import type { Io } from './io.js';
import { printAndWriteDiff } from './shared/compare.js';
import { loadNames, loadSavedRun } from './shared/savedRun.js';

export interface DiffFlags {
  readonly out?: string;
  readonly excel?: boolean;
}

export function diffCommand(dirA: string, dirB: string, flags: DiffFlags, io: Io): number {
  const a = loadSavedRun(dirA);
  if (!a.ok) return fail(a.message, io);
  const b = loadSavedRun(dirB);
  if (!b.ok) return fail(b.message, io);
  const target = flags.out ?? join(dirB, 'diff.csv');
  printAndWriteDiff(a.run.settlement, b.run.settlement, dirA, dirB, target, flags.excel ?? false, io, loadNames(dirB));
  return EXIT.ok;
}

function fail(message: string, io: Io): number {
  io.err(`marketsim: ${message}`);
  return EXIT.badInput;
}
