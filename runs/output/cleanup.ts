// Temporary folders being written are removed if the process is asked to stop (SIGINT, SIGTERM, SIGHUP), and the
// process then exits with the shell's code for that signal (128 + its number). The handlers are installed only
// while something is being written, so a long computation with nothing on disk keeps the default (immediate) stop.
import { removeMarkedFolder } from './marker.js';

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
type StopSignal = keyof typeof SIGNALS;

const active = new Set<string>();
let installed = false;

const onSignal = (signal: StopSignal): void => {
  removeAll();
  process.exit(128 + SIGNALS[signal]);
};

/** Removes every folder still registered (a stop signal, or stdout closed under us). */
export function removeAll(): void {
  for (const path of active) removeMarkedFolder(path);
  active.clear();
  update();
}

/** `path` is being written by this process: remove it if the process is stopped. */
export function register(path: string): void {
  active.add(path);
  update();
}

export function unregister(path: string): void {
  active.delete(path);
  update();
}

/** Whether this process is writing `path` right now (so a leftover of our own pid is not stale). */
export function isActive(path: string): boolean {
  return active.has(path);
}

function update(): void {
  const want = active.size > 0;
  if (want === installed) return;
  for (const signal of Object.keys(SIGNALS) as StopSignal[]) {
    if (want) process.on(signal, onSignal);
    else process.off(signal, onSignal);
  }
  installed = want;
}
