// Checks a run folder as a user could by hand (docs/output-safety.md): every file summary.json lists has the
// sha256 it records, summary.json's own digest holds, and the folder holds nothing else but the marker.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';

export interface CheckedRun {
  /** Which run this is: summary.json's own digest. */
  readonly id: string;
  readonly seed: string;
  readonly files: readonly string[];
}

const sha256 = (bytes: string | Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The run in `dir` if it is complete and unmodified, else an error naming what is wrong. */
export function checkRunFolder(dir: string): CheckedRun {
  const text = readFileSync(join(dir, 'summary.json'), 'utf8');
  const summary = JSON.parse(text) as { seed: string; integrity: { algorithm: string; files: Record<string, string>; summary: string } };
  const { integrity } = summary;
  if (integrity.algorithm !== 'sha256') throw new Error(`${dir}: algorithm ${integrity.algorithm}`);
  const unsealed = `${JSON.stringify({ ...summary, integrity: { ...integrity, summary: '' } }, null, 2)}\n`;
  if (sha256(unsealed) !== integrity.summary) throw new Error(`${dir}: summary.json digest does not match`);
  for (const [name, hex] of Object.entries(integrity.files)) {
    if (sha256(readFileSync(join(dir, name))) !== hex) throw new Error(`${dir}: ${name} digest does not match`);
  }
  const expected = [...Object.keys(integrity.files), 'summary.json', '.marketsim-output'].sort();
  const files = readdirSync(dir).sort();
  if (JSON.stringify(files) !== JSON.stringify(expected)) throw new Error(`${dir}: holds ${files.join(', ')}; expected ${expected.join(', ')}`);
  return { id: integrity.summary, seed: summary.seed, files };
}

/** The names beside `dir` in its parent that belong to it (`.NAME.*` leftovers). */
export function siblingsOf(parent: string, name: string): string[] {
  return readdirSync(parent).filter((entry) => entry.startsWith(`.${name}.`)).sort();
}

/**
 * summary.json's text for a hand-made run folder, sealed as docs/output-safety.md describes (sha256 of each other
 * file; summary.json's own with `integrity.summary` empty), written from that description, not from marketsim's code.
 */
export function sealedSummaryFor(summary: object, dir: string, names: readonly string[]): string {
  const files = Object.fromEntries([...names].sort().map((name) => [name, sha256File(join(dir, name))]));
  const unsealed = { ...summary, integrity: { algorithm: 'sha256', files, summary: '' } };
  const own = sha256(`${JSON.stringify(unsealed, null, 2)}\n`);
  return `${JSON.stringify({ ...unsealed, integrity: { ...unsealed.integrity, summary: own } }, null, 2)}\n`;
}

function sha256File(file: string): string {
  const hash = createHash('sha256');
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
