// Cases the fuzz suite found, kept as they were found: each once broke "bad input is exit 2 with exactly one line".
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runMain, tempFolders } from './support/inProcess.js';

const temp = tempFolders();
afterAll(temp.cleanup);

let savedRun = '';
beforeAll(async () => {
  savedRun = join(temp.make(), 'run');
  expect((await runMain(['run', 'refunds-five-day-tencent', '--out', savedRun])).code).toBe(0);
});

function oneLine(r: { code: number; err: readonly string[] }): string {
  expect(r.code).toBe(2);
  expect(r.err).toHaveLength(1);
  expect(r.err[0]!.split('\n')).toHaveLength(1);
  return r.err[0]!;
}

describe('fuzz findings', () => {
  test('an unknown option with a "Did you mean" hint (explore1#14: run --seeds)', async () => {
    expect(oneLine(await runMain(['run', 'usage-disk-swap', '--seeds', '1..2']))).toBe("error: unknown option '--seeds' (Did you mean --seed?)");
  });

  test('a bare `marketsim` outside a terminal (explore1#285): the usage on stdout, one error line', async () => {
    const r = await runMain([]);
    expect(oneLine(r)).toBe('marketsim: no command given (the usage is above)');
    expect(r.out.join('\n')).toMatch(/^Usage: marketsim/);
  });

  test('settle on a run whose summary.json is garbage with a line break (explore1#104): the quoted text stays on one line', async () => {
    const dir = join(temp.make(), 'run');
    cpSync(savedRun, dir, { recursive: true });
    writeFileSync(join(dir, 'summary.json'), '\u0000\u0001garbage\n[1,2,3]\nnull\n');
    const line = oneLine(await runMain(['settle', dir]));
    expect(line).toContain('summary.json');
    expect(line).not.toMatch(/[\u0000-\u001f]/);
  });

  test('a scenario cut down to its header (long#16035: no event at all) still writes events.jsonl, and settle reads it', async () => {
    const dir = temp.make();
    const file = join(dir, 'header.yaml');
    writeFileSync(file, 'name: header-only\nprofile: tencent\nstart: 2024-01-01T00:00:00+08:00\nend: 2024-02-28T00:00:00+08:00\n');
    const out = join(dir, 'out');
    expect((await runMain(['run', file, '--out', out])).code).toBe(0);
    expect(readFileSync(join(out, 'events.jsonl'), 'utf8')).toBe('');
    expect((await runMain(['settle', out])).code).toBe(0);
  });

  test('settle on a run where settlement.csv is a folder (npm-test#29: exit 3, EISDIR) refuses in one line', async () => {
    const dir = join(temp.make(), 'run');
    cpSync(savedRun, dir, { recursive: true });
    rmSync(join(dir, 'settlement.csv'));
    mkdirSync(join(dir, 'settlement.csv'));
    expect(oneLine(await runMain(['settle', dir]))).toMatch(/settlement\.csv: is a folder/);
  });

  test('an output name longer than the file system allows (long#9028: exit 3, ENAMETOOLONG) is one line, not a stack trace', async () => {
    const r = await runMain(['tests', '--machine', 'supervision', '--out', join(temp.make(), 'n'.repeat(300))]);
    expect([2, 4]).toContain(r.code);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/too long/);
  });
});
