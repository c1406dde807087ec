// events.jsonl: one JSON object per offered event, in the order the engine produced them; and the levels a run
// may write it at (`marketsim run --log`). Pure.
import type { LogEntry } from '../sim/log/entry.js';

export function eventLine(entry: LogEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

/**
 * eventLine's text handed to `append` in two pieces, the JSON then the newline: for a writer that encodes as it
 * appends, joining them first was a second copy of every line of a run (~0.45 KB a step).
 */
export function appendEventLine(entry: LogEntry, append: (text: string) => void): void {
  append(JSON.stringify(entry));
  append('\n');
}

export function eventLogText(entries: readonly LogEntry[]): string {
  return entries.map(eventLine).join('');
}

/**
 * How much of the log a run writes. `full`: every entry (the default). `money`: the entries `settle` and `diff`
 * read back (settlementFacts.ts: money facts, supervision completions, delistings) and every refusal (report.html
 * counts them), with their own `seq`, so the files settle re-derives are the run's. `none`: no events.jsonl, and
 * the run cannot be settled again. What each level saves is measured in docs/performance.md ("log levels").
 */
export const LOG_LEVELS = ['full', 'money', 'none'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What summary.json records of a log not written in full: its level and how many lines it has. */
export interface PartialLog {
  readonly level: Exclude<LogLevel, 'full'>;
  readonly lines: number;
}
