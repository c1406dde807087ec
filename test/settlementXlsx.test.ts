// settlement.xlsx read back with exceljs: every amount of settlement-summary.csv and settlement.csv is there as a
// number (not text) with the #,##0.00 format, months and payment times are real dates in UTC+8 wall time (STL-1),
// headers are frozen and in the CSV's language, names sit beside IDs, and the bytes do not depend on the clock,
// the time zone or which command wrote them (STL-6 commission shows in the diff sheet of a what-if).
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marketsim, tempDir } from './support/cli.js';

const dir = tempDir('marketsim-xlsx-');
const en = join(dir, 'en');
const zh = join(dir, 'zh');

function csv(file: string): string[][] {
  return readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\n').map((l) => l.split(','));
}

async function workbook(file: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book;
}

function rowsOf(sheet: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return rows;
}

beforeAll(() => {
  const a = marketsim(['run', 'market-tiny', '--out', en, '--xlsx', '--compare', 'commissionBasisPoints={"image":500}']);
  expect(a.code, a.stderr).toBe(0);
  const b = marketsim(['run', 'market-tiny', '--out', zh, '--xlsx', '--lang', 'zh']);
  expect(b.code, b.stderr).toBe(0);
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('settlement.xlsx', () => {
  it('holds every settlement-summary.csv amount as a number formatted #,##0.00, header frozen (STL-1)', async () => {
    const sheet = (await workbook(join(en, 'settlement.xlsx'))).getWorksheet('summary')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const [header, ...rows] = rowsOf(sheet);
    const [csvHeader, ...csvRows] = csv(join(en, 'settlement-summary.csv'));
    expect(rows).toHaveLength(csvRows.length);
    const money = csvHeader!.filter((h) => h.endsWith('_amount') || h === 'commission');
    expect(money.length).toBe(7);
    csvRows.forEach((line, i) => {
      for (const field of money) {
        const cell = rows[i]![header!.indexOf(field)];
        expect(typeof cell, field).toBe('number');
        expect((cell as number).toFixed(2)).toBe(line[csvHeader!.indexOf(field)]);
      }
      expect(rows[i]![header!.indexOf('merchant_id')]).toBe(line[csvHeader!.indexOf('merchant_id')]);
      expect(rows[i]![header!.indexOf('settlement_month')]).toEqual(new Date(`${line[0]}-01T00:00:00Z`));
    });
    expect(sheet.getRow(2).getCell(header!.indexOf('net_amount') + 1).numFmt).toBe('#,##0.00');
  });

  it('lists every settlement.csv line with its net as a number, names beside IDs, paid_at in UTC+8 wall time (STL-1)', async () => {
    const sheet = (await workbook(join(en, 'settlement.xlsx'))).getWorksheet('lines')!;
    const [header, ...rows] = rowsOf(sheet);
    const [csvHeader, ...csvRows] = csv(join(en, 'settlement.csv'));
    expect(rows).toHaveLength(csvRows.length);
    const net = (row: readonly unknown[], h: readonly unknown[]) => row[h.indexOf('net_amount')];
    expect(rows.map((r) => (net(r, header!) as number).toFixed(2))).toEqual(csvRows.map((l) => net(l, csvHeader!)));
    const { names } = JSON.parse(readFileSync(join(en, 'summary.json'), 'utf8')) as { names: { merchants: Record<string, string>; products: Record<string, string> } };
    for (const r of rows) {
      expect(r[header!.indexOf('merchant_name')]).toBe(names.merchants[r[header!.indexOf('merchant_id')] as string]);
      expect(r[header!.indexOf('product_name')]).toBe(names.products[r[header!.indexOf('product_id')] as string]);
    }
    // A purchase is paid when its order is created: orders.csv's "created at" (+08:00) is the cell's wall time.
    const [, ...orders] = csv(join(en, 'orders.csv'));
    const order = orders.find((o) => o[3] === 'purchase/period')!;
    const row = rows.find((r) => r[header!.indexOf('order_id')] === order[0] && r[header!.indexOf('order_type')] === 'purchase')!;
    const wall = order[7]!.replace('+08:00', 'Z');
    expect((row[header!.indexOf('paid_at')] as Date).toISOString()).toBe(new Date(wall).toISOString());
  });

  it('speaks the CSV\'s language: --lang zh gives the Chinese headers of settlement-summary.csv', async () => {
    const book = await workbook(join(zh, 'settlement.xlsx'));
    expect(book.worksheets.map((s) => s.name)).toEqual(['结算明细', '结算汇总', '暂缓结算']);
    const [header] = rowsOf(book.getWorksheet('结算汇总')!);
    const [csvHeader] = csv(join(zh, 'settlement-summary.csv'));
    // Every column of the sheet is one of the CSV's, under the CSV's Chinese name (the CSV adds fen columns).
    expect(header!.length).toBe(11);
    expect(csvHeader).toEqual(expect.arrayContaining(header as string[]));
  });

  it('has the same bytes from run and from settle, in any time zone', () => {
    const written = readFileSync(join(en, 'settlement.xlsx'));
    const settled = marketsim(['settle', en, '--xlsx']);
    expect(settled.code, settled.stderr).toBe(0);
    expect(readFileSync(join(en, 'settlement.xlsx')).equals(written)).toBe(true);
    const elsewhere = marketsim(['settle', en, '--xlsx'], { env: { TZ: 'America/Los_Angeles' } });
    expect(elsewhere.code, elsewhere.stderr).toBe(0);
    expect(readFileSync(join(en, 'settlement.xlsx')).equals(written)).toBe(true);
  });

  it('in a what-if, the variant\'s workbook has a diff sheet whose totals are diff.csv\'s (STL-6)', async () => {
    const sheet = (await workbook(join(`${en}-compare`, 'settlement.xlsx'))).getWorksheet('diff')!;
    const [header, ...rows] = rowsOf(sheet);
    const [csvHeader, ...csvRows] = csv(join(`${en}-compare`, 'diff.csv'));
    const totals = (rs: unknown[][], h: unknown[], delta: (v: unknown) => string) =>
      rs.filter((r) => r[h.indexOf('change')] === 'total').map((r) => `${String(r[h.indexOf('merchant_id')])} ${String(r[h.indexOf('settlement_month')])} ${delta(r[h.indexOf('delta_payable')])}`);
    const fromCsv = totals(csvRows, csvHeader!, String);
    expect(fromCsv.length).toBeGreaterThan(0);
    expect(totals(rows, header!, (v) => (v as number).toFixed(2)).sort()).toEqual(fromCsv.sort());
  });
});
