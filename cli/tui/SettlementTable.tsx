// Results tab 2: settlement by merchant × month from settlement-summary.csv — scrolls with ↑↓ and sorts by any
// column (s picks the column, r reverses); says "not available yet" while runs do not write the file.
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { fenText, merchantMonths, type MerchantMonth } from './adapters.js';
import { useHue } from './theme.js';

export interface SettlementTableProps {
  /** The run's files (settlement.csv is read from them). */
  readonly files: ReadonlyMap<string, string | Uint8Array>;
  /** Rows shown at once. */
  readonly height: number;
  /** Only the visible tab takes the arrow keys. */
  readonly active: boolean;
}

interface Column {
  readonly title: string;
  readonly width: number;
  readonly text: (r: MerchantMonth) => string;
  readonly key: (r: MerchantMonth) => string | number;
}

// Widths add up to 78 columns with the separators, so the table fits an 80-column terminal.
const money = (title: string, fen: (r: MerchantMonth) => number): Column => ({ title, width: 10, text: (r) => fenText(fen(r), false), key: fen });
const COLUMNS: readonly Column[] = [
  { title: 'month', width: 7, text: (r) => r.month, key: (r) => r.month },
  { title: 'merchant', width: 10, text: (r) => r.merchant, key: (r) => r.merchant },
  { title: 'lines', width: 5, text: (r) => String(r.lines), key: (r) => r.lines },
  money('gross', (r) => r.grossFen),
  { ...money('commission', (r) => r.commissionFen), width: 9 },
  money('net', (r) => r.netFen),
  money('deferred', (r) => r.deferredFen),
  money('excluded', (r) => r.excludedFen),
];

const cell = (text: string, width: number, left: boolean): string => {
  const cut = text.length > width ? `${text.slice(0, width - 1)}…` : text;
  return left ? cut.padEnd(width) : cut.padStart(width);
};

/** Sorted rows; ties broken by month then merchant so the order never depends on the file's. */
export function sortRows(rows: readonly MerchantMonth[], column: number, descending: boolean): MerchantMonth[] {
  const key = COLUMNS[column]!.key;
  const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows].sort((a, b) => (descending ? -1 : 1) * cmp(key(a), key(b)) || cmp(a.month, b.month) || cmp(a.merchant, b.merchant));
}

export function SettlementTable({ files, height, active }: SettlementTableProps) {
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
  if (!months) {
    return <Text color={hue('gray')}>Settlement by merchant × month: not available yet (settlement-summary.csv is not written by this version).</Text>;
  }
  const header = COLUMNS.map((c, i) => cell(`${c.title}${i === column ? (descending ? '↓' : '↑') : ''}`, c.width, i < 2)).join(' ');
  const shown = rows.slice(offset, offset + height);
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">{header}</Text>
      {shown.map((r) => (
        <Text key={`${r.merchant}/${r.month}`} wrap="truncate-end">{COLUMNS.map((c, i) => cell(c.text(r), c.width, i < 2)).join(' ')}</Text>
      ))}
      {rows.length === 0 ? <Text>No settlement lines in this run.</Text> : null}
      <Text color={hue('gray')} wrap="truncate-end">{`rows ${rows.length ? offset + 1 : 0}–${offset + shown.length} of ${rows.length} · sorted by ${COLUMNS[column]!.title} ${descending ? 'descending' : 'ascending'}`}</Text>
    </Box>
  );
}
