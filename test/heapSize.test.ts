// The heap a run asks for (cli/shared/heapSize.ts): a run too large for node's default heap runs again with a
// larger one instead of dying with V8's "heap out of memory" half an hour in; one too large for the machine is
// refused before anything is written; a limit the user set is theirs.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GC_FLAGS, GC_TUNED_FROM_ORDERS, gcFlagsFor, HEAP_FIXED_MIB, HEAP_PER_ORDER_KIB, heapNeedMib, planHeap, savedRunOrders, scenarioOrders, SETTLE_HEAP_PER_ORDER_KIB, usableMemory, XLSX_HEAP_PER_ORDER_KIB } from '../cli/shared/heapSize.js';
import { loadScenarioFile } from '../scenarios/loader.js';
import { MARKETSIM_COMMAND, marketsimShellCommand, REPO } from './support/cli.js';

const GIB = 1024;

describe('planHeap', () => {
  test('a run that fits the default limit runs here', () => {
    expect(planHeap(100_000, 4_144, 24 * GIB, false)).toEqual({ kind: 'enough' });
  });

  test('a million orders on a 24 GiB machine with the default 4 GiB limit: relaunched with half again what it needs', () => {
    const need = HEAP_FIXED_MIB + Math.ceil((1_000_000 * HEAP_PER_ORDER_KIB) / 1024);
    expect(heapNeedMib(1_000_000)).toBe(need);
    expect(need).toBeGreaterThan(4_144);
    expect(planHeap(1_000_000, 4_144, 24 * GIB, false)).toEqual({ kind: 'relaunch', mib: Math.ceil(need * 1.5) });
  });

  test('the relaunch never asks for more than three quarters of the machine', () => {
    // Need ≈ 6.0 GiB, 1.5× that is 9.0 GiB; a 10 GiB machine gives 7.5 GiB.
    expect(planHeap(1_000_000, 4_144, 10 * GIB, false)).toEqual({ kind: 'relaunch', mib: 7_680 });
  });

  test('refused, naming the orders, the need and the memory, when the machine has not the memory', () => {
    const plan = planHeap(1_000_000, 2_048, 6 * GIB, false);
    expect(plan.kind).toBe('refuse');
    expect(plan.kind === 'refuse' && plan.reason).toMatch(/^1000000 orders need about 6\.0 GiB of heap, more than the 4\.5 GiB marketsim may take of this machine's 6\.0 GiB \(/);
  });

  test('under a container\'s memory limit, the limit is the memory (not the machine\'s): 1M orders in 6 GiB are refused', () => {
    const machine = 24 * 2 ** 30;
    expect(usableMemory(machine, 6 * 2 ** 30)).toBe(6 * 2 ** 30);
    for (const none of [undefined, 0, 2 ** 64]) expect(usableMemory(machine, none)).toBe(machine);
    expect(planHeap(1_000_000, 4_144, usableMemory(machine, 6 * 2 ** 30) / 2 ** 20, false).kind).toBe('refuse');
  });

  test('a limit the user chose is kept, even when it looks too small', () => {
    expect(planHeap(1_000_000, 2_048, 8 * GIB, true)).toEqual({ kind: 'enough' });
  });

  test('orders of a scenario: the population\'s over its months plus the explicit timeline\'s', () => {
    const loaded = loadScenarioFile('scenarios/default.yaml');
    if (!loaded.ok) throw new Error(loaded.error.toString());
    const s = loaded.scenario;
    const explicit = new Set(s.timeline.filter((t) => t.kind === 'order').map((t) => t.target)).size;
    expect(scenarioOrders(s)).toBe(explicit + (s.population ? s.population.ordersPerMonth * 12 : 0));
    expect(scenarioOrders({ ...s, population: undefined })).toBe(explicit);
  });
});

describe('gcFlagsFor: the GC flags a large run gets', () => {
  test('none below the threshold; 64 MiB semi-spaces from it', () => {
    expect(GC_FLAGS).toEqual(['--max-semi-space-size=64']);
    expect(gcFlagsFor(GC_TUNED_FROM_ORDERS - 1, [])).toEqual([]);
    expect(gcFlagsFor(10_000, [])).toEqual([]);
    expect(gcFlagsFor(GC_TUNED_FROM_ORDERS, [])).toEqual([...GC_FLAGS]);
    expect(gcFlagsFor(1_000_000, ['--max-old-space-size=5000'])).toEqual([...GC_FLAGS]);
  });

  test('a flag the user gave, in either spelling, is theirs; so is the young generation under their --max-heap-size', () => {
    expect(gcFlagsFor(1_000_000, ['--max_semi_space_size=16'])).toEqual([]);
    expect(gcFlagsFor(1_000_000, ['--max-semi-space-size=16'])).toEqual([]);
    expect(gcFlagsFor(1_000_000, ['--max-heap-size=3000'])).toEqual([]);
    expect(gcFlagsFor(1_000_000, ['--heap-growing-percent=100'])).toEqual([...GC_FLAGS]);
    // A debugger or profiler would attach to the waiting parent: no relaunch for a saving.
    for (const flag of ['--inspect', '--inspect-brk=9229', '--cpu-prof', '--heap-prof', '--prof']) expect(gcFlagsFor(1_000_000, [flag])).toEqual([]);
  });
});

describe('relaunchWithHeap (a real child node)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marketsim-heap-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the child runs the same script with the asked limit, once, and its exit code is the parent\'s', () => {
    const script = join(dir, 'relaunch.mjs');
    const module = pathToFileURL(join(process.cwd(), 'dist/cli/shared/heapSize.js')).href;
    writeFileSync(script, [
      "import { getHeapStatistics } from 'node:v8';",
      `const { relaunchWithHeap } = await import(${JSON.stringify(module)});`,
      'if (process.env.MARKETSIM_HEAP_MIB === undefined) {',
      '  process.exitCode = await relaunchWithHeap(321);',
      '} else {',
      "  process.stdout.write(`child ${process.argv.slice(2).join(' ')} limit ${Math.round(getHeapStatistics().heap_size_limit / 2 ** 20)}\\n`);",
      '  process.exitCode = 7;',
      '}',
    ].join('\n'));
    const clean = { ...process.env };
    delete clean.MARKETSIM_HEAP_MIB;
    const relaunched = spawnSync(process.execPath, [script, 'run', 'x'], { encoding: 'utf8', env: clean });
    expect(relaunched.stderr).toBe('');
    expect(relaunched.status).toBe(7);
    // V8 rounds the old-space limit and adds the young generation: about 321 MiB plus a few.
    const m = /^child run x limit (\d+)\n$/.exec(relaunched.stdout);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(321);
    expect(Number(m![1])).toBeLessThan(400);
  });
});

