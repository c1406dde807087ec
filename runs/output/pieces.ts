// Report files handed over in pieces (orders.csv and settlement.csv come 10,000 rows at a time): each piece is
// appended to its file, and a file's pieces must come one after another. `write` refused a file written twice;
// appending would join the two silently and summary.json would seal the result, so a name that comes back after
// another file is a bug here too.
import type { OutputDirWriter } from './folder.js';

/** A `put(name, piece)` for runs/files.ts `writeReportFilesYielding`, appending to `output`; `taken`: names already written another way. */
export function pieceWriter(output: Pick<OutputDirWriter, 'append'>, taken: Iterable<string> = []): (name: string, piece: string) => void {
  const finished = new Set(taken);
  let current: string | undefined;
  return (name, piece) => {
    if (name !== current) {
      if (finished.has(name)) throw new Error(`${name} is written twice`);
      if (current !== undefined) finished.add(current);
      current = name;
    }
    output.append(name, piece);
  };
}
