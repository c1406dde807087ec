// A folder marketsim wrote is removed with its marker last (runs/output/marker.ts), so a process killed part-way
// through leaves a remainder that still proves it is marketsim's and is cleared by the next write. The kill test
// (killSafety.test.ts) found the other order: a SIGKILL during a plain recursive removal left an unmarked
// `.target.old-PID` that had to stay for ever.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { MARKER_NAME, MARKER_TEXT, removeMarkedFolder } from '../runs/output/marker.js';

const root = mkdtempSync(join(tmpdir(), 'marketsim-marked-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

test('the marker is the last entry removed (inotify sees every other removal first), and the folder is gone', async () => {
  const folder = join(root, 'run');
  mkdirSync(folder);
  writeFileSync(join(folder, MARKER_NAME), MARKER_TEXT);
  for (let i = 0; i < 40; i++) writeFileSync(join(folder, `f${i}.csv`), 'x');
  mkdirSync(join(folder, 'sub'));
  writeFileSync(join(folder, 'sub', 'inner.txt'), 'y');
  const removed: string[] = [];
  const watcher = watch(folder, (event, name) => {
    if (event === 'rename' && name !== null) removed.push(String(name));
  });
  removeMarkedFolder(folder);
  await new Promise((r) => setTimeout(r, 200));
  watcher.close();
  expect(existsSync(folder)).toBe(false);
  expect(removed.filter((n) => n !== 'run')).toContain(MARKER_NAME);
  const entries = removed.filter((n) => n.startsWith('f') || n === 'sub' || n === MARKER_NAME);
  expect(entries).toHaveLength(42);
  expect(entries.at(-1)).toBe(MARKER_NAME);
});

test('a temporary file or a missing path is removed or ignored, not an error', () => {
  const file = join(root, '.x.tmp-1');
  writeFileSync(file, 'z');
  removeMarkedFolder(file);
  expect(existsSync(file)).toBe(false);
  expect(() => removeMarkedFolder(join(root, 'missing'))).not.toThrow();
});

test('a link named like a folder is removed as a link: what it points to is never entered', () => {
  const target = join(root, 'elsewhere');
  mkdirSync(target);
  writeFileSync(join(target, MARKER_NAME), MARKER_TEXT);
  writeFileSync(join(target, 'report.txt'), 'keep me');
  const link = join(root, '.out.old-999999');
  symlinkSync(target, link);
  removeMarkedFolder(link);
  expect(existsSync(link)).toBe(false);
  expect(readFileSync(join(target, 'report.txt'), 'utf8')).toBe('keep me');
  expect(existsSync(join(target, MARKER_NAME))).toBe(true);
});
