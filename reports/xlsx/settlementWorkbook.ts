// settlement.xlsx: the settlement as a workbook for finance, one sheet per view (lines, summary, deferred, and
// the diff when comparing runs). Amounts are numbers (yuan from integer fen, shown #,##0.00), months and payment
// times are Excel dates in UTC+8 wall time, headers frozen, names beside IDs, zh or en headers. The bytes are a
// function of the data: exceljs stamps the zip entries with the time of writing, so the zip is re-packed with
// the run's end as every entry's date.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { yuan } from '../csv.js';
import { payableFen, type SettlementDiff } from '../diff.js';
import type { Settlement, SettlementRow } from '../settlement.js';
import { nameOf, NO_NAMES, type CatalogNames } from '../runInfo.js';
import { monthTotals, settlementColumns, summaryColumns, type MonthTotals } from '../settlementCsv.js';

// The CSVs' column names (en and zh), for the headers of the same columns here.
const SETTLEMENT_COLUMNS = settlementColumns(NO_NAMES);
const SUMMARY_COLUMNS = summaryColumns(NO_NAMES);
import { XLSX_LABELS } from './labels.js';

export interface WorkbookInput {
  readonly settlement: Settlement;
  readonly names: CatalogNames;
  readonly lang: 'en' | 'zh';
  /** Minutes east of UTC of the settlement's months (STL-1: 480); dates are shown in that wall time. */
  readonly utcOffsetMinutes: number;
  /** The instant every zip entry and the document properties are dated with (the run's end). */
  readonly stamp: number;
  readonly diff?: SettlementDiff;
}

const MONEY = '#,##0.00';

type CellValue = string | number | Date;

interface SheetColumn<Row> {
  readonly en: string;
  readonly zh?: string;
  readonly width: number;
  readonly format?: string;
  readonly value: (row: Row) => CellValue;
}

/** Yuan as an Excel number: the exact two-decimal amount (parsed from the fen's decimal text, never fen / 100 drift). */
export function yuanNumber(fen: number): number {
  return Number(yuan(fen));
}

function header<Row>(columns: readonly SheetColumn<Row>[], lang: 'en' | 'zh'): string[] {
  return columns.map((c) => (lang === 'zh' ? (c.zh ?? c.en) : c.en));
}

const csvHeader = (columns: readonly { en: string; zh?: string }[], en: string) => columns.find((c) => c.en === en)!;

function addSheet<Row>(workbook: ExcelJS.Workbook, name: string, columns: readonly SheetColumn<Row>[], rows: readonly Row[], lang: 'en' | 'zh'): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({ key: `c${i}`, width: c.width, ...(c.format ? { style: { numFmt: c.format } } : {}) }));
  sheet.addRow(header(columns, lang)).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => c.value(row)));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

