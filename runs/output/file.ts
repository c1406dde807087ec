// Writes one output file atomically and durably (a temporary sibling, fsynced, renamed over, the folder fsynced),
// and only over a file marketsim wrote: the caller says how to recognise one (checkFileTarget).
import { lstatSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fsyncDir, makeFolders, writeNewFileDurable } from './durable.js';
import { processAlive } from './marker.js';
import { checkFileTarget } from './target.js';

/** How to recognise an existing file as one marketsim wrote, by its first bytes, and what to call it. */
export interface FileKind {
  readonly what: string;
  readonly isOurs: (head: string) => boolean;
}

/** Any existing regular file may be replaced: files inside a run folder that `settle` rewrites by name. */
export const RUN_FOLDER_FILE: FileKind = { what: 'a run folder file', isOurs: () => true };

/** Checks `file` up front (before any work), so a refusal is one line and nothing was computed in vain. */
export function checkOutputFile(file: string, kind: FileKind): { ok: true } | { ok: false; error: string } {
  const checked = checkFileTarget(file, kind.isOurs, kind.what);
  return checked.ok ? { ok: true } : { ok: false, error: `${file}: ${checked.error}` };
}

/** Writes `content` to `file`, or says why it will not (nothing written then). */
export function writeFileAtomic(file: string, content: string | Uint8Array, kind: FileKind): { ok: true } | { ok: false; error: string } {
  const checked = checkOutputFile(file, kind);
  if (!checked.ok) return checked;
  makeFolders(dirname(file));
  removeStaleTemps(file);
  const temp = join(dirname(file), `.${basename(file)}.tmp-${process.pid}`);
  try {
    rmSync(temp, { force: true });
    writeNewFileDurable(temp, content);
    renameSync(temp, file);
    fsyncDir(dirname(file));
    return { ok: true };
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Temporary files of this output left by a writer that was killed (regular files named for a dead pid). */
function removeStaleTemps(file: string): void {
  const prefix = `.${basename(file)}.tmp-`;
  for (const name of readdirSync(dirname(file))) {
    if (!name.startsWith(prefix) || !/^[1-9][0-9]{0,9}$/.test(name.slice(prefix.length))) continue;
    const pid = Number(name.slice(prefix.length));
    const path = join(dirname(file), name);
    if (pid !== process.pid && !processAlive(pid) && lstatSync(path).isFile()) rmSync(path, { force: true });
  }
}
