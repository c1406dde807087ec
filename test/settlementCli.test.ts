// `marketsim settle`, `diff` and `run --compare` as a user runs them: settle reproduces the run's files byte for
// byte, bad input is one line naming file, line and reason (exit 2, nothing rewritten), diffs show what moved.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { main } from '../cli/main.js';
import { eventLogText } from '../reports/eventLog.js';
import { marketsim, tempDir, type CliResult } from './support/cli.js';
import { at, LogBuilder } from './support/settlementLog.js';

const SETTLEMENT_FILES = ['settlement.csv', 'settlement-summary.csv', 'summary.md'];
const SCENARIO = 'refunds-five-day-tencent';
let root = '';
let run = '';

beforeAll(async () => {
  root = tempDir('marketsim-settle-');
  run = join(root, 'run');
  const r = await cli(['run', SCENARIO, '--out', run]);
  expect(r.code).toBe(0);
});

/** The CLI in-process (same `main` the binary calls): the real binary is spawned once, in the first test. */
async function cli(args: readonly string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.map((l) => `${l}\n`).join(''), stderr: err.map((l) => `${l}\n`).join('') };
}

function bytes(dir: string, name: string): Buffer {
  return readFileSync(join(dir, name));
}

/**
 * A run directory with a hand-built log (contracts of sim/contracts.ts) and a minimal summary.json counting its
 * entries. marketsim did not write it (no digests), so settle and diff read it only with --trust-modified.
 */
function handBuiltRun(dir: string, log: LogBuilder, profile = 'koogallery'): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'events.jsonl'), eventLogText(log.entries));
  const n = log.entries.length;
  const counts = { events: n, accepted: n, refused: 0, timers: 0 };
  const summary = { scenario: 'hand', description: '', profile, seed: '1', start: '2024-01-01T00:00:00+08:00', end: '2024-02-29T23:59:59+08:00', overrides: {}, counts, violations: [] };
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary));
}

