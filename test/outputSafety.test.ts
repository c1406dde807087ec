// Every writer replaces only what marketsim wrote: a user's file, a folder without marketsim's marker, a device,
// `~`, `/` and a path under /proc are refused with one line and exit 2, and nothing is touched. A crash's
// leftovers are put back or cleaned by the next start; a stop signal removes the folder being written.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../cli/main.js';
import { exportRun } from '../cli/tui/exportRun.js';
import { runFiles } from '../runs/files.js';
import { simulate } from '../runs/run.js';
import { buildSummary } from '../runs/summary.js';
import { checkRunFolder, siblingsOf } from './support/runFolder.js';
import { REPO, startMarketsim, tempDir, type CliResult } from './support/cli.js';
import { setupOf } from './support/scenarioSetup.js';

let root = '';
/** A complete run of market-tiny, copied wherever a test needs a folder marketsim wrote. */
let tinyRun = '';

beforeAll(async () => {
  root = tempDir('marketsim-out-');
  tinyRun = join(root, 'tiny');
  expect((await cli(['run', 'market-tiny', '--out', tinyRun])).code).toBe(0);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The CLI in-process (the same `main` the binary calls), in `cwd`. */
async function cli(args: readonly string[], cwd = REPO): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    process.chdir(before);
  }
}

/** What a path is, byte for byte (files) or entry by entry (folders), to show it was not touched. */
function snapshot(path: string): string {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (!stat) return 'missing';
  if (stat.isCharacterDevice()) return `device ${stat.rdev}`;
  if (stat.isFile()) return `file ${readFileSync(path, 'utf8')}`;
  return `folder ${readdirSync(path).sort().map((name) => `${name}=${snapshot(join(path, name))}`).join(';')}`;
}

/** A fresh folder holding a user's file `notes.txt` and a user's folder `mydocs/` with a file in it. */
function userSpace(): string {
  const dir = tempDir('marketsim-user-');
  writeFileSync(join(dir, 'notes.txt'), 'my notes\n');
  mkdirSync(join(dir, 'mydocs'));
  writeFileSync(join(dir, 'mydocs', 'thesis.md'), 'chapter 1\n');
  return dir;
}

/** A writer, its arguments for an output target, and whether the target is the second folder `run --compare` writes. */
type Writer = readonly [name: string, args: (target: string) => string[], compareFolder: boolean];
const WRITERS: readonly Writer[] = [
  ['run --out', (t) => ['run', 'market-tiny', '--out', t], false],
  // The second folder is <out>-compare: the user's file or folder sits there, <out> itself is free.
  ['run --compare (its second folder)', (t) => ['run', 'market-tiny', '--out', t.slice(0, -'-compare'.length), '--compare', 'tencent'], true],
  ['sweep --out', (t) => ['sweep', 'market-tiny', '--seeds', '1', '--workers', '1', '--out', t], false],
  ['tests --out', (t) => ['tests', '--machine', 'product', '--out', t], false],
  // A run that fails (a delisting under the wrong profile), so there is something to minimise and write.
  ['minimise --out', (t) => ['minimise', 'delisting-tencent', '--profile', 'koogallery', '--out', t], false],
  ['diff --out', (t) => ['diff', tinyRun, tinyRun, '--out', t], false],
];

