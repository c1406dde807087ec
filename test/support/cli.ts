// Runs the real `marketsim` command in a child process, as a user would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '..', '..');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `env` adds to the environment (e.g. TZ, to show an output does not depend on the time zone). */
export function marketsim(args: readonly string[], cwd = REPO, env: Readonly<Record<string, string>> = {}): CliResult {
  const r = spawnSync(process.execPath, [join(REPO, 'cli', 'marketsim.mjs'), ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'marketsim-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
