// How marketsim recognises what it wrote: every folder it writes holds a marker file, written first into the
// temporary folder, and its temporary siblings follow one naming pattern carrying the writer's process id.
// Only what carries the marker is ever replaced or removed.
import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const MARKER_NAME = '.marketsim-output';
export const MARKER_TEXT = 'This folder was written by marketsim. The next marketsim write to this path replaces it whole.\n';

/** A folder holding marketsim's marker (a regular file, not a link). */
export function hasMarker(folder: string): boolean {
  try {
    return lstatSync(join(folder, MARKER_NAME)).isFile();
  } catch {
    return false;
  }
}

/**
 * Removes a folder marketsim wrote with its marker last. A plain recursive removal may delete the marker first, and a
 * process killed right then leaves a remainder that no longer proves it is ours, which every later write must leave
 * alone; removed this way, what a kill leaves still carries the marker and the next write clears it (`recover`).
 */
export function removeMarkedFolder(folder: string): void {
  let isFolder: boolean;
  try {
    isFolder = lstatSync(folder).isDirectory();
  } catch {
    return; // gone already
  }
  // A file, or a link (never followed: only the link goes, as a plain removal would do).
  if (!isFolder) return rmSync(folder, { force: true });
  const names = readdirSync(folder);
  for (const name of names) if (name !== MARKER_NAME) rmSync(join(folder, name), { recursive: true, force: true });
  rmSync(folder, { recursive: true, force: true });
}

/** What a sibling of an output folder is for: being written, written and waiting to swap in, or swapped out. */
export type LeftoverStage = 'tmp' | 'new' | 'old';

export interface Leftover {
  readonly name: string;
  readonly stage: LeftoverStage;
  readonly pid: number;
}

export function siblingName(base: string, stage: LeftoverStage | 'lock', pid?: number): string {
  return stage === 'lock' ? `.${base}.lock` : `.${base}.${stage}-${pid}`;
}

/** Whether a process with this id is running (a leftover named for it may be its work in progress). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The sibling `name` of output folder `base`, when it follows marketsim's naming. */
export function parseLeftover(base: string, name: string): Leftover | undefined {
  const prefix = `.${base}.`;
  if (!name.startsWith(prefix)) return undefined;
  const match = /^(tmp|new|old)-([1-9][0-9]{0,9})$/.exec(name.slice(prefix.length));
  return match ? { name, stage: match[1] as LeftoverStage, pid: Number(match[2]) } : undefined;
}