/** What a child node started with `env` gets: its heap limit (MiB), and the memory marketsim counts on here (MiB). */
function heapOfChild(env: NodeJS.ProcessEnv): { readonly defaultLimit: number; readonly memory: number } {
  return {
    defaultLimit: Number(spawnSync(process.execPath, ['-p', "Math.round(require('v8').getHeapStatistics().heap_size_limit / 2 ** 20)"], { encoding: 'utf8', env }).stdout),
    memory: usableMemory(totalmem(), process.constrainedMemory?.()) / 2 ** 20,
  };
}

/** The child a parent `marketsim` started (polled until its command line is past fork and exec), or undefined. */
async function childOf(parent: { readonly pid?: number | undefined }, expectFlag = '--'): Promise<{ pid: number; args: string } | undefined> {
  for (let i = 0; i < 200; i++) {
    await new Promise((r) => setTimeout(r, 50));
    const ps = spawnSync('ps', ['--ppid', String(parent.pid), '-o', 'pid=,args='], { encoding: 'utf8' }).stdout.trim();
    const m = /^(\d+)\s+(.*)$/.exec(ps);
    if (m && m[2]!.includes(expectFlag)) return { pid: Number(m[1]), args: m[2]! };
  }
  return undefined;
}

/** `marketsim run` on the million-order fixture from the real launcher, with no heap flag in its environment. */
function runOnMillion(dir: string, extra: readonly string[] = []) {
  const scenario = join(REPO, 'test/support/fixtures/million-orders.yaml');
  const out = join(dir, 'out');
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  delete env.MARKETSIM_HEAP_MIB;
  const { defaultLimit, memory } = heapOfChild(env);
  const [program, ...first] = MARKETSIM_COMMAND;
  const parent = spawn(program!, [...first, 'run', scenario, '--out', out, ...extra], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  parent.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => parent.once('exit', (code) => resolve(code)));
  return { scenario, out, defaultLimit, memory, parent, exited, stderr: () => stderr };
}

