// Runs the real `marketsim` command in a child process, as a user would.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '..', '..');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function marketsim(args: readonly string[], cwd = REPO): CliResult {
  const r = spawnSync(process.execPath, [join(REPO, 'cli', 'marketsim.mjs'), ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'marketsim-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A `marketsim` child process left running (a queue worker, a coordinator to be killed), its output collected. */
export interface RunningMarketsim {
  readonly child: ChildProcess;
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout contains `text`; rejects if the process ends first. */
  waitFor(text: string): Promise<void>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` (default SIGTERM) unless it has ended, and waits for it to end. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function startMarketsim(args: readonly string[], cwd = REPO): RunningMarketsim {
  const child = spawn(process.execPath, [join(REPO, 'cli', 'marketsim.mjs'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: { text: string; resolve: () => void; reject: (error: Error) => void }[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of waiters.filter((w) => out.includes(w.text))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      for (const w of waiters.splice(0)) w.reject(new Error(`marketsim ${args.join(' ')} ended (${code ?? signal}) before printing "${w.text}": ${err}`));
      resolve({ code, signal });
    }),
  );
  return {
    child,
    pid: child.pid ?? 0,
    stdout: () => out,
    stderr: () => err,
    waitFor: (text) =>
      out.includes(text)
        ? Promise.resolve()
        : child.exitCode !== null || child.signalCode !== null
          ? Promise.reject(new Error(`marketsim ${args.join(' ')} has ended: ${err}`))
          : new Promise((resolve, reject) => waiters.push({ text, resolve, reject })),
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