describe('marketsim settle', () => {
  test('STL-1 REF-2: settle (the real binary) on a saved run reproduces settlement.csv, settlement-summary.csv and summary.md byte for byte', () => {
    const copy = join(root, 'copy');
    cpSync(run, copy, { recursive: true });
    for (const name of SETTLEMENT_FILES) writeFileSync(join(copy, name), 'stale');
    const r = marketsim(['settle', copy]);
    expect(r.code).toBe(0);
    for (const name of SETTLEMENT_FILES) expect(bytes(copy, name).equals(bytes(run, name))).toBe(true);
    // End to end on the orders engineer's scenario: the five-day refund, its order and the re-order are excluded.
    expect(readFileSync(join(run, 'settlement.csv'), 'utf8')).toMatch(/,excluded,REF-2,/);
  });

  test('settle --lang zh --excel reproduces a run written with the same options', async () => {
    const zh = join(root, 'zh');
    expect((await cli(['run', SCENARIO, '--out', zh, '--lang', 'zh', '--excel'])).code).toBe(0);
    const copy = join(root, 'zh-copy');
    cpSync(zh, copy, { recursive: true });
    expect((await cli(['settle', copy, '--lang', 'zh', '--excel'])).code).toBe(0);
    for (const name of SETTLEMENT_FILES) expect(bytes(copy, name).equals(bytes(zh, name))).toBe(true);
    expect(bytes(zh, 'settlement.csv').subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
  });

  test('bad input: a corrupt line, a broken ledger fact, a missing events.jsonl → one line naming file, line and reason; exit 2; nothing rewritten', async () => {
    const corrupt = join(root, 'corrupt');
    cpSync(run, corrupt, { recursive: true });
    const lines = readFileSync(join(corrupt, 'events.jsonl'), 'utf8').split('\n');
    lines[2] = '{"seq": 2, "at": ';
    writeFileSync(join(corrupt, 'events.jsonl'), lines.join('\n'));
    writeFileSync(join(corrupt, 'settlement.csv'), 'untouched');
    const refused = await cli(['settle', corrupt]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe(`marketsim: ${join(corrupt, 'events.jsonl')}: was modified after the run wrote it (its sha256 does not match summary.json); settle only what marketsim wrote, or pass --trust-modified`);
    const r = await cli(['settle', corrupt, '--trust-modified']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${join(corrupt, 'events.jsonl')}: line 3: bad JSON`);
    expect(readFileSync(join(corrupt, 'settlement.csv'), 'utf8')).toBe('untouched');

    const broken = join(root, 'broken');
    handBuiltRun(broken, new LogBuilder().delisted('p9', at('2024-01-02T10:00')).money({ orderId: 'o1', amountFen: 1.5, at: at('2024-01-05T10:00') }));
    const b = await cli(['settle', broken, '--trust-modified']);
    expect(b.code).toBe(2);
    expect(b.stderr.trim()).toBe(`marketsim: ${join(broken, 'events.jsonl')}: line 2: ledger.amountFen must be an integer`);
    expect(existsSync(join(broken, 'settlement.csv'))).toBe(false);

    // A fact without payment sources is the log's contracts' to name, not a crash of the collector that sums them.
    const sourceless = join(root, 'sourceless');
    cpSync(run, sourceless, { recursive: true });
    const log = readFileSync(join(sourceless, 'events.jsonl'), 'utf8').split('\n');
    const index = log.findIndex((line) => line.includes('"type":"ledger"'));
    const entry = JSON.parse(log[index]!) as { effects: { type: string; params: Record<string, unknown> }[] };
    const fact = entry.effects.find((e) => e.type === 'ledger')!.params;
    fact.paymentSources = null;
    log[index] = JSON.stringify(entry);
    writeFileSync(join(sourceless, 'events.jsonl'), log.join('\n'));
    const s = await cli(['settle', sourceless, '--trust-modified']);
    expect(s.code).toBe(2);
    expect(s.stderr.trim()).toBe(`marketsim: ${join(sourceless, 'events.jsonl')}: line ${index + 1}: ledger ${String(fact.orderId)}: no paymentSources`);

    const empty = join(root, 'empty');
    mkdirSync(empty);
    const m = await cli(['settle', empty]);
    expect(m.code).toBe(2);
    expect(m.stderr.trim()).toBe(`marketsim: ${join(empty, 'events.jsonl')}: (root): cannot read file (ENOENT)`);
  });

  test('a formula-looking product id in a saved run is neutralised in settlement.csv', async () => {
    const dir = join(root, 'formula');
    handBuiltRun(dir, new LogBuilder().money({ orderId: 'o1', productId: '=cmd|\'/c calc\'!A1', deliveryType: 'api', amountFen: 100, at: at('2024-01-05T10:00') }));
    expect((await cli(['settle', dir, '--trust-modified'])).code).toBe(0);
    expect(readFileSync(join(dir, 'settlement.csv'), 'utf8')).toContain(`2024-02,m1,o1,purchase,'=cmd|'/c calc'!A1,api,period,1.00,0.00,1.00,settled,STL-1`);
  });
});

describe('marketsim diff and run --compare', () => {
  test('REF-2: run --compare noReasonRefundExcludedFromSettlement=false shows the excluded lines moving to settled and the payable change', async () => {
    const out = join(root, 'cmp');
    const r = await cli(['run', SCENARIO, '--out', out, '--compare', 'noReasonRefundExcludedFromSettlement=false']);
    expect(r.code).toBe(0);
    expect(existsSync(out) && existsSync(`${out}-compare`)).toBe(true);
    expect(JSON.parse(readFileSync(join(`${out}-compare`, 'summary.json'), 'utf8'))).toMatchObject({ seed: JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).seed, overrides: { noReasonRefundExcludedFromSettlement: false } });
    expect(r.stdout).toMatch(/moved o-reorder purchase img: excluded 2024-04 \(REF-2\) 99\.00 → settled 2024-04 \(STL-1\) 99\.00/);
    const csv = readFileSync(join(`${out}-compare`, 'diff.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('merchant_id,settlement_month,change,order_id,order_type,product_id,a_month,a_treatment,a_rule,a_net,b_month,b_treatment,b_rule,b_net,delta_payable,rules,delta_payable_fen');
    expect(csv).toContain('m1,2024-04,moved,o-reorder,purchase,img,2024-04,excluded,REF-2,99.00,2024-04,settled,STL-1,99.00,99.00,REF-2 → STL-1,9900');
    // diff on the two saved directories says the same, into --out.
    const d = await cli(['diff', out, `${out}-compare`, '--out', join(root, 'd.csv')]);
    expect(d.code).toBe(0);
    expect(readFileSync(join(root, 'd.csv'), 'utf8')).toBe(csv.join('\n'));
  });

  test('SUP-10: diff of two hand-built runs reports a line moved between months; identical runs report no differences', async () => {
    const a = join(root, 'lag1');
    const b = join(root, 'lag2');
    const log = new LogBuilder()
      .money({ orderId: 'svc', deliveryType: 'manualService', amountFen: 30_000, at: at('2024-01-10T10:00') })
      .completed('svc', at('2024-01-31T20:00'));
    handBuiltRun(a, log);
    handBuiltRun(b, log);
    const summary = JSON.parse(readFileSync(join(b, 'summary.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(b, 'summary.json'), JSON.stringify({ ...summary, overrides: { settlementLagMonths: 2 } }));
    const r = await cli(['diff', a, b, '--trust-modified']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('m1 2024-02: payable 300.00 → 0.00 (-300.00)');
    expect(r.stdout).toContain('moved svc purchase p1: settled 2024-02 (SUP-10) 300.00 → settled 2024-03 (SUP-10) 300.00');
    expect(existsSync(join(b, 'diff.csv'))).toBe(true);
    expect((await cli(['diff', a, a, '--out', join(root, 'same.csv'), '--trust-modified'])).stdout).toMatch(/^no settlement differences/);
  });

  test('run --compare with a variant that is neither a profile nor key=value is bad input and writes nothing', async () => {
    const out = join(root, 'nothing');
    const r = await cli(['run', SCENARIO, '--out', out, '--compare', 'aws']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--compare: aws: expected a profile/);
    expect(existsSync(out) || existsSync(`${out}-compare`)).toBe(false);
  });
});