describe('marketsim run on a million orders (the real launcher)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marketsim-heap-run-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('runs itself again with the larger heap (or refuses with one line, writing nothing); Ctrl-C while it opens stops both', async () => {
    const { scenario, out, defaultLimit, memory, parent, exited, stderr } = runOnMillion(dir);
    const plan = planHeap(1_000_000 - 4, defaultLimit, memory, false);
    if (plan.kind === 'refuse') {
      expect(await exited).toBe(2);
      expect(stderr()).toBe(`marketsim: ${scenario}: ${plan.reason}\n`);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(dir)).toEqual([]);
      return;
    }
    expect(plan.kind).toBe('relaunch');
    // The child: the same command under node with the larger limit. Stop it as soon as it is seen.
    const child = await childOf(parent, '--max-old-space-size');
    expect(child, stderr()).toBeDefined();
    expect(child!.args).toBe(`${process.execPath} --max-old-space-size=${plan.kind === 'relaunch' ? plan.mib : 0} ${GC_FLAGS.join(' ')} ${join(REPO, 'cli/marketsim.mjs')} run ${scenario} --out ${out}`);
    // Ctrl-C while the child opens its million orders (seconds of drawing): the parent passes it on, the child
    // removes its temporary folder and exits 130, and so does the parent. Nothing is left.
    const temp = join(dir, `.out.tmp-${child!.pid}`);
    for (let i = 0; i < 400 && !existsSync(temp); i++) await new Promise((r) => setTimeout(r, 25));
    expect(existsSync(temp)).toBe(true);
    const signalled = Date.now();
    parent.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(Date.now() - signalled).toBeLessThan(5_000);
    expect(readdirSync(dir)).toEqual([]);
    expect(spawnSync('ps', ['-p', String(child!.pid)]).status).not.toBe(0);
  }, 60_000);
});

describe('marketsim run --compare on a million orders (the real launcher)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marketsim-heap-compare-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('is sized for its diff, which settles both runs: twice settle\'s need an order, more than one run\'s', async () => {
    const { scenario, out, defaultLimit, memory, parent, exited, stderr } = runOnMillion(dir, ['--compare', 'tencent']);
    const plan = planHeap(1_000_000 - 4, defaultLimit, memory, false, 2 * SETTLE_HEAP_PER_ORDER_KIB);
    const single = planHeap(1_000_000 - 4, defaultLimit, memory, false);
    if (plan.kind === 'refuse') {
      expect(await exited).toBe(2);
      expect(stderr()).toBe(`marketsim: ${scenario}: ${plan.reason}\n`);
      expect(readdirSync(dir)).toEqual([]);
      return;
    }
    expect(plan.kind).toBe('relaunch');
    // 8 KiB an order asks for more than a single run's 6 KiB (unless both hit the machine's cap).
    if (single.kind === 'relaunch' && plan.kind === 'relaunch' && single.mib < Math.floor(memory * 0.75)) expect(plan.mib).toBeGreaterThan(single.mib);
    const child = await childOf(parent, '--max-old-space-size');
    expect(child, stderr()).toBeDefined();
    expect(child!.args).toBe(`${process.execPath} --max-old-space-size=${plan.kind === 'relaunch' ? plan.mib : 0} ${GC_FLAGS.join(' ')} ${join(REPO, 'cli/marketsim.mjs')} run ${scenario} --out ${out} --compare tencent`);
    const temp = join(dir, `.out.tmp-${child!.pid}`);
    for (let i = 0; i < 400 && !existsSync(temp); i++) await new Promise((r) => setTimeout(r, 25));
    expect(existsSync(temp)).toBe(true);
    parent.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});

