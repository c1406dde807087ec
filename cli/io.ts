// How a command talks to its caller: two line sinks (the process's stdout/stderr, or a test's buffers), and the
// one-line report of bad input (exit 2).
import type { InputError } from '../scenarios/loader.js';
import { EXIT } from './exitCodes.js';

export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export function badInput(error: InputError, io: Io): number {
  io.err(`marketsim: ${error.toString()}`);
  return EXIT.badInput;
}

/** Bad input already phrased as one line (file, place, reason). */
export function badInputLine(message: string, io: Io): number {
  io.err(`marketsim: ${message}`);
  return EXIT.badInput;
}
