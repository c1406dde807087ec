// Where the TUI keeps a run's log while it runs: appended line by line to a file in a private temporary folder
// (never held in memory, so a run of any size fits), read back in chunks when the run is exported. The folder is
// removed when the TUI exits.
import { appendFileSync, closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventLine } from '../../reports/eventLog.js';
import type { LogEntry } from '../../sim/log/entry.js';

let root: string | undefined;
let files = 0;

/** A new empty spool file for one run's events.jsonl. */
export function newLogSpool(): string {
  root ??= mkdtempSync(join(tmpdir(), 'marketsim-tui-'));
  return join(root, `events-${++files}.jsonl`);
}

/** Buffers log lines and appends them to the spool file in blocks. */
export class LogSpoolWriter {
  private buffer: string[] = [];
  private size = 0;

  constructor(readonly file: string) {
    appendFileSync(file, '');
  }

  add(entry: LogEntry): void {
    const line = eventLine(entry);
    this.buffer.push(line);
    this.size += line.length;
    if (this.size >= 1 << 20) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    appendFileSync(this.file, this.buffer.join(''));
    this.buffer = [];
    this.size = 0;
  }
}

/** Calls `chunk` with the spool file's text in pieces of at most `bytes` (cut at line ends). */
export function readSpool(file: string, chunk: (text: string) => void, bytes = 1 << 20): void {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    let carry = '';
    for (;;) {
      const n = readSync(fd, buf, 0, bytes, null);
      if (n === 0) break;
      const text = carry + buf.toString('utf8', 0, n);
      const cut = text.lastIndexOf('\n') + 1;
      if (cut > 0) chunk(text.slice(0, cut));
      carry = text.slice(cut);
    }
    if (carry !== '') chunk(carry);
  } finally {
    closeSync(fd);
  }
}

/** Removes every spool file of this process. */
export function removeLogSpools(): void {
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
  root = undefined;
}
