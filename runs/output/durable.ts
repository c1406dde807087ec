// Writing that survives a crash or a power cut: every file is written whole and fsynced before anything points
// at it, and a folder is fsynced after its entries change, so a rename is never seen before the data it names.
import { closeSync, fsyncSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** `writeSync` until every byte is down (it may write fewer than asked). */
export function writeAll(fd: number, bytes: Uint8Array): void {
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

/** Creates `file` (it must not exist: 'wx'), writes `content` and fsyncs it. */
export function writeNewFileDurable(file: string, content: string | Uint8Array): void {
  const fd = openSync(file, 'wx');
  try {
    writeAll(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (new names, renames) to disk. */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Creates the missing folders above and at `dir`, one level at a time from the deepest that exists. Unlike
 * `mkdirSync(…, { recursive: true })` this stops at the first refusal instead of looping (a path under
 * /proc/self made Node's recursive mkdir spin forever), and the error it throws names the folder.
 */
export function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    if (existsAsFolder(at)) break;
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

function existsAsFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
