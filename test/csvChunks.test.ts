// Large CSV files (orders.csv, settlement.csv) are written in pieces of rows so a million-order run does not hold
// all their cells and text at once. The pieces must make exactly the file: header and BOM once, at the start;
// quoting, formula neutralising and line ends as in one piece; a file with no rows still has its header. The
// expected text here is written by hand from RFC 4180, not taken from the writer.
import { describe, expect, test } from 'vitest';
import { csvChunks, csvText, type CsvColumn } from '../reports/csv.js';

interface Row {
  readonly id: string;
  readonly note: string;
  readonly fen: number;
}
const COLUMNS: CsvColumn<Row>[] = [
  { en: 'id', zh: '编号', value: (r) => r.id },
  { en: 'note', value: (r) => r.note },
  { en: 'amount', value: (r) => (r.fen / 100).toFixed(2), numeric: true },
];
const ROWS: Row[] = [
  { id: 'o1', note: 'plain', fen: 100 },
  { id: 'o2', note: 'a, "quoted" one', fen: -250 },
  { id: 'o3', note: '=1+1', fen: 0 },
  { id: 'o4', note: 'two\nlines', fen: 12345 },
  { id: 'o5', note: '云市场', fen: 1 },
];
const BODY = ['o1,plain,1.00', 'o2,"a, ""quoted"" one",-2.50', "o3,'=1+1,0.00", 'o4,"two\nlines",123.45', 'o5,云市场,0.01'];

describe('CSV in pieces of rows', () => {
  test.each([1, 2, 3, 5, 6])('%i rows a piece: the pieces join into the file, header first', (size) => {
    const pieces = [...csvChunks(COLUMNS, ROWS, { lang: 'en', excel: false }, size)];
    expect(pieces).toHaveLength(Math.ceil(ROWS.length / size));
    expect(pieces.join('')).toBe(`${['id,note,amount', ...BODY].join('\n')}\n`);
  });

  test('--excel: one BOM, at the very start; --lang zh: the header in Chinese, once', () => {
    const pieces = [...csvChunks(COLUMNS, ROWS, { lang: 'zh', excel: true }, 2)];
    expect(pieces[0]!.startsWith('\uFEFF编号,note,amount\n')).toBe(true);
    expect(pieces.slice(1).some((p) => p.includes('\uFEFF') || p.includes('编号'))).toBe(false);
    expect(pieces.join('')).toBe(`\uFEFF${['编号,note,amount', ...BODY].join('\n')}\n`);
    expect(csvText(COLUMNS, ROWS, { lang: 'zh', excel: true })).toBe(pieces.join(''));
  });

  test('no rows: the header alone', () => {
    expect([...csvChunks(COLUMNS, [], { lang: 'en', excel: false }, 2)]).toEqual(['id,note,amount\n']);
  });

  test('rows are read one piece at a time, not all before the first piece', () => {
    let read = 0;
    const counted = (function* () {
      for (const row of ROWS) (read++, yield row);
    })();
    const pieces = csvChunks(COLUMNS, counted, { lang: 'en', excel: false }, 2);
    pieces.next();
    expect(read).toBeLessThanOrEqual(2);
  });
});
