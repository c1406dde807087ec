// Re-pricing a saved run: `settle <run-dir> --set commissionBasisPoints=…` settles the saved log again under another
// commission and writes exactly the files a full re-run with that override writes (the log does not change: no
// machine reads the commission); a parameter that changes what the simulation does is refused, nothing written.
import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../cli/main.js';
import { tempDir } from './support/cli.js';

const root = tempDir('marketsim-reprice-');
const COMMISSION = 'commissionBasisPoints={"image":500,"saas":300,"license":1250}';

async function cli(args: readonly string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/** Every file of a directory, by name, as bytes. */
function filesOf(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name))]));
}

beforeAll(async () => {
  expect((await cli(['run', 'default', '--out', join(root, 'base')])).code).toBe(0);
  expect((await cli(['run', 'default', '--out', join(root, 'rerun'), '--set', COMMISSION])).code).toBe(0);
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('settle --set', () => {
  test('STL-6: settle --set commissionBasisPoints gives the same files, byte for byte, as a full re-run with that override', async () => {
    const copy = join(root, 'repriced');
    cpSync(join(root, 'base'), copy, { recursive: true });
    const r = await cli(['settle', copy, '--set', COMMISSION]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const expected = filesOf(join(root, 'rerun'));
    const got = filesOf(copy);
    expect([...got.keys()]).toEqual([...expected.keys()]);
    for (const [name, bytes] of expected) expect(got.get(name)!.equals(bytes), name).toBe(true);
    // The commission really moved money: the re-priced statement differs from the base run's.
    expect(got.get('settlement.csv')!.equals(filesOf(join(root, 'base')).get('settlement.csv')!)).toBe(false);
  });

  test.each([
    ['settlementLagMonths=2', /settlementLagMonths changes what the simulation does/],
    ['supervisedDeliveryTypes=["saas"]', /supervisedDeliveryTypes changes what the simulation does/],
    ['noReasonRefundExcludedFromSettlement=false', /noReasonRefundExcludedFromSettlement changes what the simulation does/],
    ['commissionRate=5', /unknown rules parameter "commissionRate"/],
    ['commissionBasisPoints={"image":-1}', /commissionBasisPoints/],
  ])('SUP-10 REF-2 STL-6: settle --set %s is refused with one line, exit 2, and nothing written', async (word, message) => {
    const copy = join(root, `refused-${word.replace(/\W+/g, '-')}`);
    cpSync(join(root, 'base'), copy, { recursive: true });
    const before = filesOf(copy);
    const r = await cli(['settle', copy, '--set', word]);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message);
    const after = filesOf(copy);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, bytes] of before) expect(after.get(name)!.equals(bytes), name).toBe(true);
  });
});
