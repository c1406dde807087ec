// A small RFC 4180 reader for the CSV files a run writes (quoted cells, doubled quotes, CRLF or LF, BOM).
/** Rows of cells; a trailing newline does not make an empty row. */
export function parseCsv(text: string): string[][] {
  return [...csvRows(text)];
}

/**
 * parseCsv one row at a time: a tab that folds a large file (market-large's settlement.csv: 25 MB, 182k lines)
 * holds one row, not all of them (parsing it whole took ~200 MiB of heap).
 */
export function* csvRows(text: string): Generator<string[]> {
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(cell);
      yield row;
      (row = []), (cell = '');
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    yield row;
  }
}

/** Rows as objects keyed by the header row. */
export function csvRecords(text: string): Record<string, string>[] {
  return [...csvRecordsOf(text)];
}

/** csvRecords one record at a time. */
export function* csvRecordsOf(text: string): Generator<Record<string, string>> {
  let header: string[] | undefined;
  for (const cells of csvRows(text)) {
    if (!header) header = cells;
    else yield Object.fromEntries(header.map((name, i) => [name, cells[i] ?? '']));
  }
}
