// Results tab 2: settlement by merchant × month from settlement-summary.csv — scrolls with ↑↓ and sorts by any
// column (s picks the column, r reverses); says "not available yet" while runs do not write the file. Each column is
// as wide as its title (with room for the sort arrow) or its widest cell, whichever is wider, so a title is never
// cut; columns that do not fit the terminal are left out whole and the status line says how many.
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { label, type LabelName } from '../../reports/i18n/glossary.js';
import { fenText, merchantMonths, type MerchantMonth } from './adapters.js';
import { columns as displayWidth, pad, tuiText, type Lang } from './text.js';
import { useHue } from './theme.js';

export interface SettlementTableProps {
  /** The run's files (settlement.csv is read from them). */
  readonly files: ReadonlyMap<string, string | Uint8Array>;
  /** Rows shown at once. */
  readonly height: number;
  /** Only the visible tab takes the arrow keys. */
  readonly active: boolean;
  /** Terminal columns the table may take (default 80). */
  readonly width?: number;
  /** Titles and sentences in English or Chinese (default English). */
  readonly lang?: Lang;
}

interface Column {
  readonly title: LabelName;
  /** Left-aligned (text) or right-aligned (numbers). */
  readonly left: boolean;
  readonly text: (r: MerchantMonth) => string;
  readonly key: (r: MerchantMonth) => string | number;
}

const money = (title: LabelName, fen: (r: MerchantMonth) => number): Column => ({ title, left: false, text: (r) => fenText(fen(r), false), key: fen });
const COLUMNS: readonly Column[] = [
  { title: 'month', left: true, text: (r) => r.month, key: (r) => r.month },
  { title: 'merchant', left: true, text: (r) => r.merchant, key: (r) => r.merchant },
  { title: 'lines', left: false, text: (r) => String(r.lines), key: (r) => r.lines },
  money('gross', (r) => r.grossFen),
  money('commission', (r) => r.commissionFen),
  money('net', (r) => r.netFen),
  money('deferred', (r) => r.deferredFen),
  money('excluded', (r) => r.excludedFen),
];

/** Sorted rows; ties broken by month then merchant so the order never depends on the file's. */
export function sortRows(rows: readonly MerchantMonth[], column: number, descending: boolean): MerchantMonth[] {
  const key = COLUMNS[column]!.key;
  const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows].sort((a, b) => (descending ? -1 : 1) * cmp(key(a), key(b)) || cmp(a.month, b.month) || cmp(a.merchant, b.merchant));
}

/** Each column's width over all rows (not just the visible ones, so scrolling does not shift the columns). */
function widths(rows: readonly MerchantMonth[], lang: Lang): number[] {
  return COLUMNS.map((c) => Math.max(displayWidth(label(c.title, lang)) + 1, ...rows.map((r) => displayWidth(c.text(r)))));
}

/** How many columns fit `width` with one space between them (the first two always stay). */
function fitting(columnWidths: readonly number[], width: number): number {
  let used = -1;
  let n = 0;
  for (const w of columnWidths) {
    if (n >= 2 && used + 1 + w > width) break;
    used += 1 + w;
    n++;
  }
  return n;
}

export function SettlementTable({ files, height, active, width = 80, lang = 'en' }: SettlementTableProps) {
  const hue = useHue();
  const [column, setColumn] = useState(0);
  const [descending, setDescending] = useState(false);
  const [offset, setOffset] = useState(0);
  const months = merchantMonths(files);
  const rows = months ? sortRows(months, column, descending) : [];
  const maxOffset = Math.max(0, rows.length - height);
  useInput(
    (input, key) => {
      if (key.downArrow) setOffset((o) => Math.min(maxOffset, o + 1));
      else if (key.upArrow) setOffset((o) => Math.max(0, o - 1));
      else if (key.pageDown || input === ' ') setOffset((o) => Math.min(maxOffset, o + height));
      else if (key.pageUp) setOffset((o) => Math.max(0, o - height));
      else if (input === 's') setColumn((c) => (c + 1) % COLUMNS.length);
      else if (input === 'r') setDescending((d) => !d);
    },
    { isActive: active },
  );
  if (!months) return <Text color={hue('gray')}>{tuiText('notAvailable', lang)}</Text>;
  const all = widths(rows, lang);
  const shownColumns = fitting(all, width);
  const line = (cells: (i: number) => string): string => COLUMNS.slice(0, shownColumns).map((c, i) => pad(cells(i), all[i]!, c.left)).join(' ');
  const header = line((i) => `${label(COLUMNS[i]!.title, lang)}${i === column ? (descending ? '↓' : '↑') : ''}`);
  const shown = rows.slice(offset, offset + height);
  const hidden = COLUMNS.length - shownColumns;
  const sortedBy = `${tuiText('sortedBy', lang)} ${label(COLUMNS[column]!.title, lang)} ${tuiText(descending ? 'descending' : 'ascending', lang)}`;
  // The hidden columns are said before the sort, which a narrow terminal may cut.
  const status = `${tuiText('rows', lang)} ${rows.length ? offset + 1 : 0}–${offset + shown.length} ${tuiText('of', lang)} ${rows.length}${hidden > 0 ? ` · ${hidden} ${tuiText('hidden', lang)}` : ''} · ${sortedBy}`;
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">{header}</Text>
      {shown.map((r) => (
        <Text key={`${r.merchant}/${r.month}`} wrap="truncate-end">{line((i) => COLUMNS[i]!.text(r))}</Text>
      ))}
      {rows.length === 0 ? <Text>{tuiText('noLines', lang)}</Text> : null}
      <Text color={hue('gray')} wrap="truncate-end">{status}</Text>
    </Box>
  );
}
