// Writes a run's files all-or-nothing: into a temporary sibling directory, then renamed into place,
// so a failure or an interrupt never leaves a half-written output directory behind.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type OutputFiles = ReadonlyMap<string, string | Uint8Array>;

/** Replaces `dir` by a directory holding exactly `files`. */
export function writeOutputDir(dir: string, files: OutputFiles): void {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const temp = join(parent, `.${basename(dir)}.tmp-${process.pid}`);
  const old = join(parent, `.${basename(dir)}.old-${process.pid}`);
  rmSync(temp, { recursive: true, force: true });
  try {
    mkdirSync(temp);
    for (const [name, content] of files) writeFileSync(join(temp, name), content);
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(temp, dir);
    rmSync(old, { recursive: true, force: true });
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    if (!existsSync(dir) && existsSync(old)) renameSync(old, dir);
    throw error;
  }
}

/** Writes one file atomically (temp file + rename). */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${basename(file)}.tmp-${process.pid}`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
