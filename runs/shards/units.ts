// The file a shard writes its log to, and reads it back as units: one line per log entry, `<rank>\t<entry>`, where
// the rank is `[at, class, n, key]` (sim/engine Engine.stepRank) and the entry is the log line as JSON (which never
// holds a raw tab). Consecutive lines of one rank are one unit: the step's line, after the spawn it made, if any.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';

export interface Rank {
  readonly at: number;
  readonly cls: number;
  readonly n: number;
  readonly key: string;
}

export interface Unit {
  readonly rank: Rank;
  /** The rank's text as written: units of different shards are the same unit when it is equal. */
  readonly rankText: string;
  readonly lines: readonly string[];
}

/** Whether `a` comes before `b` in the whole run (the engine's same-instant order). */
export function rankBefore(a: Rank, b: Rank): boolean {
  if (a.at !== b.at) return a.at < b.at;
  if (a.cls !== b.cls) return a.cls < b.cls;
  if (a.key !== b.key) return a.key < b.key;
  return a.n < b.n;
}

/** Appends lines to a shard's file in large writes. */
export class UnitWriter {
  private readonly fd: number;
  private buffered: string[] = [];
  private size = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(rank: Rank, entryJson: string): void {
    const line = `${JSON.stringify([rank.at, rank.cls, rank.n, rank.key])}\t${entryJson}\n`;
    this.buffered.push(line);
    this.size += line.length;
    if (this.size > 1 << 20) this.flush();
  }

  /** Writes what is buffered and closes the file; once only (a shard that failed closes it too). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }

  private closed = false;

  private flush(): void {
    if (this.buffered.length === 0) return;
    const bytes = Buffer.from(this.buffered.join(''), 'utf8');
    this.buffered = [];
    this.size = 0;
    // writeSync may write less than it was given.
    for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at, bytes.length - at);
  }
}

/** Reads a shard's file back unit by unit, in the order it was written. */
export class UnitReader {
  private readonly fd: number;
  private readonly buffer = Buffer.alloc(4 << 20);
  private lines: string[] = [];
  private at = 0;
  private rest: Buffer = Buffer.alloc(0);
  private eof = false;
  private pending: { rankText: string; line: string } | undefined;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
  }

  /** The next unit, or undefined at the end of the file. */
  next(): Unit | undefined {
    const first = this.pending ?? this.readLine();
    this.pending = undefined;
    if (first === undefined) return undefined;
    const lines = [first.line];
    for (let more = this.readLine(); more !== undefined; more = this.readLine()) {
      if (more.rankText !== first.rankText) {
        this.pending = more;
        break;
      }
      lines.push(more.line);
    }
    const [at, cls, n, key] = JSON.parse(first.rankText) as [number, number, number, string];
    return { rank: { at, cls, n, key }, rankText: first.rankText, lines };
  }

  close(): void {
    closeSync(this.fd);
  }

  private readLine(): { rankText: string; line: string } | undefined {
    while (this.at >= this.lines.length) {
      if (this.eof) return undefined;
      const read = readSync(this.fd, this.buffer, 0, this.buffer.length, null);
      if (read === 0) {
        this.eof = true;
        if (this.rest.length > 0) throw new Error('a shard file ends without a newline (cut short)');
        return undefined;
      }
      // Cut at the last newline byte; the bytes after it (maybe part of a character) wait for the next read.
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
    const raw = this.lines[this.at++]!;
    const tab = raw.indexOf('\t');
    return { rankText: raw.slice(0, tab), line: raw.slice(tab + 1) };
  }
}
