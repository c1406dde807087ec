// Random model-based walks (`marketsim check --random N --seed S`): the machines pass; each planted bug is found,
// shrunk by fast-check to a walk of a step or two, printed with its seed and path, and `--replay` reproduces it.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkCommand, type CheckFlags } from '../cli/checkCommand.js';
import { captureIo, readJunit } from './support/qaHarness.js';
import { tempDir } from './support/cli.js';
import { plantedSystem, type PlantName } from './support/qaPlants.js';
import { serveSystem } from './support/sutServer.js';

async function check(flags: CheckFlags) {
  const { io, out, err } = captureIo();
  const code = await checkCommand(flags, io);
  return { code, out, err, text: out.join('\n') };
}

const SYMPTOM: Record<PlantName, RegExp> = {
  acceptsRefusedRefund: /refused expected, the system accepted it/,
  dropsRefundLedger: /effect missing: ledger \{"entry":"refund"/,
  unstableCreateKey: /effect missing: callMerchant \{"endpoint":"createInstance","callId":"o1:createInstance"/,
  ignoresExpiry: /state: expected "frozen\.calling", observed "serving\.active\.running"/,
};

describe('random walks against the machines themselves', () => {
  test('every step of 100 seeded walks over all machines matches the model', async () => {
    const run = await check({ adapter: 'builtin', random: '100', seed: '7' });
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.out).toEqual(['random: 100 walks from seed 7: every step matched the model']);
  });
});

describe('random walks against planted bugs: found, shrunk, replayable (REF-1, INT-1, REN-6, REN-3)', () => {
  test.each(Object.keys(SYMPTOM) as PlantName[])('%s', async (name) => {
    const adapter = `test/support/qaPlants/${name}.ts`;
    const dir = tempDir('marketsim-random-');
    const junit = join(dir, 'random.xml');
    const run = await check({ adapter, random: '200', seed: '7', machine: 'order', junit });
    expect(run.code).toBe(1);
    let xml: string;
    try {
      xml = readFileSync(junit, 'utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const report = readJunit(xml);
    expect(report.failures).toBe(1);
    expect(report.suites[0]!.cases[0]!.failure!.text).toContain(run.out.at(-1)!);
    expect(run.text).toMatch(SYMPTOM[name]);
    const header = /^FAIL random: seed 7, .* shrunk to (\d+) steps? \(order, /.exec(run.out[0]!);
    expect(Number(header?.[1])).toBeLessThanOrEqual(2);
    const path = run.out.find((line) => line.startsWith('path: '))!.slice('path: '.length);
    expect(path).toMatch(/^7:order\/[A-Za-z-]+\/\d+(-\d+)*$/);
    expect(run.out.at(-1)).toBe(`replay: marketsim check --adapter ${adapter} --replay ${path}`);
    // Same seed, same shrunk path; the replay fails the same way; the same walk passes against the machines.
    expect((await check({ adapter, random: '200', seed: '7', machine: 'order' })).out).toEqual(run.out);
    const replay = await check({ adapter, replay: path });
    expect(replay.code).toBe(1);
    expect(replay.text).toMatch(SYMPTOM[name]);
    expect((await check({ adapter: 'builtin', replay: path })).code).toBe(0);
  });

  test('a replay token that names no machine, variant or path is bad input (exit 2)', async () => {
    for (const token of ['7', '7:nope/x/1', '7:order/nope/1', 'x:order/koogallery-saas-period/1']) {
      const run = await check({ adapter: 'builtin', replay: token });
      expect([run.code, run.err.length]).toEqual([2, 1]);
    }
  });
});

describe('random walks over HTTP (docs/qa-protocol.md)', () => {
  test('a planted bug served over HTTP is found, shrunk and replayed through the same protocol (REF-1)', async () => {
    const served = await serveSystem(plantedSystem('acceptsRefusedRefund'));
    try {
      const run = await check({ adapter: served.url, random: '50', seed: '3', machine: 'order' });
      expect(run.code).toBe(1);
      expect(run.text).toMatch(SYMPTOM.acceptsRefusedRefund);
      const path = run.out.find((line) => line.startsWith('path: '))!.slice('path: '.length);
      expect(run.out.at(-1)).toBe(`replay: marketsim check --adapter ${served.url} --replay ${path}`);
      expect((await check({ adapter: served.url, replay: path })).code).toBe(1);
    } finally {
      await served.stop();
    }
  });
});
