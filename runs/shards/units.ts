// The file a shard writes its log to, and reads it back as units: one line per log entry, `<rank>\t<tag>\t<entry>`,
// where the rank is `[at, class, n, key]` (sim/engine Engine.stepRank), the tag is what the merge needs of a line it
// need not parse (empty for a line it must), and the entry is the log line as JSON (which never holds a raw tab).
// Consecutive lines of one rank are one unit: the step's line, after the spawn it made, if any.
import type { LogEntry } from '../../sim/log/entry.js';
import type { CountedEntry } from '../../reports/runDigest.js';
import { settleReads } from '../../reports/settlementFacts.js';
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
  /** Each line's tag as written (`tagOf`): empty when the line must be parsed. */
  readonly tags: readonly string[];
}

/**
 * A line the settlement does not read (reports/settlementFacts.ts `settleReads` false), as its tag gives it: all the
 * run's digest (RunDigest.addCounted), the merge's checks (the entity's kind) and the progress line read of it.
 */
export interface CountedLine extends CountedEntry {
  readonly kind: string;
}

/**
 * The tag a shard writes beside an entry: empty when the whole run's digest must read the entry (a refusal, a money
 * fact, a supervision completion, a product leaving sale: a fifth of the default mix's lines), else its entity's
 * kind, its source and its rules, so the merge counts it without parsing it.
 */
export function tagOf(entry: LogEntry): string {
  if (settleReads(entry)) return '';
  const kind = entry.entity.slice(0, entry.entity.indexOf(':'));
  checkName(kind);
  for (const rule of entry.rules) checkName(rule);
  return `${kind} ${entry.source} ${entry.rules.join(',')}`;
}

/** The line a tag stands for, or undefined when the tag is empty (the line must be parsed). */
export function countedOf(tag: string): CountedLine | undefined {
  if (tag === '') return undefined;
  let counted = countedByTag.get(tag);
  if (counted === undefined) {
    const [kind, source, rules] = tag.split(' ') as [string, LogEntry['source'], string];
    counted = Object.freeze({ kind, source, rules: rules === '' ? NO_RULES : Object.freeze(rules.split(',')) });
    countedByTag.set(tag, counted);
  }
  return counted;
}

/** A run's tags are a few hundred (kind, source and a transition's rules): each is split once, not once a line. */
const countedByTag = new Map<string, CountedLine>();

const NO_RULES: readonly string[] = Object.freeze([]);

/** Kinds and rule IDs are a few dozen names: each is checked once. */
const checkedNames = new Set<string>();
function checkName(name: string): void {
  if (checkedNames.has(name)) return;
  // Rule IDs and kinds are names (RULES.md, sim/kinds); one with a separator in it is a bug, not a tag to misread.
  if (name === '' || /[\s,]/.test(name)) throw new Error(`a log entry's kind or rule cannot go in a shard file's tag: ${JSON.stringify(name)}`);
  checkedNames.add(name);
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

  write(rank: Rank, tag: string, entryJson: string): void {
    this.file.write(`${JSON.stringify([rank.at, rank.cls, rank.n, rank.key])}\t${tag}\t${entryJson}`);
  }

  /** Writes what is buffered and closes the file; once only (a shard that failed closes it too). */
  close(): void {
    this.file.close();
  }
}

/** Reads a shard's file back unit by unit, in the order it was written. */
export class UnitReader {
  private readonly file: LineFileReader;
  private pending: UnitLine | undefined;

  constructor(path: string) {
    this.file = new LineFileReader(path, 'a shard file');
  }

  /** The next unit, or undefined at the end of the file. */
  next(): Unit | undefined {
    const first = this.pending ?? this.readLine();
    this.pending = undefined;
    if (first === undefined) return undefined;
    const lines = [first.line];
    const tags = [first.tag];
    for (let more = this.readLine(); more !== undefined; more = this.readLine()) {
      if (more.rankText !== first.rankText) {
        this.pending = more;
        break;
      }
      lines.push(more.line);
      tags.push(more.tag);
    }
    const [at, cls, n, key] = JSON.parse(first.rankText) as [number, number, number, string];
    return { rank: { at, cls, n, key }, rankText: first.rankText, lines, tags };
  }

  close(): void {
    this.file.close();
  }

  private readLine(): UnitLine | undefined {
    const raw = this.file.next();
    if (raw === undefined) return undefined;
    const tab = raw.indexOf('\t');
    const second = raw.indexOf('\t', tab + 1);
    return { rankText: raw.slice(0, tab), tag: raw.slice(tab + 1, second), line: raw.slice(second + 1) };
  }
}

interface UnitLine {
  readonly rankText: string;
  readonly tag: string;
  readonly line: string;
}
