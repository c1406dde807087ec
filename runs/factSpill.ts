// A run's money facts spilled to a file as they are logged (reports/settlementFacts.ts LedgerStore), one line each:
// `<seq>\t<ledger params as JSON>`. `marketsim run` keeps it in its temporary output folder, so it is removed with
// that folder on Ctrl-C or a failure, and removes it before the folder is put in place. Read back from the start
// each time the facts are iterated (the end-of-run checks, then orders.csv), in large chunks.
import { rmSync } from 'node:fs';
import { NO_INSTRUMENTS, NO_TAGS, type LedgerParams } from '../machines/contracts.js';
import type { LedgerFact, LedgerStore } from '../reports/settlementFacts.js';
import { LineFileReader, LineFileWriter } from './lines.js';
import { namingTheFolder } from './output/folder.js';

/** Bytes the file takes per order, with room: 63.6 MB for the default mix's 100,000 orders (1.5 facts an order). */
export const SPILL_BYTES_PER_ORDER = 1024;

const READ_BYTES = 4 << 20;

export class SpilledLedger implements LedgerStore {
  private file: LineFileWriter | undefined;
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
    this.file = namingTheFolder(this.named, () => new LineFileWriter(path, 'wx'));
  }

  /** Facts added so far. */
  get size(): number {
    return this.count;
  }

  add(fact: LedgerFact): void {
    const file = this.open();
    // Every byte or an error (a full disk's short write would splice two lines).
    namingTheFolder(this.named, () => file.write(`${fact.seq}\t${JSON.stringify(fact.ledger)}`));
    this.count++;
  }

  facts(): Iterable<LedgerFact> {
    return { [Symbol.iterator]: () => this.read() };
  }

  /** Closes and removes the file; the facts cannot be read after. */
  remove(): void {
    const file = this.file;
    this.file = undefined;
    try {
      file?.discard();
    } finally {
      rmSync(this.path, { force: true });
    }
  }

  private open(): LineFileWriter {
    if (this.file === undefined) throw new Error(`the spilled facts at ${this.path} were removed`);
    return this.file;
  }

  /**
   * Writes what is buffered, so the file holds every fact added so far: for a reader of the file elsewhere (orders.csv
   * is built on a thread of its own, runs/ordersCsvThread/).
   */
  flush(): void {
    const file = this.open();
    namingTheFolder(this.named, () => file.flush());
  }

  /** What another reader of the file needs: its path, the name its errors give, and its read size. */
  get readable(): SpilledFile {
    return { path: this.path, named: this.named, readBytes: this.readBytes };
  }

  private *read(): Generator<LedgerFact> {
    this.flush();
    yield* spilledFacts(this.readable);
  }
}

/** A spilled facts file as a reader needs it (`SpilledLedger.readable`). */
export interface SpilledFile {
  readonly path: string;
  /** The path a system error names (the output folder the user gave). */
  readonly named: string;
  readonly readBytes: number;
}

/** The facts of a flushed spill file, in the order they were added: what `SpilledLedger.facts()` reads. */
export function* spilledFacts(file: SpilledFile): Generator<LedgerFact> {
  const reader = namingTheFolder(file.named, () => new LineFileReader(file.path, `the spilled facts at ${file.path}`, file.readBytes));
  try {
    for (let line = reader.next(); line !== undefined; line = reader.next()) yield parseFact(line);
  } finally {
    reader.close();
  }
}

function parseFact(line: string): LedgerFact {
  const tab = line.indexOf('\t');
  const ledger = JSON.parse(line.slice(tab + 1)) as { -readonly [K in keyof LedgerParams]: LedgerParams[K] };
  // The shared empty objects the run's facts carry, not one fresh `{}` per fact: settlement lines keep `tags`.
  if (isEmpty(ledger.tags)) ledger.tags = NO_TAGS;
  if (ledger.instruments !== undefined && isEmpty(ledger.instruments)) ledger.instruments = NO_INSTRUMENTS;
  return { seq: Number(line.slice(0, tab)), ledger };
}

function isEmpty(value: object): boolean {
  for (const _ in value) return false;
  return true;
}
