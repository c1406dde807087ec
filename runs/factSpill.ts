// A run's money facts spilled to a file as they are logged (reports/settlementFacts.ts LedgerStore), one line each:
// `<seq>\t<ledger params as JSON>`. `marketsim run` keeps it in its temporary output folder, so it is removed with
// that folder on Ctrl-C or a failure, and removes it before the folder is put in place. Read back from the start
// each time the facts are iterated (the end-of-run checks, then orders.csv), in large chunks.
import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import { NO_INSTRUMENTS, NO_TAGS, type LedgerParams } from '../machines/contracts.js';
import type { LedgerFact, LedgerStore } from '../reports/settlementFacts.js';
import { writeAll } from './output/durable.js';

/** Bytes the file takes per order, with room: 63.6 MB for the default mix's 100,000 orders (1.5 facts an order). */
export const SPILL_BYTES_PER_ORDER = 1024;

/** Bytes of lines gathered before one write. */
const WRITE_BYTES = 1 << 20;
const READ_BYTES = 4 << 20;

export class SpilledLedger implements LedgerStore {
  private fd: number | undefined;
  private pending: string[] = [];
  private pendingChars = 0;
  private count = 0;

  private readonly readBytes: number;
  private readonly named: string;

  /**
   * Creates `path`, which must not exist. `readBytes`: bytes read per system call when the facts are read back;
   * `errorsName`: the path a system error names (the output folder the user gave, not this file inside its
   * temporary sibling), as the folder's own writes do.
   */
  constructor(
    readonly path: string,
    options: { readonly readBytes?: number; readonly errorsName?: string } = {},
  ) {
    this.readBytes = options.readBytes ?? READ_BYTES;
    this.named = options.errorsName ?? path;
    this.fd = this.naming(() => openSync(path, 'wx'));
  }

  /** Facts added so far. */
  get size(): number {
    return this.count;
  }

  add(fact: LedgerFact): void {
    const line = `${fact.seq}\t${JSON.stringify(fact.ledger)}\n`;
    this.pending.push(line);
    this.pendingChars += line.length;
    this.count++;
    if (this.pendingChars >= WRITE_BYTES) this.flush();
  }

  facts(): Iterable<LedgerFact> {
    return { [Symbol.iterator]: () => this.read() };
  }

  /** Closes and removes the file; the facts cannot be read after. */
  remove(): void {
    const fd = this.fd;
    this.fd = undefined;
    this.pending = [];
    try {
      if (fd !== undefined) closeSync(fd);
    } finally {
      rmSync(this.path, { force: true });
    }
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    if (this.fd === undefined) throw new Error(`the spilled facts at ${this.path} were removed`);
    const fd = this.fd;
    // Every byte or an error (a full disk's short write would splice two lines).
    this.naming(() => writeAll(fd, Buffer.from(this.pending.join(''), 'utf8')));
    this.pending = [];
    this.pendingChars = 0;
  }

  private naming<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string') Object.assign(error, { path: this.named, dest: undefined });
      throw error;
    }
  }

  private *read(): Generator<LedgerFact> {
    this.flush();
    const fd = this.naming(() => openSync(this.path, 'r'));
    try {
      const size = this.readBytes;
      const buffer = Buffer.alloc(size);
      let rest: Buffer = Buffer.alloc(0);
      for (let read = readSync(fd, buffer, 0, size, null); read > 0; read = readSync(fd, buffer, 0, size, null)) {
        // Cut at the last newline byte (never inside a UTF-8 sequence); the bytes after it wait for the next read.
        const end = buffer.lastIndexOf(10, read - 1);
        if (end < 0) {
          rest = Buffer.concat([rest, buffer.subarray(0, read)]);
          continue;
        }
        const text = Buffer.concat([rest, buffer.subarray(0, end + 1)]).toString('utf8');
        rest = Buffer.from(buffer.subarray(end + 1, read));
        let start = 0;
        for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
          yield parseFact(text, start, newline);
          start = newline + 1;
        }
      }
      if (rest.length > 0) throw new Error(`the spilled facts at ${this.path} end without a newline (cut short)`);
    } finally {
      closeSync(fd);
    }
  }
}

function parseFact(text: string, start: number, end: number): LedgerFact {
  const tab = text.indexOf('\t', start);
  const ledger = JSON.parse(text.slice(tab + 1, end)) as { -readonly [K in keyof LedgerParams]: LedgerParams[K] };
  // The shared empty objects the run's facts carry, not one fresh `{}` per fact: settlement lines keep `tags`.
  if (isEmpty(ledger.tags)) ledger.tags = NO_TAGS;
  if (ledger.instruments !== undefined && isEmpty(ledger.instruments)) ledger.instruments = NO_INSTRUMENTS;
  return { seq: Number(text.slice(start, tab)), ledger };
}

function isEmpty(value: object): boolean {
  for (const _ in value) return false;
  return true;
}
