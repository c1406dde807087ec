// settle and diff stream events.jsonl: a log several times larger than the process's whole heap settles. The old
// reader built the file as one string (and every entry), so it ran out of heap far below the longest string V8
// allows (~512 MiB, ~40k orders); a 40 MiB heap against a 128 MiB log shows the same without writing 600 MiB.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { forEachLine } from '../runs/lines.js';
import { marketsim, tempDir } from './support/cli.js';
import { sealedSummaryFor } from './support/runFolder.js';

const HEAP_MB = 40;
const LOG_MB = 128;
/** One paid order every this many lines; the rest are refused browsing events padded to a realistic line length. */
const ORDER_EVERY = 5_000;

let root = '';
beforeAll(() => {
  root = tempDir('marketsim-stream-');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('reading a log line by line', () => {
  test('lines cut across chunk boundaries, multi-byte characters included, come back whole and numbered', () => {
    const file = join(root, 'lines.txt');
    const lines = ['', '收费 ¥12.00 ✓', 'a'.repeat(40), '', '最后'];
    writeFileSync(file, lines.join('\n'));
    for (const chunkBytes of [1, 2, 3, 7, 64]) {
      const seen: [string, number][] = [];
      expect(forEachLine(file, (text, line) => void seen.push([text, line]), { chunkBytes })).toEqual({});
      expect(seen).toEqual(lines.map((text, i) => [text, i + 1]));
    }
  });

  test('a line longer than the limit is reported by number, not read into memory', () => {
    const file = join(root, 'long.txt');
    writeFileSync(file, `short\n${'x'.repeat(5_000)}\nafter\n`);
    const seen: string[] = [];
    expect(forEachLine(file, (text) => void seen.push(text), { chunkBytes: 256, maxLineBytes: 1_000 })).toEqual({ tooLong: 2 });
    expect(seen).toEqual(['short']);
  });
});

/** A contract-valid run folder whose events.jsonl is about `megabytes` MiB; returns its paid total in fen. */
function writeLargeRun(dir: string, megabytes: number): { lines: number; paidFen: number } {
  const padding = 'browsing the storefront '.repeat(8);
  const fd = openSync(join(dir, 'events.jsonl'), 'w');
  let lines = 0;
  let paidFen = 0;
  let bytes = 0;
  try {
    while (bytes < megabytes * 1024 * 1024) {
      const batch: string[] = [];
      for (let i = 0; i < 10_000; i++, lines++) {
        const at = '2024-01-15T10:00:00+08:00';
        if (lines % ORDER_EVERY === 0) {
          const orderId = `o${lines}`;
          const sources = { discount: 0, coupon: 0, cashCoupons: 0, balanceCash: 1_000, balanceCredit: 0, monthlySettlement: 0 };
          const ledger = { entry: 'order', orderId, orderType: 'purchase', merchantId: 'm1', productId: 'p1', specId: 's1', buyerId: 'b1', deliveryType: 'saas', chargingMode: 'period', amountFen: 1_000, at: Date.parse(at), paymentSources: sources, tags: {} };
          batch.push(JSON.stringify({ seq: lines, at, entity: `order:${orderId}`, event: 'purchase', source: 'timeline', accepted: true, state: 'serving', rules: ['ORD-1'], effects: [{ type: 'ledger', params: ledger }] }));
          paidFen += 1_000;
        } else {
          batch.push(JSON.stringify({ seq: lines, at, entity: 'buyer:b1', event: 'browse', source: 'timeline', accepted: false, state: 'idle', rules: [], reason: padding }));
        }
      }
      const text = `${batch.join('\n')}\n`;
      bytes += Buffer.byteLength(text);
      writeSync(fd, text);
    }
  } finally {
    closeSync(fd);
  }
  const orders = Math.ceil(lines / ORDER_EVERY);
  const summary = {
    scenario: 'large', description: '', profile: 'koogallery', seed: '1',
    start: '2024-01-01T00:00:00+08:00', end: '2024-03-31T23:59:59+08:00', overrides: {},
    counts: { events: lines, accepted: orders, refused: lines - orders, timers: 0, pendingAtEnd: 0, entities: {} },
    violations: [],
  };
  writeFileSync(join(dir, 'summary.json'), sealedSummaryFor(summary, dir, ['events.jsonl']));
  return { lines, paidFen };
}

test(`settle reads a ${LOG_MB} MiB log with a ${HEAP_MB} MiB heap (streamed: never the whole file, never every entry)`, () => {
  const dir = join(root, 'run');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  const { lines, paidFen } = writeLargeRun(dir, LOG_MB);
  const r = marketsim(['settle', dir], { env: { NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}` } });
  console.log(`streamed settle: ${lines} lines, ${(statSync(join(dir, 'events.jsonl')).size / 2 ** 20).toFixed(0)} MiB of log, heap limit ${HEAP_MB} MiB, exit ${r.code}`);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(lines).toBeGreaterThan(350_000);
  // Every order was read: the February statement holds the January orders' gross, paid or (under the payout
  // threshold) deferred, commission 0 by default.
  const february = /^2024-02 m1: payable ([\d.]+), deferred ([\d.]+)/m.exec(r.stdout);
  expect(Math.round((Number(february?.[1]) + Number(february?.[2])) * 100)).toBe(paidFen);
  expect(readFileSync(join(dir, 'settlement.csv'), 'utf8').split('\n').length).toBeGreaterThan(lines / ORDER_EVERY);
});
