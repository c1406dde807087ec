// events.jsonl: one JSON object per offered event, in the order the engine produced them.
import type { LogEntry } from '../sim/log/entry.js';

export function eventLine(entry: LogEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

export function eventLogText(entries: readonly LogEntry[]): string {
  return entries.map(eventLine).join('');
}
