// Writes a run's files all-or-nothing: into a temporary sibling directory, then renamed into place,
// so a failure or an interrupt never leaves a half-written output directory behind. A run's log is appended to
// the temporary directory as the run goes (openOutputDir), so it is never held in memory whole.
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type OutputFiles = ReadonlyMap<string, string | Uint8Array>;

/** Replaces `dir` by a directory holding exactly `files`. */
export function writeOutputDir(dir: string, files: OutputFiles): void {
  openOutputDir(dir).finish(files);
}

/** An output directory being written: files appended to as a run goes, then the rest, then renamed into place. */
export interface OutputDirWriter {
  /** Appends text to `name` in the temporary directory (events.jsonl, line by line as the engine logs). */
  append(name: string, text: string): void;
  /** Writes `files` beside the appended ones and replaces `dir` by the whole; on failure, as `abandon`. */
  finish(files: OutputFiles): void;
  /** Removes the temporary directory and leaves `dir` as it was (the run failed). */
  abandon(): void;
}

/** Appended text is written in chunks of about this many characters (fewer system calls than one per line). */
const APPEND_CHUNK_CHARS = 1 << 20;

interface AppendedFile {
  readonly fd: number;
  pending: string[];
  chars: number;
}

export function openOutputDir(dir: string): OutputDirWriter {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const temp = join(parent, `.${basename(dir)}.tmp-${process.pid}`);
  const old = join(parent, `.${basename(dir)}.old-${process.pid}`);
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp);
  const appended = new Map<string, AppendedFile>();
  const flush = (file: AppendedFile): void => {
    if (file.chars > 0) writeAll(file.fd, Buffer.from(file.pending.join(''), 'utf8'));
    file.pending = [];
    file.chars = 0;
  };
  const closeAll = (): void => {
    for (const file of appended.values()) closeSync(file.fd);
    appended.clear();
  };
  const abandon = (): void => {
    try {
      closeAll();
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  };
  return {
    append(name, text) {
      let file = appended.get(name);
      if (!file) {
        file = { fd: openSync(join(temp, name), 'w'), pending: [], chars: 0 };
        appended.set(name, file);
      }
      file.pending.push(text);
      file.chars += text.length;
      if (file.chars >= APPEND_CHUNK_CHARS) flush(file);
    },
    finish(files) {
      try {
        for (const file of appended.values()) flush(file);
        closeAll();
        for (const [name, content] of files) writeFileSync(join(temp, name), content);
        if (existsSync(dir)) renameSync(dir, old);
        renameSync(temp, dir);
        rmSync(old, { recursive: true, force: true });
      } catch (error) {
        abandon();
        if (!existsSync(dir) && existsSync(old)) renameSync(old, dir);
        throw error;
      }
    },
    abandon,
  };
}

/** `writeSync` until every byte is down (it may write fewer than asked). */
function writeAll(fd: number, bytes: Buffer): void {
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
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
