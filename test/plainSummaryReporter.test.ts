// The suite's closing line must not say "0 failed" when a test file failed outside its tests: a service its
// beforeAll could not start leaves every test skipped, and vitest exits 1 (seen on a machine without redis-server).
import { expect, test } from 'vitest';
import { plainCounts } from './support/plainSummaryReporter.js';

type Module = Parameters<typeof plainCounts>[0][number];
const module = (state: 'passed' | 'failed', tests: readonly ('passed' | 'failed' | 'skipped')[]): Module =>
  ({
    state: () => state,
    children: { allTests: () => tests.map((s) => ({ result: () => ({ state: s }) }))[Symbol.iterator]() },
  }) as unknown as Module;

test('a file whose hook failed counts once as failed; failed tests count each; skipped ones are skipped', () => {
  expect(plainCounts([module('passed', ['passed', 'passed', 'skipped'])])).toEqual({ passed: 2, failed: 0, skipped: 1 });
  expect(plainCounts([module('failed', ['skipped', 'skipped', 'skipped'])])).toEqual({ passed: 0, failed: 1, skipped: 3 });
  expect(plainCounts([module('failed', [])])).toEqual({ passed: 0, failed: 1, skipped: 0 });
  expect(plainCounts([module('failed', ['failed', 'passed', 'failed'])])).toEqual({ passed: 1, failed: 2, skipped: 0 });
});
