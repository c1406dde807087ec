// Reads a text file line by line in fixed-size chunks, never as one string: a run's events.jsonl can be larger
// than the longest string V8 can build (about 512 MiB), and settle and diff must read any log run can write.
import { closeSync, openSync, readSync } from 'node:fs';

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
