// The file a shard writes its log to, and reads it back as units: one line per log entry, `<rank>\t<entry>`, where
// the rank is `[at, class, n, key]` (sim/engine Engine.stepRank) and the entry is the log line as JSON (which never
// holds a raw tab). Consecutive lines of one rank are one unit: the step's line, after the spawn it made, if any.
import { LineFileReader, LineFileWriter } from '../lines.js';

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
  private readonly file: LineFileWriter;

  constructor(path: string) {
    this.file = new LineFileWriter(path, 'w');
  }

  write(rank: Rank, entryJson: string): void {
    this.file.write(`${JSON.stringify([rank.at, rank.cls, rank.n, rank.key])}\t${entryJson}`);
  }

  /** Writes what is buffered and closes the file; once only (a shard that failed closes it too). */
  close(): void {
    this.file.close();
  }
}

/** Reads a shard's file back unit by unit, in the order it was written. */
export class UnitReader {
  private readonly file: LineFileReader;
  private pending: { rankText: string; line: string } | undefined;

  constructor(path: string) {
    this.file = new LineFileReader(path, 'a shard file');
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
    this.file.close();
  }

  private readLine(): { rankText: string; line: string } | undefined {
    const raw = this.file.next();
    if (raw === undefined) return undefined;
    const tab = raw.indexOf('\t');
    return { rankText: raw.slice(0, tab), line: raw.slice(tab + 1) };
  }
}
