// What an output path may be. marketsim replaces only what it wrote itself: a folder carrying its marker (or an
// empty folder, or nothing); a file only when it reads as the kind of file marketsim writes there. Anything else
// (a user's file or folder, a device, a link, the root, a home folder, /proc) is refused before any work.
import { closeSync, lstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';
import { hasMarker } from './marker.js';

export type Checked = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly error: string };

/** Kernel-backed trees where a write is never a file on disk (writes there fail oddly, or hang). */
const VIRTUAL_ROOTS = ['/proc', '/sys'];

/** `path` as an output folder: its absolute form, or why not. */
export function checkFolderTarget(path: string): Checked {
  const where = placeProblem(path);
  if (where) return { ok: false, error: where };
  const abs = resolve(path);
  const stat = lstatOrUndefined(abs);
  if (typeof stat === 'string') return { ok: false, error: stat };
  if (stat === undefined) return { ok: true, value: abs };
  const kind = notFolderKind(stat);
  if (kind) return { ok: false, error: `${kind}; marketsim replaces only folders it wrote` };
  if (abs === homedir()) return { ok: false, error: 'is your home folder; give a folder for this run' };
  if (hasMarker(abs) || readdirSync(abs).length === 0 || isMarkerlessRun(abs)) return { ok: true, value: abs };
  return { ok: false, error: 'is a folder marketsim did not write (it has files and no .marketsim-output marker); choose a new or empty folder' };
}

/**
 * `path` as an output file: its absolute form, or why not. An existing file is replaced only when `isOurs`
 * recognises its first bytes as a file of the kind marketsim writes there.
 */
export function checkFileTarget(path: string, isOurs: (head: string) => boolean, what: string): Checked {
  const where = placeProblem(path);
  if (where) return { ok: false, error: where };
  const abs = resolve(path);
  const stat = lstatOrUndefined(abs);
  if (typeof stat === 'string') return { ok: false, error: stat };
  if (stat === undefined) return { ok: true, value: abs };
  if (!stat.isFile()) return { ok: false, error: `${notFolderKind(stat) ?? 'is a folder'}; marketsim writes ${what} only as a new file or over one it wrote` };
  if (isOurs(headOf(abs))) return { ok: true, value: abs };
  return { ok: false, error: `is a file marketsim did not write (it does not read as ${what}); choose a new file name` };
}

/**
 * The files a run folder holds: a marketsim from before the marker wrote the first eight and nothing else; the
 * reports for people (report.html, the workbooks, diff.html) came with the marker, and are listed so a folder of
 * this version that lost its marker still reads as a run. names.json is no longer written (summary.json's `names`
 * holds the same), but versions that wrote it left it in their folders, which must still read as runs.
 */
const RUN_FILE_NAMES: ReadonlySet<string> = new Set([
  'events.jsonl', 'summary.json', 'violations.jsonl', 'orders.csv', 'settlement.csv', 'settlement-summary.csv', 'summary.md', 'diff.csv',
  'report.html', 'names.json', 'settlement.xlsx', 'diff.html', 'diff.xlsx',
]);

/**
 * A run folder written before the marker existed (an `out/<scenario>` of an earlier version): nothing but run
 * files, summary.json among them naming a scenario and a seed. A user's folder never looks like this by chance.
 */
function isMarkerlessRun(dir: string): boolean {
  const names = readdirSync(dir);
  if (!names.includes('summary.json') || !names.every((name) => RUN_FILE_NAMES.has(name) && lstatSync(join(dir, name)).isFile())) return false;
  try {
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Record<string, unknown>;
    return typeof summary.scenario === 'string' && typeof summary.seed === 'string' && typeof summary.counts === 'object';
  } catch {
    return false;
  }
}

function placeProblem(path: string): string | undefined {
  if (path === '') return 'an empty path';
  // A shell expands ~ before marketsim sees it; a literal ~ would make a folder named "~" (and an `rm -r ~` later).
  if (path.startsWith('~')) return 'starts with ~, which no shell expanded here; give the full path';
  const abs = resolve(path);
  if (abs === parse(abs).root) return 'is the root of the file system';
  const real = realAncestor(abs);
  if (VIRTUAL_ROOTS.some((root) => real === root || real.startsWith(`${root}/`))) return `is under ${real.split('/').slice(0, 2).join('/')}, which holds no files`;
  return undefined;
}

/** The real path of `abs`'s deepest existing ancestor (itself if it exists), links resolved. */
function realAncestor(abs: string): string {
  for (let at = abs; ; at = dirname(at)) {
    try {
      return realpathSync(at);
    } catch {
      if (dirname(at) === at) return at;
    }
  }
}

function notFolderKind(stat: Stats): string | undefined {
  if (stat.isDirectory()) return undefined;
  if (stat.isSymbolicLink()) return 'is a symbolic link';
  if (stat.isFile()) return 'is a file';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'is a device';
  return 'is not a regular file or folder';
}

/** Why a path cannot be created at all: the path itself is bad input, not the system refusing. */
const IMPOSSIBLE_PATHS: Readonly<Record<string, string>> = {
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENAMETOOLONG: 'a name in the path is too long for the file system',
  ELOOP: 'too many symbolic links in the path',
};

/** The path's own entry (links not followed), undefined when nothing is there, or why the path is impossible. */
function lstatOrUndefined(path: string): Stats | undefined | string {
  try {
    return lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'ENOENT') return undefined;
    const impossible = IMPOSSIBLE_PATHS[code];
    if (impossible) return impossible;
    throw error;
  }
}

/** The first bytes of a file, enough to recognise it. */
function headOf(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
