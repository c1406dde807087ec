// Bad input the parser used to let through or crash on: YAML alias bombs and undefined aliases, keys given twice
// (YAML and JSON), `--set __proto__=…`, an empty `--seed`, and terminal escapes echoed from the input.
// Each is exit 2, one line naming what and why, nothing written.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runMain, tempFolders } from './support/inProcess.js';

const temp = tempFolders();
afterAll(temp.cleanup);

const HEAD = 'name: tiny\nstart: 2024-01-01\nend: 2024-02-01\n';

async function badRun(fileName: string, text: string, extra: readonly string[] = []): Promise<string> {
  const dir = temp.make();
  const file = join(dir, fileName);
  writeFileSync(file, text);
  const out = join(dir, 'out');
  const r = await runMain(['run', file, '--out', out, ...extra]);
  expect(r.code).toBe(2);
  expect(r.err).toHaveLength(1);
  expect(r.err[0]!.split('\n')).toHaveLength(1);
  expect(r.err[0]).not.toMatch(/\n\s+at /);
  expect(existsSync(out)).toBe(false);
  expect(readdirSync(dir)).toEqual([fileName]);
  return r.err[0]!;
}

describe('YAML aliases', () => {
  test('an alias bomb (billion laughs) is refused before it expands', async () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    expect(await badRun('bomb.yaml', `${HEAD}${levels.join('\n')}\n`)).toMatch(/bad YAML: .*alias/i);
  });

  test('an alias to an anchor that was never set', async () => {
    expect(await badRun('undefined.yaml', `${HEAD}description: *nowhere\n`)).toMatch(/bad YAML: .*alias.*nowhere/i);
  });
});

describe('keys given twice name the key', () => {
  test('in YAML', async () => {
    const line = await badRun('twice.yaml', `${HEAD}rules:\n  billingHourMs: 1h\n  "billingHourMs": 2h\n`);
    expect(line).toMatch(/line 6, column 3: .*unique.*"billingHourMs"/);
  });

  test('in JSON, with the path to the object', async () => {
    const json = '{"name":"tiny","start":"2024-01-01","end":"2024-02-01","merchants":[{"id":"m1"},{"id":"m2","id":"m3"}]}';
    expect(await badRun('twice.json', json)).toMatch(/twice\.json: merchants\[1\]\.id: duplicate key/);
  });

  test('a JSON file without repeats still loads (escaped quotes in keys and values are read as strings)', async () => {
    const dir = temp.make();
    const file = join(dir, 'ok.json');
    writeFileSync(file, '{"name":"tiny","description":"say \\"name\\": twice","start":"2024-01-01","end":"2024-02-01","merchants":[{"id":"m1"},{"id":"m2"}]}');
    expect((await runMain(['run', file, '--out', join(dir, 'out')])).code).toBe(0);
  });
});

describe('flags', () => {
  test.each(['__proto__', 'constructor', 'prototype'])('--set %s=… is an unknown rules parameter like any other', async (key) => {
    expect(await badRun('ok.yaml', HEAD, ['--set', `${key}={"billingHourMs":0}`])).toBe(`marketsim: --set: ${key}: unknown rules parameter`);
  });

  test("--seed '' is refused as the file's seed: \"\" is", async () => {
    expect(await badRun('ok.yaml', HEAD, ['--seed', ''])).toMatch(/^marketsim: --seed: .*empty/);
    expect(await badRun('empty-seed.yaml', `${HEAD}seed: ""\n`)).toMatch(/seed/);
  });
});

describe('control characters from the input are shown escaped, never sent to the terminal', () => {
  test('an escape sequence and a carriage return in an unknown key', async () => {
    const line = await badRun('escape.yaml', `${HEAD}"\\e[2J\\rboom": 1\n`);
    expect(line).toContain('\\u001b[2J\\u000dboom: unknown field');
    expect(line).not.toMatch(/[\u0000-\u001f\u007f]/);
  });

  test('in an option value and a file name', async () => {
    const line = await badRun('ok.yaml', HEAD, ['--profile', 'x\u001b]0;title\u0007\u202e']);
    expect(line).toContain('x\\u001b]0;title\\u0007\\u202e');
    const missing = await runMain(['run', '/nowhere/\u001b[31mred.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.err.join('\n')).toContain('\\u001b[31mred.yaml');
  });
});