describe('every writer refuses what marketsim did not write: exit 2, one line, nothing touched', () => {
  test.each(WRITERS)('%s', async (_, args, compareFolder) => {
    const space = userSpace();
    try {
      const targets = compareFolder
        ? ['report', 'papers'].map((name) => join(space, `${name}-compare`))
        : [join(space, 'notes.txt'), join(space, 'mydocs'), '/dev/null', '~', '/', '/proc/self/x/y', join(space, 'notes.txt', 'x'), join(space, 'n'.repeat(300))];
      if (compareFolder) {
        writeFileSync(join(space, 'report-compare'), 'my report\n');
        cpSync(join(space, 'mydocs'), join(space, 'papers-compare'), { recursive: true });
      }
      for (const target of targets) {
        const before = snapshot(space);
        const device = snapshot('/dev/null');
        const r = await cli(args(target), space);
        expect(r.code, `${target}: ${r.stderr}`).toBe(2);
        expect(r.stderr.split('\n'), target).toHaveLength(1);
        expect(r.stderr).toMatch(/^marketsim( tests)?: .*(is a file|did not write|is a device|~|root of the file system|under \/proc|is a folder|a part of the path is a file|too long)/);
        expect(r.stderr).toContain(target);
        expect(snapshot(space), target).toBe(before);
        expect(snapshot('/dev/null')).toBe(device);
      }
    } finally {
      rmSync(space, { recursive: true, force: true });
    }
  });

  test('TUI export refuses a user folder too, and writes over its own export', () => {
    const space = userSpace();
    try {
      const setup = setupOf('market-tiny', {});
      const result = simulate(setup);
      const log = join(space, 'spool.jsonl');
      writeFileSync(log, runFiles(result).get('events.jsonl')!);
      const options = { lang: 'en', excel: false } as const;
      const refused = exportRun(join(space, 'mydocs'), result, buildSummary(result), log, 'market-tiny', options);
      expect(refused).toEqual({ ok: false, error: expect.stringMatching(/mydocs: is a folder marketsim did not write/) });
      expect(readdirSync(join(space, 'mydocs'))).toEqual(['thesis.md']);
      const target = join(space, 'export');
      for (let i = 0; i < 2; i++) expect(exportRun(target, result, buildSummary(result), log, 'market-tiny', options).ok).toBe(true);
      expect(checkRunFolder(target).files).toContain('events.jsonl');
      expect(siblingsOf(space, 'export')).toEqual([]);
    } finally {
      rmSync(space, { recursive: true, force: true });
    }
  });
});

describe('marketsim replaces its own folders and an empty one', () => {
  test('a run over an earlier run, over an empty folder, and a sweep over its own sweep leave complete folders and no siblings', async () => {
    const space = tempDir('marketsim-own-');
    try {
      const target = join(space, 'run');
      cpSync(tinyRun, target, { recursive: true });
      const old = checkRunFolder(target);
      expect((await cli(['run', 'market-tiny', '--seed', '9', '--out', target])).code).toBe(0);
      const replaced = checkRunFolder(target);
      expect(replaced.seed).toBe('9');
      expect(replaced.id).not.toBe(old.id);
      // A run folder of an earlier version (no marker, no digests) is recognised by its files and replaced too.
      const legacy = join(space, 'legacy');
      cpSync(tinyRun, legacy, { recursive: true });
      rmSync(join(legacy, '.marketsim-output'));
      expect((await cli(['run', 'market-tiny', '--out', legacy])).code).toBe(0);
      checkRunFolder(legacy);
      mkdirSync(join(space, 'empty'));
      expect((await cli(['run', 'market-tiny', '--out', join(space, 'empty')])).code).toBe(0);
      checkRunFolder(join(space, 'empty'));
      for (let i = 0; i < 2; i++) expect((await cli(['sweep', 'market-tiny', '--seeds', '1', '--workers', '1', '--out', join(space, 'sw')])).code).toBe(0);
      expect(readdirSync(join(space, 'sw')).sort()).toEqual(['.marketsim-output', 'report.html', 'sweep-distribution.csv', 'sweep-outcomes.jsonl', 'sweep-seeds.csv', 'sweep.json']);
      expect(readdirSync(space).sort()).toEqual(['empty', 'legacy', 'run', 'sw']);
    } finally {
      rmSync(space, { recursive: true, force: true });
    }
  });
});

/** The pid of a process that has exited (a leftover of a crash carries one). */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '']).pid;
  expect(pid).toBeGreaterThan(0);
  return pid!;
}

