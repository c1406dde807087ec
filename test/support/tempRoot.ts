// Global set-up of the suite: every temporary folder a test (or a marketsim process it starts) makes lands in one
// root, removed when the suite ends, so `npm test` leaves nothing in the system's temp folder. os.tmpdir() reads
// TMPDIR on each call, and the test workers and their children inherit it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let root: string | undefined;

export function setup(): void {
  root = mkdtempSync(join(tmpdir(), 'marketsim-suite-'));
  process.env.TMPDIR = root;
}

export function teardown(): void {
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
}
