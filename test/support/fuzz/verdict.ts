// What every fuzz case must show, checked on the folder the case ran in: exit 0/1 with complete files, or exit 2
// (bad input) or 4 (environment) with exactly one line and nothing written; never a stack trace, a raw control
// character or a leftover.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FuzzCase } from './cases.js';

export interface Verdict {
  readonly id: string;
  readonly code: number;
  readonly err: readonly string[];
  /** Undefined when the case behaved; otherwise what was wrong. */
  readonly problem?: string;
  readonly seconds?: number;
}

const RUN_FILES = ['events.jsonl', 'summary.json', 'orders.csv', 'settlement.csv', 'settlement-summary.csv', 'summary.md', 'violations.jsonl'];
const SETTLE_FILES = ['settlement.csv', 'settlement-summary.csv', 'summary.md'];
/** Control characters other than the line break between lines: an error line must show them escaped. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f\u202e]/;
const TEMP_NAME = /\.tmp|\.old|\.partial/;

function incomplete(dir: string, names: readonly string[]): string | undefined {
  for (const name of names) {
    const file = join(dir, name);
    if (!existsSync(file) || !statSync(file).isFile()) return `${name} missing`;
  }
  if (names.includes('summary.json')) {
    try {
      JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    } catch {
      return 'summary.json does not parse';
    }
  }
  if (names.includes('events.jsonl')) {
    const log = readFileSync(join(dir, 'events.jsonl'), 'utf8');
    if (log.length > 0 && !log.endsWith('\n')) return 'events.jsonl ends mid-line';
  }
  return undefined;
}

/** Every leftover temp entry under `dir` (two levels: the case folder and the run folders in it). */
function leftovers(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    if (TEMP_NAME.test(name)) found.push(name);
    const sub = join(dir, name);
    if (statSync(sub).isDirectory()) for (const inner of readdirSync(sub)) if (TEMP_NAME.test(inner)) found.push(`${name}/${inner}`);
  }
  return found;
}

export function checkOutcome(c: FuzzCase, dir: string, before: ReadonlySet<string>, result: { code: number; err: readonly string[] }): string | undefined {
  const errText = result.err.join('\n');
  // 4 is an environment error (disk full, a folder where a file must go): one line too.
  if (![0, 1, 2, 4].includes(result.code)) return `exit ${result.code}: ${errText.slice(0, 500)}`;
  if (/\n\s+at .+[:(]/.test(errText) || /internal error/.test(errText)) return `stack trace: ${errText.slice(0, 500)}`;
  if (RAW_CONTROL.test(errText)) return `raw control character in: ${JSON.stringify(errText.slice(0, 300))}`;
  const left = leftovers(dir);
  if (left.length > 0) return `left behind: ${left.join(', ')}`;
  const command = c.argv[0];
  if (result.code === 2 || result.code === 4) {
    const lines = errText.split('\n');
    if (lines.length !== 1 || lines[0] === '') return `exit ${result.code} with ${lines.length} lines: ${JSON.stringify(errText.slice(0, 300))}`;
    const created = readdirSync(dir).filter((name) => !before.has(name));
    if (created.length > 0) return `exit ${result.code} but wrote ${created.join(', ')}`;
    return undefined;
  }
  if (command === 'run' && c.kind !== 'flags') return incomplete(join(dir, 'out'), RUN_FILES);
  if (command === 'settle' && c.kind === 'runFolder') return incomplete(join(dir, 'run'), SETTLE_FILES);
  return undefined;
}
