// collectGarbage() runs V8's full collection in a node started without --expose-gc (as `marketsim run` and the TUI
// are) and leaves `gc` unexposed afterwards; collectIfLarge() does so only above its heap threshold. Checked in a
// node of its own, on the built code: an object only a WeakRef points at, made in an earlier turn of the event
// loop, is gone right after a collection and still there without one.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MODULE = fileURLToPath(new URL('../dist/runs/collectGarbage.js', import.meta.url));

const after = (call: string, before: string) => `
  const { collectGarbage, collectIfLarge } = await import(${JSON.stringify(MODULE)});
  const { getHeapStatistics } = await import('node:v8');
  ${before};
  const make = () => new WeakRef({ payload: new Array(1000).fill(7) });
  const ref = make();
  await new Promise((resume) => setTimeout(resume, 5));
  ${call};
  console.log(JSON.stringify({ gone: ref.deref() === undefined, exposed: typeof globalThis.gc }));
`;
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

  it('collectIfLarge() skips a collection until the heap has grown by a quarter since the last one left it', () => {
    // A collection first, then the WeakRef's object: a little garbage since is not worth another pause.
    expect(run('collectIfLarge(0)', 'collectGarbage()')).toEqual({ gone: false, exposed: 'undefined' });
    // Half the heap again, held: now it is.
    const grow = 'globalThis.big = Array.from({ length: getHeapStatistics().used_heap_size / 16 }, (_, i) => ({ i }))';
    expect(run(`${grow}; collectIfLarge(0)`, 'collectGarbage()')).toEqual({ gone: true, exposed: 'undefined' });
  });

  it('control: without a call the same object is still there (nothing else collected it)', () => {
    expect(run('void 0')).toEqual({ gone: false, exposed: 'undefined' });
  });
});
