// Text files line by line in fixed-size chunks, never as one string: a run's events.jsonl can be larger than the
// longest string V8 can build (about 512 MiB), and settle and diff must read any log run can write. Also the line
// files marketsim writes for itself and reads back (a shard's log, the spilled money facts).
import { closeSync, openSync, readSync } from 'node:fs';
import { writeAll } from './output/durable.js';

export interface LineReadOptions {
  /** Bytes read per system call. */
  readonly chunkBytes?: number;
  /** A longer line is refused (a log line is a few KiB; this stops a file with no newline from filling memory). */
  readonly maxLineBytes?: number;
}

export const MAX_LINE_BYTES = 16 << 20;

/**
 * Calls `onLine(text, lineNumber)` for each line (without its "\n"; 1-based numbers) until the end or until
 * `onLine` returns false. Splits on the newline byte, which never occurs inside a UTF-8 sequence, so a character
 * cut by a chunk boundary is decoded whole. Returns the line number that was too long, if one was.
 */
export function forEachLine(file: string, onLine: (text: string, line: number) => boolean | void, options: LineReadOptions = {}): { tooLong?: number } {
  const chunkBytes = options.chunkBytes ?? 1 << 20;
  const maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(chunkBytes);
    let partial: Buffer[] = [];
    let partialBytes = 0;
    let line = 0;
    for (let n = readSync(fd, buffer, 0, chunkBytes, null); n > 0; n = readSync(fd, buffer, 0, chunkBytes, null)) {
      let start = 0;
      for (let newline = buffer.indexOf(10, start); newline !== -1 && newline < n; newline = buffer.indexOf(10, start)) {
        line++;
        if (partialBytes + newline - start > maxLineBytes) return { tooLong: line };
        const piece = buffer.subarray(start, newline);
        const text = partialBytes === 0 ? piece.toString('utf8') : Buffer.concat([...partial, piece]).toString('utf8');
        partial = [];
        partialBytes = 0;
        start = newline + 1;
        if (onLine(text, line) === false) return {};
      }
      // The rest of the chunk begins a line that continues in the next one: kept as bytes (copied: the buffer is reused).
      partialBytes += n - start;
      if (partialBytes > maxLineBytes) return { tooLong: line + 1 };
      if (n > start) partial.push(Buffer.from(buffer.subarray(start, n)));
    }
    if (partialBytes > 0) onLine(Buffer.concat(partial).toString('utf8'), line + 1);
    return {};
  } finally {
    closeSync(fd);
  }
}

/**
 * Appends lines to a file marketsim writes for itself (a shard's log, the spilled money facts), gathered into large
 * writes; every byte is written or the write throws.
 */
export class LineFileWriter {
  private readonly fd: number;
  private buffered: string[] = [];
  private size = 0;
  private closed = false;

  /** `flags`: 'w' to create or truncate, 'wx' for a file that must not exist. */
  constructor(path: string, flags: 'w' | 'wx') {
    this.fd = openSync(path, flags);
  }

  /** `line` without its newline. */
  write(line: string): void {
    this.buffered.push(line, '\n');
    this.size += line.length + 1;
    if (this.size > WRITE_BYTES) this.flush();
  }

  flush(): void {
    if (this.buffered.length === 0) return;
    const bytes = Buffer.from(this.buffered.join(''), 'utf8');
    this.buffered = [];
    this.size = 0;
    writeAll(this.fd, bytes);
  }

  /** Writes what is buffered and closes the file; once only. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }

  /** Closes the file without writing what is buffered (it is about to be removed); once only. */
  discard(): void {
    if (this.closed) return;
    this.closed = true;
    this.buffered = [];
    closeSync(this.fd);
  }
}

const WRITE_BYTES = 1 << 20;

/**
 * Reads back, one line at a time, a file a LineFileWriter wrote: large reads, each decoded up to its last newline
 * byte (never inside a UTF-8 sequence), the bytes after it kept for the next. A last line without its newline means
 * the file was cut short: `what` names it in the error.
 */
export class LineFileReader {
  private readonly fd: number;
  private readonly buffer: Buffer;
  private lines: string[] = [];
  private at = 0;
  private rest: Buffer = Buffer.alloc(0);
  private eof = false;

  constructor(
    path: string,
    private readonly what: string,
    chunkBytes = 4 << 20,
  ) {
    this.fd = openSync(path, 'r');
    this.buffer = Buffer.alloc(chunkBytes);
  }

  /** The next line (without its newline), or undefined at the end of the file. */
  next(): string | undefined {
    while (this.at >= this.lines.length) {
      if (this.eof) return undefined;
      const read = readSync(this.fd, this.buffer, 0, this.buffer.length, null);
      if (read === 0) {
        this.eof = true;
        if (this.rest.length > 0) throw new Error(`${this.what} ends without a newline (cut short)`);
        return undefined;
      }
      const end = this.buffer.lastIndexOf(10, read - 1);
      if (end < 0) {
        this.rest = Buffer.concat([this.rest, this.buffer.subarray(0, read)]);
        continue;
      }
      const text = Buffer.concat([this.rest, this.buffer.subarray(0, end + 1)]).toString('utf8');
      this.rest = Buffer.from(this.buffer.subarray(end + 1, read));
      this.lines = text.split('\n');
      this.lines.pop();
      this.at = 0;
    }
    return this.lines[this.at++]!;
  }

  close(): void {
    closeSync(this.fd);
  }
}
