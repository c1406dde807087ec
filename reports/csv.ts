// The shared CSV writer: a fixed column order given by the caller, formula-injection neutralised, money as yuan
// with exactly two decimals (integer arithmetic on fen, STL-7), and an optional UTF-8 BOM for Excel.
import { stringify } from 'csv-stringify/sync';
import { formatTime } from '../machines/time.js';
import type { Lang } from './i18n/glossary.js';

export type Cell = string | number | undefined;

export interface CsvColumn<Row> {
  /** Header per language; `zh` falls back to `en`. */
  readonly en: string;
  readonly zh?: string;
  /** The cell; `lang` for values the glossary translates (reports/i18n/glossary.ts). */
  readonly value: (row: Row, lang: Lang) => Cell;
  /**
   * An amount or a count marketsim computes itself (yuan, line counts): written as it is, so a refund stays the
   * number -5.00. Every other column is text (ids, names, reasons from the input) and is neutralised whatever its
   * value looks like: a product named "-1" must not become a number, one named "=1+1" not a formula.
   */
  readonly numeric?: true;
}

export interface CsvOptions {
  readonly lang: Lang;
  /** Prefix a UTF-8 BOM so Excel reads the file as UTF-8 (`--excel`). */
  readonly excel: boolean;
}

/**
 * How a text cell may start that a spreadsheet would act on: a formula character (ASCII or full-width ＝＋－＠, which
 * some spreadsheets fold to ASCII), one after semicolons (a separator in some locales), or anything blank or
 * invisible before the rest (whitespace of any kind, line breaks, tab, no-break and zero-width spaces, a BOM,
 * control characters), which spreadsheets trim before they look for a formula.
 */
const UNSAFE_START = /^(?:[\s\u0000-\u001f\u007f-\u009f\u180e\u200b-\u200f\u2060\ufeff]|;*[=+\-@\uff1d\uff0b\uff0d\uff20])/;

/** A lone "-" is the order list's "no duration" mark (ORD-6), no formula: a spreadsheet keeps it as text. */
const NO_DURATION = '-';

/** A text cell a spreadsheet would run as a formula, or read differently than written, gets a leading single quote. */
export function neutralise(text: string): string {
  return text !== NO_DURATION && UNSAFE_START.test(text) ? `'${text}` : text;
}

/** Integer fen as yuan with exactly two decimals: 123456 → "1234.56", -5 → "-0.05". No floating point. */
export function yuan(fen: number): string {
  if (!Number.isInteger(fen)) throw new Error(`not an integer amount of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function csvText<Row>(columns: readonly CsvColumn<Row>[], rows: Iterable<Row>, options: CsvOptions): string {
  let text = '';
  for (const chunk of csvChunks(columns, rows, options)) text += chunk;
  return text;
}

/** Rows a chunk of `csvChunks` holds: small enough that a chunk's cells are a few megabytes at most. */
export const CSV_ROWS_PER_CHUNK = 10_000;

/**
 * csvText in pieces of `rowsPerChunk` rows (the header and the BOM ride with the first): their concatenation is csvText's
 * text, byte for byte. A million-order run's settlement.csv is 277 MB; built whole, its cells and the text were
 * held at once at the end of the run.
 */
export function* csvChunks<Row>(columns: readonly CsvColumn<Row>[], rows: Iterable<Row>, options: CsvOptions, rowsPerChunk = CSV_ROWS_PER_CHUNK): Generator<string> {
  const cells = (row: Row): string[] =>
    columns.map((c) => {
      const text = String(c.value(row, options.lang) ?? '');
      return c.numeric ? text : neutralise(text);
    });
  let records: string[][] = [columns.map((c) => (options.lang === 'zh' ? (c.zh ?? c.en) : c.en))];
  let rowsHeld = 0;
  // What goes before the first piece only: the BOM for Excel.
  let prefix = options.excel ? '\uFEFF' : '';
  const text = (): string => {
    const chunk = prefix + stringify(records, { record_delimiter: '\n' });
    (records = []), (rowsHeld = 0), (prefix = '');
    return chunk;
  };
  for (const row of rows) {
    records.push(cells(row));
    if (++rowsHeld >= rowsPerChunk) yield text();
  }
  if (records.length > 0) yield text();
}

/**
 * An instant as local date and time to the second, "2024-01-02 20:28:41" (UTC+8 unless told), the form a
 * spreadsheet reads as a date; the ISO form with its offset and milliseconds stays text there.
 */
export function localDateTime(epochMs: number, offsetMinutes?: number): string {
  return formatTime(epochMs, offsetMinutes).slice(0, 19).replace('T', ' ');
}
