// Report files written in pieces (runs/output/pieces.ts): a file's pieces are appended in order; a file that comes
// back after another, or one already written another way (events.jsonl), is refused as the bug it is, never joined.
import { expect, test } from 'vitest';
import { pieceWriter } from '../runs/output/pieces.js';

const recorder = () => {
  const files = new Map<string, string>();
  return { files, append: (name: string, text: string) => void files.set(name, (files.get(name) ?? '') + text) };
};

test("a file's pieces, one after another, make the file; the next file starts its own", () => {
  const out = recorder();
  const put = pieceWriter(out, ['events.jsonl']);
  put('orders.csv', 'h\n');
  put('orders.csv', 'a\n');
  put('settlement.csv', 's\n');
  put('summary.md', '');
  expect([...out.files]).toEqual([
    ['orders.csv', 'h\na\n'],
    ['settlement.csv', 's\n'],
    ['summary.md', ''],
  ]);
});

test('a file that comes back after another is refused, and nothing more is appended to it', () => {
  const out = recorder();
  const put = pieceWriter(out);
  put('orders.csv', 'h\n');
  put('settlement.csv', 's\n');
  expect(() => put('orders.csv', 'again\n')).toThrow('orders.csv is written twice');
  expect(out.files.get('orders.csv')).toBe('h\n');
});

test('a name already written another way is refused', () => {
  const put = pieceWriter(recorder(), ['events.jsonl']);
  expect(() => put('events.jsonl', '{}\n')).toThrow('events.jsonl is written twice');
});
