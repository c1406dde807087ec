// violations.jsonl (one JSON line per violation, with the seed and the command that replays it) and that
// replay command itself, built from the run setup so `run`, `sweep` and `minimise` print the same thing.
import { isDeepStrictEqual } from 'node:util';
import { parseSetOption } from '../machines/rules.js';
import type { Violation } from '../sim/log/entry.js';
import type { RunResult, RunSetup } from './run.js';

/** One line of violations.jsonl. */
export interface ViolationLine extends Violation {
  readonly seed: string;
  /** A shell command that reproduces the run, hence this violation. */
  readonly replay: string;
}

/** Quotes a word for a POSIX shell when it holds anything but safe characters. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** `key=value` that `--set` parses back to exactly `value` (raw when it survives, JSON otherwise). */
export function setWord(key: string, value: unknown): string {
  if (typeof value === 'string') {
    const raw = parseSetOption(`${key}=${value}`);
    if (raw.ok && raw.value === value) return `${key}=${value}`;
  }
  return `${key}=${JSON.stringify(value)}`;
}

/**
 * The `marketsim` arguments that reproduce a run: the scenario, its seed, the profile when it is not the
 * scenario's own, and a `--set` for every override the scenario file does not already hold. Output flags
 * (`--out`, `--lang`, `--excel`) and `--stop-on-violation` are left out: they do not change what happens before
 * the first violation, and without the stop the replay shows every violation.
 */
export function replayArgs(setup: RunSetup, scenarioArg: string = setup.scenario.file): string[] {
  const words = ['run', scenarioArg, '--seed', setup.seed];
  if (setup.platform !== setup.scenario.platform) words.push('--profile', setup.platform);
  const inFile = setup.scenario.rules as Readonly<Record<string, unknown>>;
  for (const [key, value] of Object.entries(setup.overrides)) {
    if (!isDeepStrictEqual(value, inFile[key])) words.push('--set', setWord(key, value));
  }
  return words;
}

export function replayCommand(setup: RunSetup, scenarioArg?: string): string {
  return ['marketsim', ...replayArgs(setup, scenarioArg)].map(shellWord).join(' ');
}

export function violationLines(result: Pick<RunResult, 'setup' | 'violations'>, replay: string): ViolationLine[] {
  return result.violations.map((v) => ({
    seq: v.seq,
    at: v.at,
    check: v.check,
    rules: v.rules,
    entity: v.entity,
    message: v.message,
    seed: result.setup.seed,
    replay,
  }));
}

/** The file's text: empty (but present) for a clean run, so tools can tell "checked, clean" from "not run". */
export function violationsJsonl(result: Pick<RunResult, 'setup' | 'violations'>, replay: string = replayCommand(result.setup)): string {
  return violationLines(result, replay)
    .map((line) => `${JSON.stringify(line)}\n`)
    .join('');
}
