// A run folder is tamper-evident: summary.json records the sha256 of every other file and of itself; settle and
// diff refuse a modified run (exit 2, one line naming the file) unless --trust-modified, and even then never
// settle money from a log that breaks its own contracts (ORD-7 payment sources, REF-2/REF-4 refunds, the counts,
// the run period). An untouched run settles to the very bytes `run` wrote.
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../cli/main.js';
import { checkRunFolder } from './support/runFolder.js';
import { tempDir, type CliResult } from './support/cli.js';

let root = '';
let run = '';
let copies = 0;

beforeAll(async () => {
  root = tempDir('marketsim-tamper-');
  run = join(root, 'run');
  expect((await cli(['run', 'market-tiny', '--out', run])).code).toBe(0);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function cli(args: readonly string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

function copyOfRun(): string {
  const dir = join(root, `copy-${copies++}`);
  cpSync(run, dir, { recursive: true });
  return dir;
}

interface Ledger {
  entry: string;
  orderId: string;
  merchantId: string;
  productId: string;
  amountFen: number;
  at: number;
  paymentSources: Record<string, number>;
}
interface Entry {
  seq: number;
  at: string;
  effects?: { type: string; params: Ledger }[];
}

const ledgerOf = (entry: Entry): Ledger | undefined => entry.effects?.find((e) => e.type === 'ledger')?.params;

/** Rewrites events.jsonl through `edit` on its parsed lines (each written back as the run writes it). */
function editLog(dir: string, edit: (entries: Entry[]) => Entry[]): void {
  const entries = readFileSync(join(dir, 'events.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Entry);
  writeFileSync(join(dir, 'events.jsonl'), edit(entries).map((e) => `${JSON.stringify(e)}\n`).join(''));
}

const firstIndex = (entries: Entry[], test: (l: Ledger) => boolean): number => {
  const i = entries.findIndex((e) => {
    const l = ledgerOf(e);
    return l !== undefined && test(l);
  });
  if (i < 0) throw new Error('the run has no such ledger line');
  return i;
};

const TAMPERINGS: readonly [string, (entries: Entry[]) => Entry[], RegExp][] = [
  ['ORD-7: an amount changed so the payment sources no longer add up', (es) => {
    const l = ledgerOf(es[firstIndex(es, (x) => x.entry === 'order')]!)!;
    l.amountFen += 100;
    return es;
  }, /line \d+: ledger \S+: payment sources add up to \d+ fen, the amount is \d+/],
  ['REF-2 REF-4: a refund 100× what was paid (its sources scaled too, so they still add up)', (es) => {
    const l = ledgerOf(es[firstIndex(es, (x) => x.entry === 'refund')]!)!;
    l.amountFen *= 100;
    for (const key of Object.keys(l.paymentSources)) l.paymentSources[key]! *= 100;
    return es;
  }, /refunded \d+ fen in all, more than the \d+ fen paid/],
  ['a ledger line deleted', (es) => es.filter((_, i) => i !== firstIndex(es, () => true)), /seq \d+ where \d+ was due/],
  ['a ledger line duplicated', (es) => {
    const i = firstIndex(es, () => true);
    return [...es.slice(0, i + 1), es[i]!, ...es.slice(i + 1)];
  }, /seq \d+ where \d+ was due/],
  ['a merchant swapped on one ledger line', (es) => {
    const ledgers = es.map(ledgerOf).filter((l): l is Ledger => l !== undefined);
    const line = ledgers.find((l) => ledgers.some((o) => o !== l && o.productId === l.productId))!;
    line.merchantId = ledgers.find((o) => o.merchantId !== line.merchantId)!.merchantId;
    return es;
  }, /product \S+ is sold by \S+, not \S+/],
  ['ORD-7: a money fact forged onto a refused event (a refusal changes nothing)', (es) => {
    const refused = es.find((e) => (e as Entry & { accepted: boolean }).accepted === false)!;
    refused.effects = [{ type: 'ledger', params: { ...ledgerOf(es[firstIndex(es, (x) => x.entry === 'order')]!)!, orderId: 'o-forged' } }];
    return es;
  }, /line \d+: seq \d+ is a refused event with effects/],
  ['the log emptied', () => [], /\(end\): the log has 0 events, summary\.json counts \d+/],
  ['a payment moved to the year 3000', (es) => {
    const e = es[firstIndex(es, (x) => x.entry === 'order')]!;
    e.at = '3000-01-01T00:00:00+08:00';
    ledgerOf(e)!.at = Date.parse('3000-01-01T00:00:00+08:00');
    return es;
  }, /"at" "3000-01-01T00:00:00\+08:00" is outside the run period/],
];

describe('settle and diff on a modified log', () => {
  test('summary.json records the sha256 of every other file the run wrote, and of itself', () => {
    const checked = checkRunFolder(run);
    const summary = JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8')) as { integrity: { files: Record<string, string> } };
    expect(Object.keys(summary.integrity.files).sort()).toEqual(readdirSync(run).filter((n) => n !== 'summary.json' && n !== '.marketsim-output').sort());
    expect(checked.files).toContain('events.jsonl');
  });

  test('STL-1: settle on an untouched run rewrites every file byte for byte (summary.json included) and keeps it verifiable', async () => {
    const dir = copyOfRun();
    const before = Object.fromEntries(readdirSync(dir).map((n) => [n, readFileSync(join(dir, n))]));
    writeFileSync(join(dir, 'settlement.csv'), 'stale');
    expect((await cli(['settle', dir])).code).toBe(0);
    for (const [name, bytes] of Object.entries(before)) expect(readFileSync(join(dir, name)).equals(bytes), name).toBe(true);
    checkRunFolder(dir);
  });

  test.each(TAMPERINGS)('%s: refused as modified; with --trust-modified refused by its contracts; nothing rewritten', async (_, edit, contract) => {
    const dir = copyOfRun();
    editLog(dir, edit);
    const settlement = readFileSync(join(dir, 'settlement.csv'));
    const summary = readFileSync(join(dir, 'summary.json'));
    const events = join(dir, 'events.jsonl');
    for (const args of [['settle', dir], ['diff', run, dir, '--out', join(root, 'unused.csv')]]) {
      const refused = await cli(args);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toBe(`marketsim: ${events}: was modified after the run wrote it (its sha256 does not match summary.json); settle only what marketsim wrote, or pass --trust-modified`);
      const trusted = await cli([...args, '--trust-modified']);
      expect(trusted.code).toBe(2);
      expect(trusted.stderr.split('\n')).toHaveLength(1);
      expect(trusted.stderr).toMatch(new RegExp(`^marketsim: ${events.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
      expect(trusted.stderr).toMatch(contract);
    }
    expect(readFileSync(join(dir, 'settlement.csv')).equals(settlement)).toBe(true);
    expect(readFileSync(join(dir, 'summary.json')).equals(summary)).toBe(true);
    expect(readdirSync(root)).not.toContain('unused.csv');
  });

  test('STL-1: an edited summary.json (another settlement lag) is refused naming it; with --trust-modified the log’s contracts hold and it settles', async () => {
    const dir = copyOfRun();
    const file = join(dir, 'summary.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"overrides": {}', '"overrides": { "settlementLagMonths": 2 }'));
    const refused = await cli(['settle', dir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`marketsim: ${file}: was modified after the run wrote it (its digest does not match); settle only what marketsim wrote, or pass --trust-modified`);
    expect((await cli(['settle', dir, '--trust-modified'])).code).toBe(0);
  });

  test('settle --lang zh over an en run records the new digests, so the folder still verifies and settles without --trust-modified', async () => {
    const dir = copyOfRun();
    expect((await cli(['settle', dir, '--lang', 'zh'])).code).toBe(0);
    expect(readFileSync(join(dir, 'settlement.csv'), 'utf8')).not.toBe(readFileSync(join(run, 'settlement.csv'), 'utf8'));
    checkRunFolder(dir);
    expect((await cli(['settle', dir, '--lang', 'zh'])).code).toBe(0);
  });
});
