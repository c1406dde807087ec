import { defineConfig } from 'vitest/config';

// Suites run in worker processes; CI has 2 cores, so keep the pool small and the timeouts honest.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    pool: 'forks',
    globalSetup: ['./test/support/tempRoot.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/support/plainSummaryReporter.ts'],
  },
});
