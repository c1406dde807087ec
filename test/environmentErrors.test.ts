// The system refusing a write is one line naming the output and the reason, exit 4, no stack trace, and the
// earlier run stays whole: a file-size limit (EFBIG), a full disk (ENOSPC, a 1 MiB tmpfs), a read-only file system
// (EROFS), a folder the user may not write (EACCES). A closed stdout ends quietly with exit 0.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkRunFolder, siblingsOf } from './support/runFolder.js';
import { marketsim, marketsimShellCommand, startMarketsim, tempDir } from './support/cli.js';

let root = '';
let oldRun = '';

beforeAll(() => {
  root = tempDir('marketsim-env-');
  oldRun = join(root, 'old');
  expect(marketsim(['run', 'market-tiny', '--out', oldRun]).code).toBe(0);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs a shell script; its stdout and the exit code. */
function sh(script: string, prefix: readonly string[] = []): { code: number | null; stdout: string; stderr: string } {
  const [program, ...args] = [...prefix, 'sh', '-c', script];
  const r = spawnSync(program!, args, { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** User and mount namespaces (unshare -rm): a private tmpfs without root and without leaving a mount behind. */
const namespaces = sh('true', ['unshare', '-rm']);
const canMount = namespaces.code === 0;

/** One line, the reason and code, no stack trace. */
function expectOneLine(stderr: string, code: string): void {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^marketsim: .*\\(${code}\\)$`));
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe.concurrent('environment errors: exit 4, one line, the old run intact', () => {
  test('EFBIG: a file-size limit (ulimit -f 1 MiB) hit while the log is written', () => {
    const target = join(root, 'efbig');
    cpSync(oldRun, target, { recursive: true });
    const old = checkRunFolder(target).id;
    const r = sh(`ulimit -f 2048; exec ${marketsimShellCommand(['run', 'market-tencent', '--out', target])} 2>&1 >/dev/null`);
    expect(r.code).toBe(4);
    expectOneLine(r.stdout, 'EFBIG');
    expect(r.stdout).toContain(`marketsim: ${target}: file too large`);
    expect(checkRunFolder(target).id).toBe(old);
    expect(siblingsOf(root, 'efbig')).toEqual([]);
  });

  test('EFBIG while the money facts are spilled (no log to hit the limit first): named for the output, exit 4', () => {
    const target = join(root, 'efbig-facts');
    cpSync(oldRun, target, { recursive: true });
    const old = checkRunFolder(target).id;
    const r = sh(`ulimit -f 200; exec ${marketsimShellCommand(['run', 'market-tencent', '--log', 'none', '--out', target])} 2>&1 >/dev/null`);
    expect(r.code).toBe(4);
    expectOneLine(r.stdout, 'EFBIG');
    expect(r.stdout).toContain(`marketsim: ${target}: file too large`);
    expect(checkRunFolder(target).id).toBe(old);
    expect(siblingsOf(root, 'efbig-facts')).toEqual([]);
  });

  test.skipIf(!canMount)('ENOSPC and EROFS: a full 2 MiB tmpfs, then the same tmpfs read-only (run and settle)', () => {
    const mount = join(root, 'mnt');
    mkdirSync(mount);
    const target = join(mount, 'run');
    const script = [
      `mount -t tmpfs -o size=2m tmpfs '${mount}'`,
      `cp -r '${oldRun}' '${target}'`,
      `${marketsimShellCommand(['run', 'market-tencent', '--out', target])} >/dev/null 2>"${mount}/../enospc.err"; echo "enospc $?"`,
      `ls -A '${mount}' | tr '\\n' ' '; echo`,
      `(cd '${target}' && sha256sum $(ls -A | sort))`,
      `mount -o remount,ro '${mount}'`,
      `${marketsimShellCommand(['run', 'market-tiny', '--out', target])} >/dev/null 2>"${mount}/../erofs.err"; echo "erofs $?"`,
      `${marketsimShellCommand(['settle', target, '--lang', 'zh'])} >/dev/null 2>"${mount}/../erofs-settle.err"; echo "settle $?"`,
    ].join('\n');
    const r = sh(script, ['unshare', '-rm']);
    expect(r.stderr).toBe('');
    const [enospc, listing, ...rest] = r.stdout.trim().split('\n');
    expect(enospc).toBe('enospc 4');
    expect(listing!.trim()).toBe('run');
    const digests = sh(`cd '${oldRun}' && sha256sum $(ls -A | sort)`).stdout.trim().split('\n');
    expect(rest.slice(0, digests.length)).toEqual(digests);
    expect(rest.slice(digests.length)).toEqual(['erofs 4', 'settle 4']);
    const read = (name: string): string => sh(`cat '${join(root, name)}'`).stdout;
    expectOneLine(read('enospc.err'), 'ENOSPC');
    expect(read('enospc.err')).toBe(`marketsim: ${target}: no space left on the device (ENOSPC)\n`);
    expectOneLine(read('erofs.err'), 'EROFS');
    expectOneLine(read('erofs-settle.err'), 'EROFS');
  });

  const root0 = process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0;
  test.skipIf(!root0)('EACCES: a folder the user may not write (run as nobody under a read-only parent)', () => {
    const locked = join(root, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    chmodSync(root, 0o755);
    const r = sh(`${marketsimShellCommand(['run', 'market-tiny', '--out', join(locked, 'run')])} 2>&1 >/dev/null`, ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups']);
    expect(r.code).toBe(4);
    expectOneLine(r.stdout, 'EACCES');
    expect(r.stdout).toContain(`${join(locked, 'run')}: permission denied`);
  });
});

describe.concurrent('a closed stdout (a reader that stopped early) ends quietly with exit 0', () => {
  test.each([
    ['--help', () => ['--help']],
    ['diff of two runs', () => ['diff', oldRun, oldRun, '--out', join(root, 'diff.csv')]],
  ])('%s', async (_, args) => {
    const child = startMarketsim(args());
    child.stdout!.destroy();
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