export async function settlementWorkbook(input: WorkbookInput): Promise<Buffer> {
  const { names, lang, utcOffsetMinutes } = input;
  // Excel dates carry no zone: the wall time of the settlement's zone is written as if it were UTC.
  const wall = (at: number): Date => new Date(at + utcOffsetMinutes * 60_000);
  const month = (m: string): Date => new Date(`${m}-01T00:00:00Z`);
  const L = XLSX_LABELS;
  const money = (en: string, value: (r: SettlementRow) => number, zh?: string): SheetColumn<SettlementRow> =>
    ({ en, zh: zh ?? csvHeader(SETTLEMENT_COLUMNS, en).zh, width: 14, format: MONEY, value: (r) => yuanNumber(value(r)) });
  const text = (en: string, width: number, value: (r: SettlementRow) => string): SheetColumn<SettlementRow> =>
    ({ en, zh: csvHeader(SETTLEMENT_COLUMNS, en).zh, width, value });
  const lineColumns: SheetColumn<SettlementRow>[] = [
    { en: 'settlement_month', zh: csvHeader(SETTLEMENT_COLUMNS, 'settlement_month').zh, width: 11, format: 'yyyy-mm', value: (r) => month(r.settlementMonth) },
    text('merchant_id', 10, (r) => r.line.merchantId),
    { ...L.merchantName, width: 28, value: (r) => nameOf(names.merchants, r.line.merchantId) },
    text('order_id', 14, (r) => r.line.orderId),
    text('order_type', 10, (r) => r.line.orderType),
    text('product_id', 12, (r) => r.line.productId),
    { ...L.productName, width: 26, value: (r) => nameOf(names.products, r.line.productId) },
    text('delivery_type', 14, (r) => r.line.deliveryType),
    text('charging_mode', 10, (r) => r.line.chargingMode),
    money('gross_amount', (r) => r.line.grossFen),
    money('commission', (r) => r.commissionFen),
    money('net_amount', (r) => r.netFen),
    text('treatment', 10, (r) => r.treatment),
    text('rule', 8, (r) => r.rule),
    { ...L.paidAt, width: 20, format: 'yyyy-mm-dd hh:mm:ss', value: (r) => wall(r.line.at) },
  ];
  const total = (en: string, value: (t: MonthTotals) => number): SheetColumn<MonthTotals> =>
    ({ en, zh: csvHeader(SUMMARY_COLUMNS, en).zh, width: 16, format: MONEY, value: (t) => yuanNumber(value(t)) });
  const summaryColumns: SheetColumn<MonthTotals>[] = [
    { en: 'settlement_month', zh: csvHeader(SUMMARY_COLUMNS, 'settlement_month').zh, width: 11, format: 'yyyy-mm', value: (t) => month(t.settlementMonth) },
    { en: 'merchant_id', zh: csvHeader(SUMMARY_COLUMNS, 'merchant_id').zh, width: 10, value: (t) => t.merchantId },
    { ...L.merchantName, width: 28, value: (t) => nameOf(names.merchants, t.merchantId) },
    { en: 'lines', zh: csvHeader(SUMMARY_COLUMNS, 'lines').zh, width: 8, format: '0', value: (t) => t.lines },
    total('settled_amount', (t) => t.settledFen),
    total('netted_amount', (t) => t.nettedFen),
    total('gross_amount', (t) => t.grossFen),
    total('commission', (t) => t.commissionFen),
    total('net_amount', (t) => t.netFen),
    total('deferred_amount', (t) => t.deferredFen),
    total('excluded_amount', (t) => t.excludedFen),
  ];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'marketsim';
  workbook.created = new Date(input.stamp);
  workbook.modified = new Date(input.stamp);
  const sheetName = (view: keyof typeof L.sheets) => L.sheets[view][lang];
  addSheet(workbook, sheetName('lines'), lineColumns, input.settlement.rows, lang);
  addSheet(workbook, sheetName('summary'), summaryColumns, monthTotals(input.settlement), lang);
  addSheet(workbook, sheetName('deferred'), lineColumns, input.settlement.rows.filter((r) => r.treatment === 'deferred'), lang);
  if (input.diff) addDiffSheet(workbook, sheetName('diff'), input.diff, names, lang);
  return repack(Buffer.from(await workbook.xlsx.writeBuffer()), new Date(input.stamp));
}

function addDiffSheet(workbook: ExcelJS.Workbook, name: string, diff: SettlementDiff, names: CatalogNames, lang: 'en' | 'zh'): void {
  type Row = readonly CellValue[];
  const L = XLSX_LABELS.diff;
  const at = (i: number) => (r: Row) => r[i]!;
  const columns: SheetColumn<Row>[] = L.columns.map((c: { en: string; zh: string; money?: boolean }, i) =>
    ({ en: c.en, zh: c.zh, width: c.money ? 14 : 12, ...(c.money ? { format: MONEY } : {}), value: at(i) }));
  const merchant = (id: string) => nameOf(names.merchants, id);
  const rows: Row[] = [
    ...diff.totals.map((t) => [t.merchantId, merchant(t.merchantId), t.month, 'total', '', '', '', '', yuanNumber(t.aNetFen), '', '', yuanNumber(t.bNetFen), yuanNumber(t.bNetFen - t.aNetFen)]),
    ...diff.lines.map((d) => [d.merchantId, merchant(d.merchantId), d.month, d.change, d.line.orderId, d.line.orderType, d.line.productId,
      d.a ? `${d.a.treatment} ${d.a.month}` : '', d.a ? yuanNumber(d.a.netFen) : '', d.a?.rule ?? '', d.b ? `${d.b.treatment} ${d.b.month}` : '', d.b ? yuanNumber(d.b.netFen) : '',
      yuanNumber(payableFen(d.b) - payableFen(d.a))]),
  ];
  addSheet(workbook, name, columns, rows, lang);
}

/** The same entries in the same order, each dated `date` (exceljs dates them with the clock). */
async function repack(xlsx: Buffer, date: Date): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const out = new JSZip();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    out.file(entry.name, await entry.async('uint8array'), { date, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