describe('a crash’s leftovers are recovered or cleaned by the next start, and only those carrying the marker', () => {
  test('the path missing after a crash between the two renames: the complete new folder is put back (settle finds it); else the old one', async () => {
    const space = tempDir('marketsim-crash-');
    try {
      const dead = deadPid();
      cpSync(tinyRun, join(space, `.a.new-${dead}`), { recursive: true });
      cpSync(tinyRun, join(space, `.a.old-${dead}`), { recursive: true });
      expect((await cli(['settle', join(space, 'a')])).code).toBe(0);
      expect(checkRunFolder(join(space, 'a')).id).toBe(checkRunFolder(tinyRun).id);
      expect(siblingsOf(space, 'a')).toEqual([]);

      cpSync(tinyRun, join(space, `.b.old-${dead}`), { recursive: true });
      expect((await cli(['diff', join(space, 'b'), tinyRun, '--out', join(space, 'b.csv')])).code).toBe(0);
      checkRunFolder(join(space, 'b'));
      expect(siblingsOf(space, 'b')).toEqual([]);
    } finally {
      rmSync(space, { recursive: true, force: true });
    }
  });

  test('a dead run’s temporary folders and lock are removed; a foreign folder with a look-alike name and a live process’s folder stay', async () => {
    const space = tempDir('marketsim-stale-');
    try {
      const dead = deadPid();
      const target = join(space, 'x');
      cpSync(tinyRun, target, { recursive: true });
      cpSync(tinyRun, join(space, `.x.tmp-${dead}`), { recursive: true });
      rmSync(join(space, `.x.tmp-${dead}`, 'summary.json'));
      mkdirSync(join(space, `.x.old-${dead}`));
      writeFileSync(join(space, `.x.old-${dead}`, 'mine.txt'), 'not marketsim\n');
      mkdirSync(join(space, `.x.new-${dead}`));
      cpSync(tinyRun, join(space, `.x.tmp-${process.pid}`), { recursive: true });
      writeFileSync(join(space, '.x.lock'), `${dead}\n`);
      expect((await cli(['run', 'market-tiny', '--seed', '4', '--out', target])).code).toBe(0);
      expect(checkRunFolder(target).seed).toBe('4');
      // In-process, this test's own pid is live but its folder is not being written: a live pid of another process
      // is what protects a folder, so the spawned binary must leave this one alone.
      expect(siblingsOf(space, 'x')).toEqual([`.x.old-${dead}`]);
      cpSync(tinyRun, join(space, `.x.tmp-${process.pid}`), { recursive: true });
      const live = startMarketsim(['run', 'market-tiny', '--seed', '5', '--out', target]);
      const code = await new Promise<number | null>((done) => live.on('exit', done));
      expect(code).toBe(0);
      expect(siblingsOf(space, 'x')).toEqual([`.x.old-${dead}`, `.x.tmp-${process.pid}`]);
      expect(readFileSync(join(space, `.x.old-${dead}`, 'mine.txt'), 'utf8')).toBe('not marketsim\n');
    } finally {
      rmSync(space, { recursive: true, force: true });
    }
  });
});

test('a file writer removes the temporary files a killed writer of the same file left, and nothing else', async () => {
  const space = tempDir('marketsim-stale-file-');
  try {
    const dead = deadPid();
    writeFileSync(join(space, `.d.csv.tmp-${dead}`), 'half a diff');
    mkdirSync(join(space, `.d.csv.tmp-${dead + 1}`));
    writeFileSync(join(space, '.other.csv.tmp-1'), 'not this file');
    expect((await cli(['diff', tinyRun, tinyRun, '--out', join(space, 'd.csv')])).code).toBe(0);
    // diff writes diff.html beside diff.csv (d.html here).
    expect(readdirSync(space).sort()).toEqual([`.d.csv.tmp-${dead + 1}`, '.other.csv.tmp-1', 'd.csv', 'd.html']);
  } finally {
    rmSync(space, { recursive: true, force: true });
  }
});

describe('a stop signal removes the folder being written and exits 128 + its number; the old run stays', () => {
  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s → exit %d', { concurrent: true }, async (signal, expected) => {
    const space = tempDir('marketsim-signal-');
    try {
      const target = join(space, 'run');
      cpSync(tinyRun, target, { recursive: true });
      const old = checkRunFolder(target).id;
      const child = startMarketsim(['run', 'market-tencent', '--out', target]);
      const exited = new Promise<number | null>((done) => child.on('exit', done));
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      const temp = join(space, `.run.tmp-${child.pid}`, 'events.jsonl');
      // Signalled once the log is being written (the run is under way), or whenever the run has ended.
      for (let i = 0; i < 2000 && child.exitCode === null && !(existsSync(temp) && statSync(temp).size > 0); i++) await new Promise((r) => setTimeout(r, 10));
      if (child.exitCode !== null) throw new Error(`the run ended before it could be signalled: ${stderr}`);
      child.kill(signal);
      expect(await exited).toBe(expected);
      expect(stderr).toBe('');
      expect(siblingsOf(space, 'run')).toEqual([]);
      expect(checkRunFolder(target).id).toBe(old);
    } finally {
      rmSync(space, { recursive: true, force: true });
    }
  });
});
