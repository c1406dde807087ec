// collectGarbage() runs V8's full collection in a node started without --expose-gc (as `marketsim run` and the TUI
// are) and leaves `gc` unexposed afterwards; collectIfLarge() does so only above its heap threshold, and a run's
// collector (runCollector) only once the heap has grown since its own last collection. Checked in a
// node of its own, on the built code: an object only a WeakRef points at, made in an earlier turn of the event
// loop, is gone right after a collection and still there without one.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MODULE = fileURLToPath(new URL('../dist/runs/collectGarbage.js', import.meta.url));

const after = (call: string, before: string) => `
  const { collectGarbage, collectIfLarge, runCollector } = await import(${JSON.stringify(MODULE)});
  const { getHeapStatistics } = await import('node:v8');
  ${before};
  const make = () => new WeakRef({ payload: new Array(1000).fill(7) });
  const ref = make();
  await new Promise((resume) => setTimeout(resume, 5));
  ${call};
  console.log(JSON.stringify({ gone: ref.deref() === undefined, exposed: typeof globalThis.gc }));
`;
/** Holds about half the heap in use again, as `globalThis[name]`. */
const grow = (name: string): string => `globalThis.${name} = Array.from({ length: getHeapStatistics().used_heap_size / 16 }, (_, i) => ({ i }))`;

/** `before` runs before the WeakRef's object is made, `call` after it. */
const run = (call: string, before = 'void 0') =>
  JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', after(call, before)], { encoding: 'utf8', timeout: 30_000 })) as { gone: boolean; exposed: string };

describe('collecting garbage on demand', () => {
  it('collectGarbage() collects what nothing holds, without leaving gc exposed', () => {
    expect(run('collectGarbage()')).toEqual({ gone: true, exposed: 'undefined' });
  });

  it('collectIfLarge() collects once the heap in use is above its threshold, and not below it', () => {
    expect(run('collectIfLarge(0)')).toEqual({ gone: true, exposed: 'undefined' });
    expect(run('collectIfLarge(1_000_000)')).toEqual({ gone: false, exposed: 'undefined' });
  });

  it("a run's collector skips a collection until the heap has grown by a quarter since its last one left it", () => {
    // Right after the collector's own collection, a little garbage is not worth another pause: the object stays.
    expect(run('collector.ifLarge()', 'const collector = runCollector(0); collector.now()')).toEqual({ gone: false, exposed: 'undefined' });
    // Half the heap again, held: now it is.
    expect(run(`${grow('big')}; collector.ifLarge()`, 'const collector = runCollector(0); collector.now()')).toEqual({ gone: true, exposed: 'undefined' });
  });

  it("a run's collector is not held off by an earlier, larger run's (run --compare runs two in one process)", () => {
    // The first run collects over a large heap, then lets it go; the second starts from nothing of its own.
    const first = `${grow('big')}; ${grow('big2')}; const earlier = runCollector(0); earlier.now(); globalThis.big = undefined; globalThis.big2 = undefined; collectGarbage()`;
    expect(run(`${grow('more')}; runCollector(0).ifLarge()`, first)).toEqual({ gone: true, exposed: 'undefined' });
    // Control: the earlier run's own collector, asked at the same point, would have skipped it.
    expect(run(`${grow('more')}; earlier.ifLarge()`, first)).toEqual({ gone: false, exposed: 'undefined' });
  });

  it('control: without a call the same object is still there (nothing else collected it)', () => {
    expect(run('void 0')).toEqual({ gone: false, exposed: 'undefined' });
  });
});
