// Writes an output folder all-or-nothing and crash-safe. The files go into a temporary sibling `.NAME.tmp-PID`
// (the marker first, so it is recognisably ours), each fsynced; the finished folder is renamed `.NAME.new-PID`,
// then swapped in: the old folder renamed `.NAME.old-PID`, the new one renamed to NAME, the parent fsynced, the old
// one removed. A crash between the two renames leaves NAME missing for one instant; the next marketsim start on
// that path puts the complete new folder (or else the old one) back first. Leftovers of dead processes are removed
// on start, and only when they carry the marker. docs/output-safety.md says why this and not a symbolic link.
import { createHash, type Hash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isActive, register, unregister } from './cleanup.js';
import { fsyncDir, makeFolders, writeAll, writeNewFileDurable } from './durable.js';
import { hasMarker, MARKER_NAME, MARKER_TEXT, parseLeftover, processAlive, removeMarkedFolder, siblingName, type Leftover } from './marker.js';
import { OutputRefused } from './refused.js';
import { checkFolderTarget } from './target.js';

export type OutputFiles = ReadonlyMap<string, string | Uint8Array>;


/** An output folder being written: files appended to as a run goes, then the rest, then swapped into place. */
export interface OutputDirWriter {
  /** The folder's absolute path. */
  readonly dir: string;
  /**
   * Appends text to `name` in the temporary folder: events.jsonl line by line as the engine logs, the report files
   * piece by piece as they are built (runs/output/pieces.ts), so a large run's files are never held whole.
   */
  append(name: string, text: string): void;
  /**
   * Writes `files` beside the appended ones, then the files `seal` builds from the sha256 (hex) of every file so
   * far (summary.json records them), and swaps the whole into place; on failure, as `abandon`, and rethrows.
   */
  finish(files: OutputFiles, seal?: (digests: ReadonlyMap<string, string>) => OutputFiles): void;
  /** Removes the temporary folder and leaves the path as it was (the run failed). */
  abandon(): void;
  /**
   * A path in the temporary folder for a working file of the run that is not output (its spilled money facts,
   * runs/factSpill.ts): removed with the folder on `abandon`, and by `finish` before the folder is put in place.
   * `name` starts with a dot and is not a file the run writes.
   */
  scratch(name: string): string;
  /**
   * A file of the folder that another thread writes (orders.csv, runs/ordersCsvThread/): created here, so this thread
   * alone makes the folder's entries, and handed over as a descriptor. `done` takes its sha256 (hex) once every byte
   * is written; `finish` refuses to seal the folder before.
   */
  external(name: string): ExternalFile;
}

/** A file of the output folder written elsewhere (OutputDirWriter.external). */
export interface ExternalFile {
  readonly fd: number;
  done(sha256: string): void;
}

/** Replaces `dir` by a folder holding exactly `files` (and the marker), or says why it will not. */
export function writeOutputDir(dir: string, files: OutputFiles): { ok: true } | { ok: false; error: string } {
  const opened = openOutputDir(dir);
  if (!opened.ok) return opened;
  opened.value.finish(files);
  return { ok: true };
}

/**
 * Appended text is encoded straight into one buffer per file and written (and hashed) when the buffer is full: fewer
 * system calls than one per line, and no joined copy of each megabyte of lines to encode (a run appends every
 * line of events.jsonl; joining pending strings and encoding the result was ~2% of a large run's CPU).
 */
const APPEND_BUFFER_BYTES = 1 << 20;
/** UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units). */
const MAX_UTF8_PER_UNIT = 3;

interface AppendedFile {
  readonly fd: number;
  readonly hash: Hash;
  readonly buffer: Buffer;
  used: number;
  /**
   * A high surrogate that ended the last text, held back so a pair split across two appends is encoded as one
   * character, as the concatenated text would be (a lone one is encoded as U+FFFD at the end, as Buffer.from does).
   */
  carry: string;
}

/** Starts writing `dir`: refuses a path marketsim did not write, recovers or cleans leftovers of earlier runs. */
export function openOutputDir(path: string): { ok: true; value: OutputDirWriter } | { ok: false; error: string } {
  const checked = checkFolderTarget(path);
  if (!checked.ok) return { ok: false, error: `${path}: ${checked.error}` };
  const dir = checked.value;
  const parent = dirname(dir);
  const base = basename(dir);
  const temp = join(parent, siblingName(base, 'tmp', process.pid));
  namingTheFolder(path, () => {
    makeFolders(parent);
    withLock(parent, base, () => recover(parent, base));
    removeMarkedFolder(temp);
    // Registered before it exists: registering installs the stop-signal handlers, and a Ctrl-C between the mkdir and
    // them took node's default (die at once) and left the folder (seen once in heapSize.test.ts's Ctrl-C case).
    register(temp);
    try {
      mkdirSync(temp);
    } catch (error) {
      unregister(temp);
      throw error;
    }
    writeNewFileDurable(join(temp, MARKER_NAME), MARKER_TEXT);
  });
  return { ok: true, value: writer(path, dir, temp) };
}

