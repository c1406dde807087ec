// collectGarbage() runs V8's full collection in a node started without --expose-gc (as `marketsim run` and the TUI
// are) and leaves `gc` unexposed afterwards. Checked in a node of its own, on the built code: an object only a
// WeakRef points at, made in an earlier turn of the event loop, is gone right after the call.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const MODULE = fileURLToPath(new URL('../dist/cli/shared/collectGarbage.js', import.meta.url));

const script = (collect: boolean) => `
  const { collectGarbage } = await import(${JSON.stringify(MODULE)});
  const make = () => new WeakRef({ payload: new Array(1000).fill(7) });
  const ref = make();
  await new Promise((resume) => setTimeout(resume, 5));
  ${collect ? 'collectGarbage();' : ''}
  console.log(JSON.stringify({ gone: ref.deref() === undefined, exposed: typeof globalThis.gc }));
`;
const run = (collect: boolean) =>
  JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script(collect)], { encoding: 'utf8', timeout: 30_000 })) as { gone: boolean; exposed: string };

it('collects what nothing holds, without leaving gc exposed', () => {
  expect(run(true)).toEqual({ gone: true, exposed: 'undefined' });
});

it('control: without the call the same object is still there (nothing else collected it)', () => {
  expect(run(false)).toEqual({ gone: false, exposed: 'undefined' });
});
