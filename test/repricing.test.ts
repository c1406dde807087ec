// Re-pricing a saved run: `settle <run-dir> --set commissionBasisPoints=…` settles the saved log again under another
// commission and writes exactly the files a full re-run with that override writes (the log does not change: no
// machine reads the commission), violations.jsonl's replay commands included, and no file priced the old way is left;
// a parameter that changes what the simulation does is refused, nothing written.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

// A run that breaks an expectation (so violations.jsonl has a line, with its replay command) and pays an image
// product's buyers' money out under the scenario's own commission.
const VIOLATING = `name: reprice-violation
profile: koogallery
seed: 5
start: 2024-01-01T00:00:00+08:00
end: 2024-04-30T23:59:59+08:00
rules: { commissionBasisPoints: { image: 300 } }
merchants: [{ id: m1, name: Acme }]
products:
  - { id: p1, merchant: m1, name: Acme Image, deliveryType: image, chargingMode: period, specs: [{ id: month, priceFen: 123456, period: month }] }
buyers: [{ id: b1 }, { id: b2 }]
timeline:
  - { at: 2024-01-02T10:00, event: submit, product: p1 }
  - { at: 2024-01-03T10:00, event: approve, product: p1 }
  - { at: 2024-01-04T10:00, event: list, product: p1, by: operator, expect: { accepted: false } }
  - { at: 2024-01-05T10:00, event: purchase, order: o1, buyer: b1, product: p1 }
  - { at: 2024-02-05T10:00, event: purchase, order: o2, buyer: b2, product: p1 }
`;

describe('settle --set on a run with violations', () => {
  const scenario = join(root, 'reprice-violation.yaml');
  beforeAll(() => writeFileSync(scenario, VIOLATING));

  test.each([
    ['a run without --set', [], 'commissionBasisPoints={"image":500}'],
    ['a run with another --set (the commission, the file\'s own, keeps its place before it)', ['--set', 'delistFlow=discontinue'], 'commissionBasisPoints={"image":500}'],
    ['a run that already set the commission', ['--set', 'commissionBasisPoints={"image":700}'], 'commissionBasisPoints={"image":500}'],
    ['a run re-priced to the scenario file\'s own commission', [], 'commissionBasisPoints={"image":300}'],
  ])('STL-6 PUB-5: settle --set on %s gives every file, violations.jsonl and its replay included, byte for byte as `run` with that override', async (_, baseArgs, word) => {
    const name = word.replace(/\W+/g, '-') + baseArgs.join('-').replace(/\W+/g, '-');
    const base = join(root, `v-base-${name}`);
    const rerun = join(root, `v-rerun-${name}`);
    expect((await cli(['run', scenario, '--out', base, ...baseArgs])).code).toBe(1);
    expect((await cli(['run', scenario, '--out', rerun, ...baseArgs, '--set', word])).code).toBe(1);
    const r = await cli(['settle', base, '--set', word]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const expected = filesOf(rerun);
    const got = filesOf(base);
    expect([...got.keys()]).toEqual([...expected.keys()]);
    for (const [file, bytes] of expected) expect(got.get(file)!.toString('utf8'), file).toBe(bytes.toString('utf8'));
    expect(got.get('violations.jsonl')!.length).toBeGreaterThan(0);
  });

  test('STL-6: re-pricing removes the files built from the old pricing that settle does not rebuild (a diff, the workbook), and says so', async () => {
    const base = join(root, 'v-stale');
    const other = join(root, 'v-stale-other');
    expect((await cli(['run', scenario, '--out', base])).code).toBe(1);
    expect((await cli(['run', scenario, '--out', other, '--profile', 'tencent'])).code).toBe(1);
    expect((await cli(['diff', other, base, '--xlsx'])).code).toBe(0);
    expect((await cli(['settle', base, '--xlsx'])).code).toBe(0);
    const stale = ['diff.csv', 'diff.html', 'diff.xlsx', 'settlement.xlsx'];
    for (const file of stale) expect(existsSync(join(base, file)), file).toBe(true);
    const r = await cli(['settle', base, '--set', 'commissionBasisPoints={"image":500}']);
    expect(r.code).toBe(0);
    for (const file of stale) expect(existsSync(join(base, file)), file).toBe(false);
    expect(r.out.at(-1)).toBe(`removed ${stale.map((file) => join(base, file)).join(', ')} (built from the old pricing; write them again with --xlsx or \`marketsim diff\`)`);
    // With --xlsx the workbook is written again, from the new pricing.
    expect((await cli(['settle', base, '--set', 'commissionBasisPoints={"image":600}', '--xlsx'])).code).toBe(0);
    expect(existsSync(join(base, 'settlement.xlsx'))).toBe(true);
  });

  test('a violations.jsonl modified after the run is refused when re-pricing, nothing written', async () => {
    const base = join(root, 'v-modified');
    expect((await cli(['run', scenario, '--out', base])).code).toBe(1);
    writeFileSync(join(base, 'violations.jsonl'), readFileSync(join(base, 'violations.jsonl'), 'utf8').replace('"seed":"5"', '"seed":"6"'));
    const before = filesOf(base);
    const r = await cli(['settle', base, '--set', 'commissionBasisPoints={"image":500}']);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([`marketsim: ${join(base, 'violations.jsonl')}: was modified after the run wrote it (its sha256 does not match summary.json); settle only what marketsim wrote, or pass --trust-modified`]);
    for (const [file, bytes] of before) expect(filesOf(base).get(file)!.equals(bytes), file).toBe(true);
  });
});
