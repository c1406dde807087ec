// orders.csv built on a thread of its own at the end of a large `marketsim run` (runs/ordersCsvThread/): the same
// bytes as the run's own thread builds, on one thread and split by buyer; a failure there fails the run as it would
// have here; the folder is never sealed without the thread's file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openOutputDir } from '../runs/output/folder.js';
import { ORDERS_THREAD_FROM_FACTS, ordersCsvOnOwnThread, startOrdersCsvThread } from '../runs/ordersCsvThread/index.js';
import { simulateInto } from '../cli/shared/simulate.js';
import { marketsim, tempDir } from './support/cli.js';
import { setupOf } from './support/scenarioSetup.js';

function filesOf(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'latin1')]));
}

/** Every file of `marketsim run <args>` with orders.csv on its own thread (`on`) and on the run's (`off`). */
function bothWays(args: readonly string[]): { on: Record<string, string>; off: Record<string, string> } {
  const root = tempDir();
  const [on, off] = (['on', 'off'] as const).map((setting) => {
    const out = join(root, setting);
    const r = marketsim(['run', ...args, '--out', out], { env: { MARKETSIM_ORDERS_THREAD: setting } });
    expect(r.code, r.stderr).toBe(0);
    return filesOf(out);
  });
  return { on: on!, off: off! };
}

describe('orders.csv on its own thread', () => {
  it('default (12 months, every kind of order): every file the same, byte for byte, summary.json and its digests included', () => {
    const { on, off } = bothWays(['default']);
    expect(off['orders.csv']!.split('\n').length).toBeGreaterThan(100);
    expect(on).toEqual(off);
  }, 120_000);

  it('market-tiny in Chinese for Excel, split across 2 workers: the thread gets the language, the BOM and the merged facts', () => {
    const { on, off } = bothWays(['market-tiny', '--excel', '--lang', 'zh', '--workers', '2']);
    // Read as latin1: the BOM's three bytes, then the Chinese header's.
    expect(off['orders.csv']!.startsWith('\xEF\xBB\xBF')).toBe(true);
    expect(off['orders.csv']).toContain(Buffer.from('订单编号').toString('latin1'));
    expect(on).toEqual(off);
  }, 120_000);

  it.each([
    ['on', ['summary', 'violations.jsonl', 'settlement', 'settlement files', 'report.html', 'orders.csv', 'summary.json']],
    ['off', ['summary', 'violations.jsonl', 'orders.csv', 'settlement', 'settlement files', 'report.html', 'summary.json']],
  ] as const)('MARKETSIM_ORDERS_THREAD=%s: the end of the run waits for orders.csv last when a thread writes it', async (setting, steps) => {
    const was = process.env.MARKETSIM_ORDERS_THREAD;
    process.env.MARKETSIM_ORDERS_THREAD = setting;
    try {
      const seen: string[] = [];
      const written = await simulateInto(join(tempDir(), 'out'), setupOf('market-tiny', { lazyArrivals: true }), { lazyArrivals: true }, { lang: 'en', excel: false }, (step) => seen.push(step));
      if (!written.ok) throw new Error(written.error);
      expect(seen).toEqual(steps);
    } finally {
      if (was === undefined) delete process.env.MARKETSIM_ORDERS_THREAD;
      else process.env.MARKETSIM_ORDERS_THREAD = was;
    }
  }, 60_000);

  it('by size: from ORDERS_THREAD_FROM_FACTS spilled facts, unless MARKETSIM_ORDERS_THREAD says on or off', () => {
    // '' and not undefined: undefined would take the default, the environment's setting.
    expect(ordersCsvOnOwnThread(ORDERS_THREAD_FROM_FACTS - 1, '')).toBe(false);
    expect(ordersCsvOnOwnThread(ORDERS_THREAD_FROM_FACTS, '')).toBe(true);
    expect(ordersCsvOnOwnThread(ORDERS_THREAD_FROM_FACTS, 'ON')).toBe(true);
    expect(ordersCsvOnOwnThread(0, 'on')).toBe(true);
    expect(ordersCsvOnOwnThread(10 ** 9, 'off')).toBe(false);
  });

  it("a system error on the thread reaches the run as its own: code, and the output folder's path", async () => {
    const root = tempDir();
    const opened = openOutputDir(join(root, 'out'));
    if (!opened.ok) throw new Error(opened.error);
    const output = opened.value;
    try {
      const file = output.external('orders.csv');
      const thread = startOrdersCsvThread({
        facts: { path: join(root, 'no-such-facts'), named: join(root, 'out'), readBytes: 1 << 16 },
        fd: file.fd,
        productNames: [],
        platform: 'koogallery',
        options: { lang: 'en', excel: false },
        names: { merchants: {}, products: {} },
      });
      await expect(thread.done).rejects.toMatchObject({ code: 'ENOENT', path: join(root, 'out') });
      // Kept for the end of the run to find between its steps (it stops then, not after every other file).
      expect(thread.failure()).toMatchObject({ code: 'ENOENT' });
      await thread.stop();
    } finally {
      output.abandon();
    }
    expect(existsSync(join(root, 'out'))).toBe(false);
  });

  it('the folder is not sealed while a file written elsewhere is unfinished, and nothing else may append to it', () => {
    const dir = join(tempDir(), 'out');
    const opened = openOutputDir(dir);
    if (!opened.ok) throw new Error(opened.error);
    const output = opened.value;
    const file = output.external('orders.csv');
    expect(() => output.append('orders.csv', 'a')).toThrow(/another thread/);
    expect(() => output.external('orders.csv')).toThrow(/written already/);
    expect(() => output.finish(new Map())).toThrow(/still being written elsewhere/);
    // finish abandoned the folder on its failure: nothing was put in place.
    expect(existsSync(dir)).toBe(false);
    expect(file.fd).toBeGreaterThan(2);
  });

  it('once done, the file is sealed with the digest it was given', () => {
    const dir = join(tempDir(), 'out');
    const opened = openOutputDir(dir);
    if (!opened.ok) throw new Error(opened.error);
    const output = opened.value;
    output.external('orders.csv').done('0'.repeat(64));
    let sealed: ReadonlyMap<string, string> | undefined;
    output.finish(new Map(), (digests) => {
      sealed = digests;
      return new Map();
    });
    expect(sealed?.get('orders.csv')).toBe('0'.repeat(64));
    expect(readFileSync(join(dir, 'orders.csv'), 'utf8')).toBe('');
  });
});