describe('what the heap check must not change', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marketsim-heap-keep-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const [program, ...first] = MARKETSIM_COMMAND;

  /** Ctrl-C to a parent whose run (here or in its child) has its temporary folder: 130, and nothing left in `dir`. */
  async function interrupt(parent: ReturnType<typeof spawn>, temp: string): Promise<void> {
    const exited = new Promise<number | null>((resolve) => parent.once('exit', (code) => resolve(code)));
    for (let i = 0; i < 400 && !existsSync(temp); i++) await new Promise((r) => setTimeout(r, 25));
    expect(existsSync(temp)).toBe(true);
    parent.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(readdirSync(dir)).toEqual([]);
  }

  test('a limit the user set, in V8\'s underscore spelling too, is kept: the child gets the GC flags only, and their NODE_OPTIONS', async () => {
    const out = join(dir, 'mine');
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '--max_old_space_size=5000' };
    delete env.MARKETSIM_HEAP_MIB;
    const scenario = join(REPO, 'test/support/fixtures/million-orders.yaml');
    const parent = spawn(program!, [...first, 'run', scenario, '--out', out], { env, stdio: 'ignore' });
    const child = await childOf(parent, GC_FLAGS[0]);
    expect(child).toBeDefined();
    expect(child!.args).toBe(`${process.execPath} ${GC_FLAGS.join(' ')} ${join(REPO, 'cli/marketsim.mjs')} run ${scenario} --out ${out}`);
    expect(readFileSync(`/proc/${child!.pid}/environ`, 'utf8').split('\0')).toContain('NODE_OPTIONS=--max_old_space_size=5000');
    await interrupt(parent, join(dir, `.mine.tmp-${child!.pid}`));
  }, 60_000);

  test('GC flags the user set too: the million orders run here, no child', async () => {
    const out = join(dir, 'all-mine');
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '--max_old_space_size=5000 --max-semi-space-size=16' };
    delete env.MARKETSIM_HEAP_MIB;
    const parent = spawn(program!, [...first, 'run', join(REPO, 'test/support/fixtures/million-orders.yaml'), '--out', out], { env, stdio: 'ignore' });
    // Its temporary folder exists once the heap decision is behind it, and by then no child was started.
    const temp = join(dir, `.all-mine.tmp-${parent.pid}`);
    for (let i = 0; i < 400 && !existsSync(temp); i++) await new Promise((r) => setTimeout(r, 25));
    expect(existsSync(temp)).toBe(true);
    expect(spawnSync('ps', ['--ppid', String(parent.pid), '-o', 'pid='], { encoding: 'utf8' }).stdout.trim()).toBe('');
    await interrupt(parent, temp);
  }, 60_000);

  test(`a run that fits node's heap but has ${GC_TUNED_FROM_ORDERS} orders or more runs again for the GC flags alone; a smaller one runs here`, async () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.NODE_OPTIONS;
    delete env.MARKETSIM_HEAP_MIB;
    const million = readFileSync(join(REPO, 'test/support/fixtures/million-orders.yaml'), 'utf8');
    const sized = (perMonth: number, name: string): string => {
      const file = join(tmpdir(), `marketsim-heap-${name}-${process.pid}.yaml`);
      writeFileSync(file, million.replace('ordersPerMonth: 83333', `ordersPerMonth: ${perMonth}`).replace('name: million-orders', `name: ${name}`));
      return file;
    };
    const large = sized(Math.ceil(GC_TUNED_FROM_ORDERS / 12), 'at-threshold');
    const small = sized(Math.floor((GC_TUNED_FROM_ORDERS - 1) / 12), 'below-threshold');
    try {
      const out = join(dir, 'large');
      const parent = spawn(program!, [...first, 'run', large, '--out', out], { env, stdio: 'ignore' });
      const child = await childOf(parent, GC_FLAGS[0]);
      expect(child).toBeDefined();
      expect(child!.args).toBe(`${process.execPath} ${GC_FLAGS.join(' ')} ${join(REPO, 'cli/marketsim.mjs')} run ${large} --out ${out}`);
      await interrupt(parent, join(dir, `.large.tmp-${child!.pid}`));

      const here = spawn(program!, [...first, 'run', small, '--out', join(dir, 'small')], { env, stdio: 'ignore' });
      const temp = join(dir, `.small.tmp-${here.pid}`);
      for (let i = 0; i < 400 && !existsSync(temp); i++) await new Promise((r) => setTimeout(r, 25));
      expect(existsSync(temp)).toBe(true);
      expect(spawnSync('ps', ['--ppid', String(here.pid), '-o', 'pid='], { encoding: 'utf8' }).stdout.trim()).toBe('');
      await interrupt(here, temp);
    } finally {
      rmSync(large, { force: true });
      rmSync(small, { force: true });
    }
  }, 60_000);

  test('a piped scenario is not run again in a child, which would read an empty pipe: large, it runs here; too large for the heap, it is refused in one line', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.NODE_OPTIONS;
    delete env.MARKETSIM_HEAP_MIB;
    const million = join(REPO, 'test/support/fixtures/million-orders.yaml');
    // Past the GC threshold, within node's heap: runs in the piped process (no child), as its temporary folder shows.
    const large = join(tmpdir(), `marketsim-heap-piped-${process.pid}.yaml`);
    writeFileSync(large, readFileSync(million, 'utf8').replace('ordersPerMonth: 83333', `ordersPerMonth: ${Math.ceil(GC_TUNED_FROM_ORDERS / 12)}`));
    try {
      const shell = spawn('sh', ['-c', `cat '${large}' | exec ${marketsimShellCommand(['run', '/dev/stdin', '--out', join(dir, 'piped-large')])}`], { env, stdio: 'ignore' });
      const exited = new Promise<number | null>((resolve) => shell.once('exit', (code) => resolve(code)));
      let temp: string | undefined;
      // Generous: on a loaded machine (CI runs two suites at a time) opening 100k orders can take seconds.
      for (const until = Date.now() + 40_000; temp === undefined && Date.now() < until; ) {
        await new Promise((r) => setTimeout(r, 25));
        temp = readdirSync(dir).find((name) => name.startsWith('.piped-large.tmp-'));
      }
      expect(temp).toBeDefined();
      const runner = Number(temp!.slice('.piped-large.tmp-'.length));
      expect(spawnSync('ps', ['--ppid', String(runner), '-o', 'pid='], { encoding: 'utf8' }).stdout.trim()).toBe('');
      process.kill(runner, 'SIGINT');
      expect(await exited).toBe(130);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(large, { force: true });
    }
    // A million orders need a larger heap than node's default here: refused, one line, nothing written.
    const { defaultLimit, memory } = heapOfChild(env);
    const plan = planHeap(1_000_000 - 4, defaultLimit, memory, false);
    const r = spawnSync('sh', ['-c', `cat '${million}' | ${marketsimShellCommand(['run', '/dev/stdin', '--out', join(dir, 'piped-million')])}`], { encoding: 'utf8', env });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      plan.kind === 'refuse'
        ? `marketsim: /dev/stdin: ${plan.reason}\n`
        : 'marketsim: /dev/stdin: 999996 orders need a larger heap, and a scenario read from a pipe or standard input cannot be read again by the run that gets it (save it to a file, or set NODE_OPTIONS=--max-old-space-size=<MiB>)\n',
    );
    expect(readdirSync(dir)).toEqual([]);
  }, 120_000);

  test('a scenario read from a pipe is read once: `marketsim run /dev/stdin` still runs', () => {
    const out = join(dir, 'piped');
    // Through a shell pipe, as a user types it (node's own stdin pipes are sockets, which /dev/stdin cannot open).
    const scenario = join(REPO, 'scenarios/publishing-koogallery.yaml');
    const r = spawnSync('sh', ['-c', `cat '${scenario}' | ${marketsimShellCommand(['run', '/dev/stdin', '--out', out])}`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(existsSync(join(out, 'summary.json'))).toBe(true);
    rmSync(out, { recursive: true, force: true });
  });
});

