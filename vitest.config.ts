import { defineConfig } from 'vitest/config';

// Suites run in worker processes, two at once on CI's 2 cores (vitest's default on 2 cores is one, which left a core
// idle while suites wait on the child processes they start); timeouts stay honest.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['./test/support/tempRoot.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/support/plainSummaryReporter.ts'],
  },
});
