// Tamper evidence for a run folder: summary.json records the sha256 of every other file the run wrote, and of
// itself (computed with that one field empty), so an edit to any of them shows. A digest is not a signature:
// it catches a changed, truncated or swapped file, not someone who recomputes the digests on purpose.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { RunSummary } from './summary.js';

export interface Integrity {
  readonly algorithm: 'sha256';
  /** File name → sha256 (hex) of its bytes, for every file of the run but summary.json and the marker. */
  readonly files: Readonly<Record<string, string>>;
  /** sha256 of summary.json as written with this field empty. */
  readonly summary: string;
}

export type SealedSummary = RunSummary & { readonly integrity: Integrity };

function summaryJson(summary: object): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** summary.json's text with the digests of the other files (name → hex) and of itself. */
export function sealedSummaryText(summary: RunSummary, digests: ReadonlyMap<string, string>): string {
  const files = Object.fromEntries([...digests].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const unsealed = { ...summary, integrity: { algorithm: 'sha256', files, summary: '' } };
  return summaryJson({ ...unsealed, integrity: { ...unsealed.integrity, summary: sha256(summaryJson(unsealed)) } });
}

/** The digests summary.json records, or why they cannot be trusted (missing, malformed, or summary.json edited). */
export function readSeal(summaryText: string): { ok: true; value: Integrity } | { ok: false; error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(summaryText);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  const integrity = (parsed as { integrity?: unknown } | null)?.integrity as Partial<Integrity> | undefined;
  if (typeof integrity !== 'object' || integrity === null || integrity.algorithm !== 'sha256' || typeof integrity.summary !== 'string') {
    return { ok: false, error: 'records no digests (not written by this marketsim, or edited)' };
  }
  const files = integrity.files;
  if (typeof files !== 'object' || files === null || Object.values(files).some((hex) => typeof hex !== 'string' || !/^[0-9a-f]{64}$/.test(hex))) {
    return { ok: false, error: 'integrity.files is malformed' };
  }
  const unsealed = { ...(parsed as object), integrity: { ...integrity, summary: '' } };
  if (sha256(summaryJson(unsealed)) !== integrity.summary) return { ok: false, error: 'was modified after the run wrote it (its digest does not match)' };
  return { ok: true, value: integrity as Integrity };
}

/** sha256 (hex) of a file, read in chunks (a run's log can be larger than any string). */
export function fileDigest(file: string): string {
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

/** Checks `names` of run folder `dir` against the seal: undefined when they match, else the first file that does not. */
export function modifiedFile(dir: string, seal: Integrity, names: readonly string[]): { file: string; reason: string } | undefined {
  for (const name of names) {
    const expected = seal.files[name];
    if (expected === undefined) return { file: join(dir, name), reason: 'has no digest in summary.json' };
    let actual: string;
    try {
      actual = fileDigest(join(dir, name));
    } catch (error) {
      return { file: join(dir, name), reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
    }
    if (actual !== expected) return { file: join(dir, name), reason: 'was modified after the run wrote it (its sha256 does not match summary.json)' };
  }
  return undefined;
}
