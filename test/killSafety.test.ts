// SIGKILL at seeded random moments while `marketsim run` replaces an earlier run: after every kill the path holds
// the old run or the new one, complete and matching its digests (a kill between the swap's two renames would
// leave it missing, put back by the next start: counted apart). The next run cleans every leftover.
import { cpSync, existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { recoverFolder } from '../runs/output/folder.js';
import { checkRunFolder, siblingsOf } from './support/runFolder.js';
import { marketsim, startMarketsim, tempDir } from './support/cli.js';

const SEED = 20261130;
const KILLS = 5;
const SCENARIO = 'market-tencent';

let root = '';
let oldRun = '';
let newId = '';
/** Wall time from the first log bytes on disk to the end of a whole run, in ms (where the kills land). */
let writingMs = 0;

/** mulberry32: a small seeded generator, so the kill moments are the same every time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Starts the run into `target`; resolves once its log has bytes on disk (or it ended), with the child. */
async function startWriting(target: string): Promise<{ child: ReturnType<typeof startMarketsim>; exited: Promise<number | null>; startedAt: number }> {
  const child = startMarketsim(['run', SCENARIO, '--out', target]);
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const log = join(target, '..', `.${target.split('/').pop()}.tmp-${child.pid}`, 'events.jsonl');
  while (child.exitCode === null && child.signalCode === null && !(existsSync(log) && statSync(log).size > 0)) await sleep(5);
  return { child, exited, startedAt: performance.now() };
}

beforeAll(async () => {
  root = tempDir('marketsim-kill-');
  oldRun = join(root, 'old');
  expect(marketsim(['run', 'market-tiny', '--out', oldRun]).code).toBe(0);
  // One whole run: the new run's identity, and how long its writing lasts.
  const whole = join(root, 'whole');
  const { exited, startedAt } = await startWriting(whole);
  expect(await exited).toBe(0);
  writingMs = performance.now() - startedAt;
  newId = checkRunFolder(whole).id;
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

test(`SIGKILL at ${KILLS} seeded moments (seed ${SEED}) during a run replacing another: always the old or the new complete run`, async () => {
  const next = random(SEED);
  const target = join(root, 'target');
  const outcomes: string[] = [];
  for (let kill = 0; kill < KILLS; kill++) {
    rmSync(target, { recursive: true, force: true });
    cpSync(oldRun, target, { recursive: true });
    const oldId = checkRunFolder(target).id;
    const { child, exited } = await startWriting(target);
    // One seeded moment in each fifth of the writing phase stretched by a quarter, so the kills spread over all of
    // it, the swap at its end included, and the last lands about when the run ends or after (finding the new run).
    const delay = Math.floor(((kill + next()) / KILLS) * writingMs * 1.25);
    await sleep(delay);
    child.kill('SIGKILL');
    await exited;
    if (!existsSync(target)) {
      // The one instant between the two renames: the next start puts the complete new (or old) folder back.
      outcomes.push(`${delay}ms: missing, recovered`);
      recoverFolder(target);
    }
    const id = checkRunFolder(target).id;
    expect([oldId, newId], `kill ${kill} after ${delay} ms`).toContain(id);
    outcomes.push(`${delay}ms: ${id === oldId ? 'old' : 'new'}`);
    // Whatever the kill left beside it is marketsim's own, named for the dead process.
    for (const leftover of siblingsOf(root, 'target')) expect(leftover).toMatch(new RegExp(`^\\.target\\.(tmp|new|old)-${child.pid}$|^\\.target\\.lock(-${child.pid})?$`));
  }
  console.log(`kill test: writing phase ${Math.round(writingMs)} ms; ${outcomes.join(', ')}`);
  expect(marketsim(['run', SCENARIO, '--out', target]).code).toBe(0);
  expect(checkRunFolder(target).id).toBe(newId);
  expect(siblingsOf(root, 'target')).toEqual([]);
});