/**
 * A system error while writing names the output folder the user gave, not the temporary or lock file inside
 * (cli/environmentError.ts prints the path and the reason).
 */
export function namingTheFolder<T>(path: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string') Object.assign(error, { path, dest: undefined });
    throw error;
  }
}

function writer(path: string, dir: string, temp: string): OutputDirWriter {
  const appended = new Map<string, AppendedFile>();
  const digests = new Map<string, string>();
  const writeOut = (file: AppendedFile, bytes: Uint8Array): void => {
    file.hash.update(bytes);
    writeAll(file.fd, bytes);
  };
  const flush = (file: AppendedFile): void => {
    if (file.used === 0) return;
    writeOut(file, file.buffer.subarray(0, file.used));
    file.used = 0;
  };
  const externals = new Map<string, { readonly fd: number; digest: string | undefined }>();
  const closeAll = (): void => {
    // Forgotten before they are closed: a close that fails must not leave a descriptor for abandon() to close again
    // (by then its number may be another file's).
    const fds = [...appended.values(), ...externals.values()].map((file) => file.fd);
    appended.clear();
    externals.clear();
    let failure: unknown;
    for (const fd of fds) {
      try {
        closeSync(fd);
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== undefined) throw failure;
  };
  const scratch = new Set<string>();
  const abandon = (): void => {
    try {
      closeAll();
    } finally {
      removeMarkedFolder(temp);
      unregister(temp);
    }
  };
  const writeFiles = (files: OutputFiles): void => {
    for (const [name, content] of files) {
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      writeNewFileDurable(join(temp, name), bytes);
      digests.set(name, createHash('sha256').update(bytes).digest('hex'));
    }
  };
  return {
    dir,
    append(name, text) {
      namingTheFolder(path, () => appendNow(name, text));
    },
    finish(files, seal) {
      namingTheFolder(path, () => finishNow(files, seal));
    },
    abandon,
    external(name) {
      if (appended.has(name) || externals.has(name)) throw new Error(`${name} is written already`);
      const file = { fd: namingTheFolder(path, () => openSync(join(temp, name), 'wx')), digest: undefined as string | undefined };
      externals.set(name, file);
      return {
        fd: file.fd,
        done: (sha256) => {
          file.digest = sha256;
        },
      };
    },
    scratch(name) {
      if (!/^\.[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || name === MARKER_NAME || appended.has(name)) throw new Error(`not a scratch file name: ${name}`);
      scratch.add(name);
      return join(temp, name);
    },
  };

  function appendNow(name: string, text: string): void {
    let file = appended.get(name);
    if (!file) {
      if (externals.has(name)) throw new Error(`${name} is written by another thread`);
      file = { fd: openSync(join(temp, name), 'wx'), hash: createHash('sha256'), buffer: Buffer.allocUnsafe(APPEND_BUFFER_BYTES), used: 0, carry: '' };
      appended.set(name, file);
    }
    if (file.carry !== '') {
      text = file.carry + text;
      file.carry = '';
    }
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      file.carry = text.slice(-1);
      text = text.slice(0, -1);
    }
    if (file.used + text.length * MAX_UTF8_PER_UNIT > file.buffer.length) flush(file);
    if (text.length * MAX_UTF8_PER_UNIT > file.buffer.length) writeOut(file, Buffer.from(text, 'utf8'));
    else file.used += file.buffer.write(text, file.used, 'utf8');
  }

  function finishNow(files: OutputFiles, seal?: (digests: ReadonlyMap<string, string>) => OutputFiles): void {
    try {
      for (const [name, file] of appended) {
        flush(file);
        if (file.carry !== '') writeOut(file, Buffer.from(file.carry, 'utf8'));
        fsyncSync(file.fd);
        digests.set(name, file.hash.digest('hex'));
      }
      for (const [name, file] of externals) {
        if (file.digest === undefined) throw new Error(`${name} is still being written elsewhere`);
        fsyncSync(file.fd);
        digests.set(name, file.digest);
      }
      closeAll();
      for (const name of scratch) rmSync(join(temp, name), { force: true });
      writeFiles(files);
      if (seal) writeFiles(seal(new Map([...digests].sort(([a], [b]) => (a < b ? -1 : 1)))));
      fsyncDir(temp);
      swapIn(path, dir, temp);
    } catch (error) {
      abandon();
      throw error;
    }
  }
}

/** Renames the finished temporary folder into place (see the file comment for the order and why). */
function swapIn(path: string, dir: string, temp: string): void {
  const parent = dirname(dir);
  const base = basename(dir);
  const ready = join(parent, siblingName(base, 'new', process.pid));
  const old = join(parent, siblingName(base, 'old', process.pid));
  renameSync(temp, ready);
  register(ready);
  unregister(temp);
  try {
    withLock(parent, base, () => {
      // Checked again: something not ours may have appeared at the path while the run went.
      const checked = checkFolderTarget(dir);
      if (!checked.ok) throw new OutputRefused(`${path}: ${checked.error}`);
      const hadOld = existsSync(dir);
      if (hadOld) renameSync(dir, old);
      renameSync(ready, dir);
      fsyncDir(parent);
      if (hadOld) removeMarkedFolder(old);
    });
  } finally {
    removeMarkedFolder(ready);
    unregister(ready);
  }
}

/** Recovery on its own (settle and diff reading a folder a crash left missing); nothing when its parent is missing. */
export function recoverFolder(path: string): void {
  const dir = resolve(path);
  const [parent, base] = [dirname(dir), basename(dir)];
  // Only when there is something to recover: reading a missing folder must not need a writable parent.
  if (!existsSync(parent) || !readdirSync(parent).some((name) => parseLeftover(base, name) !== undefined)) return;
  withLock(parent, base, () => recover(parent, base));
}

/**
 * Puts a folder back at `base` if a crash left none there (the complete new one, else the old one), then removes
 * the leftovers of processes that are gone. A leftover without the marker is left alone unless it is empty.
 */
export function recover(parent: string, base: string): void {
  const target = join(parent, base);
  const stale: Leftover[] = [];
  for (const name of readdirSync(parent)) {
    const leftover = parseLeftover(base, name);
    if (leftover && !writtenNow(leftover, join(parent, name))) stale.push(leftover);
  }
  if (stale.length === 0) return;
  const owned = stale.filter((l) => hasMarker(join(parent, l.name)));
  if (!existsSync(target)) {
    const back = owned.find((l) => l.stage === 'new') ?? owned.find((l) => l.stage === 'old');
    if (back) {
      renameSync(join(parent, back.name), target);
      owned.splice(owned.indexOf(back), 1);
    }
  }
  for (const leftover of stale) {
    const path = join(parent, leftover.name);
    if (owned.includes(leftover)) removeMarkedFolder(path);
    else removeIfEmpty(path);
  }
  fsyncDir(parent);
}

function removeIfEmpty(path: string): void {
  try {
    rmdirSync(path);
  } catch {
    // Not empty or not a folder: not provably ours, so it stays.
  }
}

/** Whether a live process (this one included) is writing that leftover right now. */
function writtenNow(leftover: Leftover, path: string): boolean {
  return leftover.pid === process.pid ? isActive(path) : processAlive(leftover.pid);
}

/** How long to wait for another marketsim replacing the same path (its swap takes milliseconds). */
const LOCK_WAIT_MS = 30_000;
const LOCK_POLL_MS = 20;

/**
 * Runs `work` holding `.NAME.lock` beside the folder, so two runs on the same path recover and swap one at a
 * time. The lock file names its holder; one left by a process that is gone is taken over.
 */
function withLock<T>(parent: string, base: string, work: () => T): T {
  const lock = join(parent, siblingName(base, 'lock'));
  // Written whole under a name of our own, then linked: the lock never exists without its holder's pid in it.
  const mine = `${lock}-${process.pid}`;
  writeFileSync(mine, `${process.pid}\n`);
  try {
    for (let waited = 0; ; waited += LOCK_POLL_MS) {
      try {
        linkSync(mine, lock);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = Number.parseInt(readOrEmpty(lock), 10);
      if (holder === process.pid || (Number.isInteger(holder) && !processAlive(holder))) {
        rmSync(lock, { force: true });
        continue;
      }
      if (waited >= LOCK_WAIT_MS) throw new OutputRefused(`${join(parent, base)}: another marketsim (pid ${holder}) is replacing it`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, LOCK_POLL_MS);
    }
  } finally {
    rmSync(mine, { force: true });
  }
  try {
    return work();
  } finally {
    unlinkSync(lock);
  }
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