describe('settle and diff size their heap from the run they read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marketsim-heap-settle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = join(dir, 'run');
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_OPTIONS;
  delete env.MARKETSIM_HEAP_MIB;
  const marketsimHere = (args: readonly string[]) => spawnSync(MARKETSIM_COMMAND[0]!, [...MARKETSIM_COMMAND.slice(1), ...args], { env, encoding: 'utf8' });

  beforeAll(() => {
    expect(marketsimHere(['run', 'market-tiny', '--out', run]).status).toBe(0);
  }, 60_000);

  /** A copy of `from` whose summary.json claims `orders` orders (its digest then no longer matches). */
  function claiming(orders: number, name: string, from = run): string {
    const copy = join(dir, name);
    rmSync(copy, { recursive: true, force: true });
    cpSync(from, copy, { recursive: true });
    const file = join(copy, 'summary.json');
    const text = readFileSync(file, 'utf8');
    const claimed = text.replace(/("entities": \{[^}]*"order": )\d+/, `$1${orders}`);
    expect(claimed).not.toBe(text);
    writeFileSync(file, claimed);
    return copy;
  }

  test('the orders a run folder holds are read from summary.json\'s head', () => {
    const summary = JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8')) as { counts: { entities: { order: number } } };
    expect(summary.counts.entities.order).toBeGreaterThan(0);
    expect(savedRunOrders(run)).toBe(summary.counts.entities.order);
    expect(savedRunOrders(claiming(2_000_000, 'two-million'))).toBe(2_000_000);
    expect(savedRunOrders(join(dir, 'no-such-run'))).toBeUndefined();
  });

  test('settling needs 4 KiB an order (32 with a workbook): two million orders are settled in a child with half again that', () => {
    const need = HEAP_FIXED_MIB + Math.ceil((2_000_000 * 4) / 1024);
    expect([SETTLE_HEAP_PER_ORDER_KIB, XLSX_HEAP_PER_ORDER_KIB]).toEqual([4, 32]);
    expect(planHeap(2_000_000, 4144, 24 * GIB, false, SETTLE_HEAP_PER_ORDER_KIB)).toEqual({ kind: 'relaunch', mib: Math.ceil(need * 1.5) });
    // A 100k-order run settles within node's default limit, in this process; with --xlsx it needs more.
    expect(planHeap(100_000, 4144, 24 * GIB, false, SETTLE_HEAP_PER_ORDER_KIB)).toEqual({ kind: 'enough' });
    expect(planHeap(200_000, 4144, 24 * GIB, false, XLSX_HEAP_PER_ORDER_KIB).kind).toBe('relaunch');
  });

  test('a run too large to settle on this machine: one line naming the folder, exit 2, nothing written', () => {
    const huge = claiming(500_000_000, 'huge');
    const before = readdirSync(huge).map((name) => [name, readFileSync(join(huge, name), 'latin1')]);
    for (const args of [['settle', huge, '--trust-modified'], ['diff', run, huge, '--trust-modified']]) {
      const r = marketsimHere(args);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(huge);
      expect(r.stderr).toMatch(/orders need about [\d.]+ GiB of heap/);
    }
    expect(readdirSync(huge).map((name) => [name, readFileSync(join(huge, name), 'latin1')])).toEqual(before);
  });

  test('a size claimed by an edited summary.json, or by a run without a log, does not decide: the real reason is named', () => {
    // Without --trust-modified the edit itself is the problem.
    const edited = marketsimHere(['settle', claiming(500_000_000, 'edited')]);
    expect(edited.status).toBe(2);
    expect(edited.stderr).toContain('summary.json: was modified after the run wrote it');
    // A run made with --log none has nothing to settle, whatever its size (its digest does hold).
    const none = join(dir, 'none');
    expect(marketsimHere(['run', 'market-tiny', '--out', none, '--log', 'none']).status).toBe(0);
    const bigNone = claiming(500_000_000, 'none-huge', none);
    for (const args of [['settle', bigNone, '--trust-modified'], ['settle', bigNone]]) {
      const r = marketsimHere(args);
      expect([r.status, r.stderr.includes('--log none')], r.stderr).toEqual([2, true]);
    }
    // A bad flag is named before the heap.
    const flag = marketsimHere(['settle', claiming(500_000_000, 'flag'), '--trust-modified', '--lang', 'xx']);
    expect([flag.status, flag.stderr.includes('--lang')], flag.stderr).toEqual([2, true]);
  });

  const procChildren = existsSync(`/proc/${process.pid}/task/${process.pid}/children`);
  test.skipIf(!procChildren)('a run too large for the default heap is settled by a child with the larger limit, and its exit code is the parent\'s', async () => {
    const big = claiming(2_000_000, 'big');
    const { defaultLimit, memory } = heapOfChild(env);
    const plan = planHeap(2_000_000, defaultLimit, memory, false, SETTLE_HEAP_PER_ORDER_KIB);
    const [program, ...first] = MARKETSIM_COMMAND;
    const parent = spawn(program!, [...first, 'settle', big, '--trust-modified'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    parent.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    parent.stdout.resume();
    const exited = new Promise<number | null>((resolve) => parent.once('exit', (code) => resolve(code)));
    if (plan.kind !== 'relaunch') {
      expect(await exited).toBe(plan.kind === 'refuse' ? 2 : 0);
      return;
    }
    // The child, seen through /proc while it settles. Between fork and exec it still shows the parent's command
    // line, so the poll goes on until the heap flag is there.
    let args: string | undefined;
    let ended = false;
    void exited.then(() => (ended = true));
    while (!args?.includes('--max-old-space-size') && !ended) {
      try {
        const child = readFileSync(`/proc/${parent.pid}/task/${parent.pid}/children`, 'utf8').trim().split(' ')[0];
        if (child) args = readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').filter((a) => a !== '').join(' ');
      } catch {
        // between reads the child may come or go
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(args, stderr).toBe(`${process.execPath} --max-old-space-size=${plan.mib} ${realpathSync(join(REPO, 'cli/marketsim.mjs'))} settle ${big} --trust-modified`);
    // The tiny log really is settled there (the claim is only in the head of summary.json).
    expect(await exited, stderr).toBe(0);
    expect(readFileSync(join(big, 'settlement.csv')).equals(readFileSync(join(run, 'settlement.csv')))).toBe(true);
  }, 60_000);
});
