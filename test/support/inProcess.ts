// Runs `marketsim` in this process through cli/main.ts's `main(argv, io)`: the same code path as the command,
// without a child process per case (the fuzz suite runs hundreds). Temp folders are removed by `cleanup()`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main.js';

export interface MainResult {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

export async function runMain(argv: readonly string[]): Promise<MainResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

/** Temp folders for one test file; `cleanup()` (in afterAll) removes them all. */
export function tempFolders(prefix = 'marketsim-'): { make: () => string; cleanup: () => void } {
  const made: string[] = [];
  return {
    make: () => {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    cleanup: () => {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
