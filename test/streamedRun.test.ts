// `marketsim run` streams events.jsonl into its output directory as the engine logs and builds the other files from
// what the run digested (retainLog: false): the same bytes, file for file, as a run that kept its whole log.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { simulateInto } from '../cli/shared/simulate.js';
import { openOutputDir, type OutputDirWriter } from '../runs/output/folder.js';
import { MARKER_NAME } from '../runs/output/marker.js';
import { runFiles, type RunFileOptions } from '../runs/files.js';
import { simulate, type RunOptions } from '../runs/run.js';
import { settle } from '../reports/settlement.js';
import { tempDir } from './support/cli.js';
import { setupOf } from './support/scenarioSetup.js';


const FILES: RunFileOptions = { lang: 'zh', excel: true, replay: 'replay' };

test.each([
  ['default', {}],
  ['market-tiny', { seed: '7', platform: 'tencent' }],
  ['market-tiny', { seed: '3', stopOnViolation: true, sets: { noReasonRefundWindowMs: 0 } }],
  ['market-tiny', { seed: '3', sets: { noReasonRefundWindowMs: 0 } }],
  // Hourly usage folded by order-month while the other money facts are spilled to a file (runs/factSpill.ts).
  ['market-tencent', {}],
] as const)('%s %j: a streamed run writes the same files as a buffered one', async (name, given) => {
  const options: RunOptions = { ...given, lazyArrivals: true };
  const setup = setupOf(name, options);
  const kept = simulate(setup, options);
  const buffered = runFiles(kept, FILES);
  const out = join(tempDir(), 'out');
  const written = await simulateInto(out, setup, options, FILES);
  if (!written.ok) throw new Error(written.error);
  // What comes back is what the files were built from: no log, and not the engine (its entities are let go; the
  // world facts summary.json reads were taken before).
  const streamed = written.value;
  expect(Object.keys(streamed).sort()).toEqual(['digest', 'merchants', 'settled', 'setup', 'violations', 'world']);
  // The money facts were read back from their file and the file removed: the settlement the files were written from
  // comes back instead (`--xlsx` reads it), the same as settling the kept run's facts.
  const { params } = setup;
  expect(streamed.settled!.settlement).toEqual(settle({ facts: kept.digest.settlementFacts(), params, runEnd: setup.scenario.end }));
  expect(() => [...streamed.digest.settlementFacts().ledger]).toThrow(/removed|ENOENT/);
  expect(readdirSync(out).sort()).toEqual([...buffered.keys(), MARKER_NAME].sort());
  for (const [file, text] of buffered) expect(readFileSync(join(out, file), 'utf8'), file).toBe(text);
  expect(buffered.get('events.jsonl')!.length).toBeGreaterThan(1000);
});

test('an abandoned output directory leaves nothing behind, and the old directory in place', () => {
  const parent = tempDir();
  const dir = join(parent, 'out');
  opened(dir).finish(new Map([['kept.txt', 'old']]));
  const output = opened(dir);
  output.append('events.jsonl', '{"seq":0}\n');
  output.abandon();
  expect(readdirSync(parent)).toEqual(['out']);
  expect(readdirSync(dir).sort()).toEqual([MARKER_NAME, 'kept.txt']);
  const fresh = opened(dir);
  for (let i = 0; i < 3; i++) fresh.append('events.jsonl', `${'x'.repeat(600_000)}${i}\n`);
  fresh.finish(new Map([['summary.json', '{}\n']]));
  expect(readdirSync(dir).sort()).toEqual([MARKER_NAME, 'events.jsonl', 'summary.json']);
  expect(readFileSync(join(dir, 'events.jsonl'), 'utf8')).toBe([0, 1, 2].map((i) => `${'x'.repeat(600_000)}${i}\n`).join(''));
  expect(existsSync(join(parent, `.out.tmp-${process.pid}`))).toBe(false);
});

test('a scratch file lives in the folder being written and is gone when it is put in place; output names are refused', () => {
  const dir = join(tempDir(), 'out');
  const output = opened(dir);
  const scratch = output.scratch('.money-facts');
  writeFileSync(scratch, 'facts\n');
  expect(existsSync(scratch)).toBe(true);
  expect(scratch.startsWith(dir)).toBe(false);
  output.append('events.jsonl', '{}\n');
  for (const name of ['events.jsonl', 'money-facts', MARKER_NAME, '.a/b', '.', '..', '../x']) expect(() => output.scratch(name), name).toThrow(/not a scratch file name/);
  output.finish(new Map([['summary.json', '{}\n']]));
  expect(readdirSync(dir).sort()).toEqual([MARKER_NAME, 'events.jsonl', 'summary.json']);
});

test('appended text is encoded as its concatenation would be, whatever the piece sizes; its digest is of those bytes', () => {
  const dir = join(tempDir(), 'out');
  const pieces = ['', 'ascii\n', '结算 ¥1,000\n', 'a\ud83d', '\ude00b\n', '\ud83d', '', '\ude00', 'x'.repeat(400_000), '汉'.repeat(350_000), 'end\ud800', 'lone\udc00\n', 'tail\ud83d'];
  const output = opened(dir);
  for (let round = 0; round < 3; round++) for (const piece of pieces) output.append('events.jsonl', piece);
  let digests: ReadonlyMap<string, string> = new Map();
  output.finish(new Map(), (d) => {
    digests = d;
    return new Map();
  });
  const expected = Buffer.from(pieces.join('').repeat(3), 'utf8');
  const bytes = readFileSync(join(dir, 'events.jsonl'));
  expect(bytes.equals(expected)).toBe(true);
  expect(digests.get('events.jsonl')).toBe(createHash('sha256').update(expected).digest('hex'));
});

function opened(dir: string): OutputDirWriter {
  const output = openOutputDir(dir);
  if (!output.ok) throw new Error(output.error);
  return output.value;
}

test('the end of a run gives the event loop a turn between its steps (a stop signal is handled there), naming each step', async () => {
  const setup = setupOf('market-tiny', { lazyArrivals: true });
  const steps: string[] = [];
  // Counts the turns the event loop gets from the first step of the end to the last: a stop signal (Ctrl-C) is
  // only handled on such a turn, so a run that built its files in one go would give none.
  const turnsAt: number[] = [];
  let turns = 0;
  let ticking = false;
  const tick = (): void => {
    turns++;
    if (ticking) setImmediate(tick);
  };
  const written = await simulateInto(join(tempDir(), 'out'), setup, { lazyArrivals: true }, FILES, (step) => {
    steps.push(step);
    turnsAt.push(turns);
    if (!ticking) {
      ticking = true;
      setImmediate(tick);
    }
  });
  ticking = false;
  if (!written.ok) throw new Error(written.error);
  expect(steps).toEqual(['summary', 'violations.jsonl', 'orders.csv', 'settlement', 'settlement files', 'report.html', 'summary.json']);
  // Every step starts on a later turn than the one before it.
  for (let i = 1; i < turnsAt.length; i++) expect(turnsAt[i]!, steps[i]).toBeGreaterThan(turnsAt[i - 1]!);
});
