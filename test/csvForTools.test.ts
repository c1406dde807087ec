// The CSVs read by tools that take every number as floating point (DuckDB's sniffer, spreadsheets): summing the
// yuan text there drifts (1478832.8700000017), so each amount is also written as integer fen, which such a tool
// sums exactly (integers below 2^53); and orders.csv carries its creation time as a local "YYYY-MM-DD HH:MM:SS".
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../cli/main.js';
import { csvRecords } from '../cli/tui/csv.js';
import { yuanToFen } from '../cli/tui/adapters.js';
import { tempDir } from './support/cli.js';

const root = tempDir('marketsim-tools-');
const read = (name: string) => csvRecords(readFileSync(join(root, name), 'utf8'));
/** What a floating-point consumer does with a column: every cell through Number, summed as doubles. */
const floatSum = (rows: readonly Record<string, string>[], column: string) => rows.reduce((sum, r) => sum + Number(r[column]), 0);

beforeAll(async () => {
  expect(await main(['run', 'default', '--out', root], { out: () => {}, err: () => {} })).toBe(0);
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('CSV for tools', () => {
  test('STL-7: a floating-point consumer summing the *_fen columns of settlement.csv gets the summary totals exactly', () => {
    const lines = read('settlement.csv');
    const summary = read('settlement-summary.csv');
    expect(lines.length).toBeGreaterThan(1000);
    const paid = lines.filter((r) => r.treatment === 'settled' || r.treatment === 'netted');
    expect(floatSum(paid, 'net_fen')).toBe(floatSum(summary, 'net_fen'));
    expect(floatSum(paid, 'gross_fen')).toBe(floatSum(summary, 'gross_fen'));
    // Each fen cell says the same amount as its yuan cell, read without floating point.
    for (const r of lines) expect(Number(r.net_fen), r.order_id).toBe(yuanToFen(r.net_amount!));
    for (const s of summary) {
      const own = paid.filter((r) => r.settlement_month === s.settlement_month && r.merchant_id === s.merchant_id);
      expect(floatSum(own, 'net_fen'), `${s.merchant_id} ${s.settlement_month}`).toBe(Number(s.net_fen));
      expect(yuanToFen(s.net_amount!)).toBe(Number(s.net_fen));
    }
  });

  test('ORD-6: orders.csv gives each order its amount in fen and its creation time as UTC+8 local time beside the ISO one', () => {
    const orders = read('orders.csv');
    expect(orders.length).toBeGreaterThan(1000);
    for (const o of orders) {
      expect(Number(o['amount (fen)'])).toBe(yuanToFen(o.amount!));
      const iso = o['created at']!;
      expect(iso).toMatch(/\+08:00$/);
      expect(o['created at (UTC+8)']).toBe(iso.slice(0, 19).replace('T', ' '));
      expect(o['created at (UTC+8)']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    }
  });
});
