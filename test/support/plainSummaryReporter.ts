// Prints the run's closing line in the plain "N passed, N failed" form CI tooling reads in any language, after
// vitest's own report (vitest's "Tests 404 passed (404)" line is not in that form).
import type { Reporter, TestModule } from 'vitest/node';

/** The closing line's counts: a test file that failed outside its tests (a hook, an import) is one failure. */
export function plainCounts(testModules: ReadonlyArray<Pick<TestModule, 'state' | 'children'>>): { passed: number; failed: number; skipped: number } {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const module of testModules) {
    let failedHere = 0;
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') passed++;
      else if (state === 'failed') failedHere++;
      else skipped++;
    }
    // A beforeAll that threw (a service that would not start) leaves its tests skipped, not failed: still a failure.
    if (module.state() === 'failed' && failedHere === 0) failedHere = 1;
    failed += failedHere;
  }
  return { passed, failed, skipped };
}

export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const { passed, failed, skipped } = plainCounts(testModules);
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`);
  }
}
