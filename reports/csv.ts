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
}

export interface CsvOptions {
  readonly lang: Lang;
  /** Prefix a UTF-8 BOM so Excel reads the file as UTF-8 (`--excel`). */
  readonly excel: boolean;
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell that a spreadsheet would run as a formula gets a leading single quote; plain numbers are left alone. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** Integer fen as yuan with exactly two decimals: 123456 → "1234.56", -5 → "-0.05". No floating point. */
export function yuan(fen: number): string {
  if (!Number.isInteger(fen)) throw new Error(`not an integer amount of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function csvText<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[], options: CsvOptions): string {
  const header = columns.map((c) => (options.lang === 'zh' ? (c.zh ?? c.en) : c.en));
  const body = rows.map((row) => columns.map((c) => neutralise(String(c.value(row, options.lang) ?? ''))));
  const text = stringify([header, ...body], { record_delimiter: '\n' });
  return options.excel ? `\uFEFF${text}` : text;
}

/**
 * An instant as local date and time to the second, "2024-01-02 20:28:41" (UTC+8 unless told), the form a
 * spreadsheet reads as a date; the ISO form with its offset and milliseconds stays text there.
 */
export function localDateTime(epochMs: number, offsetMinutes?: number): string {
  return formatTime(epochMs, offsetMinutes).slice(0, 19).replace('T', ' ');
}
