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

/**
 * A command as `replayCommand` printed it, back into its words (shellWord's quoting undone: bare words, and
 * '…' with '\'' for a quote inside); undefined when it is not such a command.
 */
export function replayWords(command: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (c === ' ') {
      if (word === undefined) return undefined;
      words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) return undefined;
      word = (word ?? '') + command.slice(i + 1, end);
      i = end;
    } else if (c === '\\') {
      if (i + 1 >= command.length) return undefined;
      word = (word ?? '') + command[++i]!;
    } else word = (word ?? '') + c;
  }
  if (word === undefined) return undefined;
  words.push(word);
  return words;
}

/**
 * The replay command of a run re-priced by `settle --set` (runs/repricing.ts): the command `replayArgs` gives for
 * the same run with `sets` merged into its overrides, built from the printed command and the overrides the run had
 * (`before`) — the scenario file's own rules are not in a run folder. A key the command has no `--set` for while
 * `before` holds it is the file's own value, so it is left out again when re-priced back to it. A key the command
 * already sets keeps a `--set` with the new value, even if that value happens to be the file's own (which `run`
 * would have left out): the command then replays the same run, in other words. Undefined when the command is not
 * one `replayCommand` printed.
 */
export function repricedReplay(command: string, before: Readonly<Record<string, unknown>>, sets: Readonly<Record<string, unknown>>): string | undefined {
  const words = replayWords(command);
  if (!words || words[0] !== 'marketsim' || words[1] !== 'run') return undefined;
  const first = words.indexOf('--set');
  const head = first < 0 ? words : words.slice(0, first);
  const setWords = new Map<string, string>();
  for (let i = head.length; i < words.length; i += 2) {
    const parsed = words[i] === '--set' && words[i + 1] !== undefined ? parseSetOption(words[i + 1]!) : undefined;
    if (!parsed?.ok) return undefined;
    setWords.set(parsed.key, words[i + 1]!);
  }
  for (const [key, value] of Object.entries(sets)) {
    const fromFile = Object.hasOwn(before, key) && !setWords.has(key);
    if (fromFile && isDeepStrictEqual(value, before[key])) setWords.delete(key);
    else setWords.set(key, setWord(key, value));
  }
  // replayArgs writes the --set words in the order of the run's overrides: `run` merges --set over the scenario's
  // rules, a key already there keeping its place and a new one going last, as repricedSummaryText does.
  const order = Object.keys({ ...before, ...sets });
  const ordered = order.filter((key) => setWords.has(key)).flatMap((key) => ['--set', setWords.get(key)!]);
  return [...head, ...ordered].map(shellWord).join(' ');
}

/**
 * violations.jsonl of a run re-priced by `settle --set`: the same violations (no check reads a pricing parameter),
 * each with the replay command of the re-priced run; or the line that cannot be re-priced and why.
 */
export function repricedViolationsJsonl(
  text: string,
  before: Readonly<Record<string, unknown>>,
  sets: Readonly<Record<string, unknown>>,
): { ok: true; value: string } | { ok: false; error: string } {
  const out: string[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      return { ok: false, error: `line ${i + 1}: bad JSON: ${(error as Error).message}` };
    }
    const replay = typeof value === 'object' && value !== null ? (value as { replay?: unknown }).replay : undefined;
    const repriced = typeof replay === 'string' ? repricedReplay(replay, before, sets) : undefined;
    if (repriced === undefined) return { ok: false, error: `line ${i + 1}: replay: not a \`marketsim run\` command marketsim wrote` };
    // JSON.stringify of what it parsed gives the line back key for key; only the replay changes, in its place.
    out.push(`${JSON.stringify({ ...(value as object), replay: repriced })}\n`);
  }
  return { ok: true, value: out.join('') };
}
