// Runs the real `marketsim` command in a child process, as a user would. The command line lives here only
// (MARKETSIM_COMMAND), so a change of entry point is one edit.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '..', '..');

/** The program and first arguments that start marketsim. */
export const MARKETSIM_COMMAND: readonly string[] = [process.execPath, join(REPO, 'cli', 'marketsim.mjs')];

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd?: string;
  /** Added to the environment (NODE_OPTIONS for a small heap, say). */
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

export function marketsim(args: readonly string[], cwdOrOptions: string | CliOptions = REPO): CliResult {
  const options = typeof cwdOrOptions === 'string' ? { cwd: cwdOrOptions } : cwdOrOptions;
  const [program, ...first] = MARKETSIM_COMMAND;
  const r = spawnSync(program!, [...first, ...args], {
    cwd: options.cwd ?? REPO,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
    env: { ...process.env, ...options.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** marketsim started and left running (to signal or kill it); stdout and stderr are pipes. */
export function startMarketsim(args: readonly string[], options: CliOptions = {}): ChildProcess {
  const [program, ...first] = MARKETSIM_COMMAND;
  return spawn(program!, [...first, ...args], { cwd: options.cwd ?? REPO, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The command line as one shell-quoted string, for tests that must run it under a shell (ulimit, unshare). */
export function marketsimShellCommand(args: readonly string[]): string {
  return [...MARKETSIM_COMMAND, ...args].map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(' ');
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

/** startMarketsim with its output collected and waited on: a queue worker, a coordinator to be killed. */
export function runningMarketsim(args: readonly string[], options: CliOptions = {}): RunningMarketsim {
  const child = startMarketsim(args, options);
  let out = '';
  let err = '';
  const waiters: { text: string; resolve: () => void; reject: (error: Error) => void }[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of waiters.filter((w) => out.includes(w.text))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
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
