// Conformance mode (`marketsim check --merchant URL`): marketsim plays the marketplace against a merchant's real
// HTTP endpoints. The reference merchant passes; the broken one is caught on every rule it breaks, by rule ID.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkCommand } from '../cli/checkCommand.js';
import { BrokenMerchant, BROKEN_RULES } from './support/brokenMerchant.js';
import { tempDir } from './support/cli.js';
import { captureIo, readJunit } from './support/qaHarness.js';
import { ReferenceMerchant } from './support/referenceMerchant.js';

/**
 * The per-call timeout against the broken merchant (whose slow endpoint answers three times later); short enough to
 * keep the suite quick, long enough that its correct endpoints answer in time on a busy machine. The reference
 * merchant runs with the default (5 s).
 */
const TIMEOUT_MS = 1500;

async function conformance(merchant: ReferenceMerchant, flags: { junit?: string; timeoutMs?: string } = {}) {
  const url = await merchant.start();
  try {
    const { io, out, err } = captureIo();
    const code = await checkCommand({ merchant: url, ...flags }, io);
    return { code, out, err, url };
  } finally {
    await merchant.stop();
  }
}

describe('merchant-endpoint conformance', () => {
  test('the reference merchant breaks no rule: new purchase, update instance, expiry, status, release, org syncs, License activation (REN-2..6, INT-1, INT-2, SUP-4)', async () => {
    const run = await conformance(new ReferenceMerchant());
    expect(run.err).toEqual([]);
    expect(run.out.filter((line) => line.startsWith('FAIL'))).toEqual([]);
    expect(run.out.at(-1)).toMatch(/^merchant http:\/\/127\.0\.0\.1:\d+: 9 probes, \d+ calls, no rule broken/);
    expect(run.code).toBe(0);
  });

  test('the broken merchant is reported on each broken rule by ID, with the kind of breakage (REN-3, REN-4, REN-5, REN-6, INT-2, SUP-4)', async () => {
    const dir = tempDir('marketsim-merchant-');
    try {
      const junit = join(dir, 'merchant.xml');
      const run = await conformance(new BrokenMerchant(TIMEOUT_MS * 3), { junit, timeoutMs: String(TIMEOUT_MS) });
      expect(run.code).toBe(1);
      const broken = /breaks ([A-Z0-9, -]+) \(/.exec(run.out.at(-1)!)![1]!.split(', ');
      expect(broken).toEqual(expect.arrayContaining(Object.keys(BROKEN_RULES)));
      expect(broken).not.toContain('REN-2'); // release is implemented correctly
      for (const [rule, problem] of Object.entries(BROKEN_RULES)) {
        expect(run.out.some((line) => line.includes(`[${rule}`) && line.includes(`: ${problem} — `)), `${rule} ${problem}`).toBe(true);
      }
      const report = readJunit(readFileSync(junit, 'utf8'));
      const failures = report.suites[0]!.cases.filter((c) => c.failure);
      expect(report.failures).toBe(failures.length);
      expect(failures.map((c) => c.name.split(' ')[0])).toEqual(expect.arrayContaining(['new-purchase', 'update-instance', 'expiry-saas', 'expiry-license', 'instance-status', 'department-sync', 'license-activation']));
      expect(report.suites[0]!.cases.find((c) => c.name.startsWith('tenant-sync '))!.failure).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a merchant URL that is not http(s) is bad input (exit 2); --merchant with --adapter too', async () => {
    const { io, err } = captureIo();
    expect(await checkCommand({ merchant: 'ftp://x' }, io)).toBe(2);
    expect(await checkCommand({ merchant: 'http://127.0.0.1:1', adapter: 'builtin' }, io)).toBe(2);
    expect(err).toHaveLength(2);
  });
});
