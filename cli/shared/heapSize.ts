// The V8 heap a run needs. Node's default old-space limit is about 4 GiB on a large machine (4,144 MiB here), and
// a run keeps every live order and every order's money facts until settlement, so a million-order run needs more:
// with the default limit it would die with V8's "heap out of memory" (exit 134) after half an hour of work. Before
// anything is written, `run` estimates the heap its scenario needs; when the limit is too small it runs itself again
// with a larger one, and when the machine has not the memory it refuses (exit 2). A limit the user gave
// (`--max-old-space-size` in NODE_OPTIONS or on node's command line) is left alone. A large run also runs again with
// a larger young generation, which makes it cheaper (`GC_FLAGS`), unless the user set it.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { constants, totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { resolveScenarioPath } from '../../scenarios/builtin.js';
import { populationMonths } from '../../scenarios/populationSchema.js';
import type { Scenario } from '../../scenarios/types.js';
import { wroteNoLog } from '../../reports/settlementInput.js';
import { readSeal } from '../../runs/integrity.js';
import { recoverFolder } from '../../runs/output/folder.js';
import { badInputLine, type Io } from '../io.js';

/**
 * Heap a run needs: a fixed part and a part per order (docs/performance.md, "the heap a run needs"). Measured on
 * the default mix at 100,000 orders: with a 500 MiB limit the simulation finishes (485 MiB live after the last
 * mark-compact) and the end of the run (settlement rows, orders.csv) runs out; with 842 MiB, this estimate, it
 * completes.
 */
export const HEAP_FIXED_MIB = 256;
export const HEAP_PER_ORDER_KIB = 6;
/** Of the machine's memory, what a relaunched run may ask for: the rest is the OS's, the page cache's, V8's own. */
const SHARE_OF_MEMORY = 0.75;
/** The child of a relaunch carries this, so it never relaunches again. */
const RELAUNCHED = 'MARKETSIM_HEAP_MIB';

export type HeapPlan =
  | { readonly kind: 'enough' }
  | { readonly kind: 'relaunch'; readonly mib: number }
  | { readonly kind: 'refuse'; readonly reason: string };

/**
 * How V8 collects a long run's garbage (docs/performance.md, "Garbage collection of large runs"). Every step replaces
 * its entity's snapshot, and the old one has often lived long enough to be copied by the young generation's
 * scavenges (16 MiB semi-spaces by default) and moved to the old space. At 100,000 orders (default mix, `--log
 * none`, 5 alternated runs) 64 MiB semi-spaces cut the scavenges from ~780 to ~220 and CPU from 44.0 s to 39.1 s
 * (medians); at a million orders see the docs. At 50,000 orders the gain was within noise, and at 10,000 the run
 * was a little slower with ~70 MiB more, so smaller runs keep node's defaults and one process.
 */
export const GC_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
export const GC_TUNED_FROM_ORDERS = 100_000;

/** node's debugger flags: a relaunch leaves them to the parent (the child would wait for a debugger, or take its port). */
const DEBUGGER_FLAG = /^--(inspect|debug)/;
const PROFILER_FLAG = /^--(cpu-prof|heap-prof|prof)/;

/** The GC flags a run of `orders` orders gets: none below the threshold, and none the user set already (either spelling). */
export function gcFlagsFor(orders: number, userFlags: readonly string[]): string[] {
  // A debugger or profiler given to node would attach to the waiting parent, not the run: a saving is not worth that.
  if (orders < GC_TUNED_FROM_ORDERS || userFlags.some((flag) => DEBUGGER_FLAG.test(flag) || PROFILER_FLAG.test(flag))) return [];
  const given = (name: string): boolean => userFlags.some((flag) => flag.replace(/_/g, '-').startsWith(`--${name}`));
  // V8 refuses --max-heap-size beside both space sizes: a user's --max-heap-size keeps the young generation as it is.
  return GC_FLAGS.filter((flag) => {
    const name = flag.slice(2, flag.indexOf('='));
    return !given(name) && !(name === 'max-semi-space-size' && given('max-heap-size'));
  });
}

/** Orders a scenario makes: its population's (ordersPerMonth × months) and the explicit timeline's. */
export function scenarioOrders(scenario: Scenario): number {
  const explicit = new Set(scenario.timeline.filter((t) => t.kind === 'order').map((t) => t.target)).size;
  const population = scenario.population;
  return explicit + (population ? population.ordersPerMonth * populationMonths(scenario.start, scenario.end) : 0);
}

export function heapNeedMib(orders: number, perOrderKib = HEAP_PER_ORDER_KIB): number {
  return HEAP_FIXED_MIB + Math.ceil((orders * perOrderKib) / 1024);
}

/**
 * What to do for `orders` orders, given the heap limit, the machine's memory and whether the user chose;
 * `perOrderKib`: a run's need per order, or settle's (SETTLE_HEAP_PER_ORDER_KIB).
 */
export function planHeap(
  orders: number,
  limitMib: number,
  memoryMib: number,
  userChose: boolean,
  perOrderKib = HEAP_PER_ORDER_KIB,
  advice = 'split the period or the population, or set NODE_OPTIONS=--max-old-space-size=<MiB> to try anyway',
): HeapPlan {
  const need = heapNeedMib(orders, perOrderKib);
  if (userChose || need <= limitMib) return { kind: 'enough' };
  const available = Math.floor(memoryMib * SHARE_OF_MEMORY);
  const gib = (mib: number): string => (mib / 1024).toFixed(1);
  if (need > available) {
    return {
      kind: 'refuse',
      reason:
        `${orders} orders need about ${gib(need)} GiB of heap, more than the ${gib(available)} GiB marketsim may take of ` +
        `this machine's ${gib(memoryMib)} GiB (${advice})`,
    };
  }
  return { kind: 'relaunch', mib: Math.min(available, Math.ceil(need * 1.5)) };
}

/**
 * The memory a run may count on, in bytes: the machine's, or less when the process runs under a memory limit (a
 * container's cgroup), which a heap sized from the machine's memory would meet as the kernel's OOM kill.
 * `constrained` is `process.constrainedMemory()`: undefined, 0 or 2^64 when there is no limit.
 */
export function usableMemory(total: number, constrained: number | undefined): number {
  return constrained !== undefined && constrained > 0 && constrained < total ? constrained : total;
}

/** The flags node was given, on its command line and in NODE_OPTIONS. */
function nodeFlags(): string[] {
  return [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/).filter((flag) => flag !== '')];
}

/** True when node was given a heap limit on its command line or in NODE_OPTIONS. */
function userChoseLimit(): boolean {
  // V8 takes either spelling, and --max-heap-size sets the limit too.
  const flag = /--max[-_](old[-_]space|heap)[-_]size/;
  return nodeFlags().some((a) => flag.test(a)) || process.env[RELAUNCHED] !== undefined;
}

/** The GC flags this run would run better with (`gcFlagsFor`), when started from the `marketsim` launcher and not itself a relaunch. */
function gcFlagsHere(orders: number): string[] {
  return launcherPath() === undefined || process.env[RELAUNCHED] !== undefined ? [] : gcFlagsFor(orders, nodeFlags());
}

/**
 * The plan for this process. A relaunch is only possible from the `marketsim` launcher itself (not from a test
 * runner or the TUI calling the command in-process): there the plan is always `enough`.
 */
export function heapPlanHere(orders: number, perOrderKib = HEAP_PER_ORDER_KIB, advice?: string): HeapPlan {
  const launched = launcherPath() !== undefined;
  const memory = usableMemory(totalmem(), process.constrainedMemory?.());
  const plan = planHeap(orders, getHeapStatistics().heap_size_limit / 2 ** 20, memory / 2 ** 20, userChoseLimit(), perOrderKib, advice);
  return plan.kind === 'relaunch' && !launched ? { kind: 'enough' } : plan;
}

/** The `marketsim` launcher this process was started from (through npm's bin link too), if it was. */
function launcherPath(): string | undefined {
  const script = process.argv[1];
  if (script === undefined) return undefined;
  try {
    const real = realpathSync(script);
    return /[\\/]cli[\\/]marketsim\.mjs$/.test(real) ? real : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs this same command again in a child node with `--max-old-space-size=<mib>` (unless `mib` is undefined) and
 * `gcFlags`, its output straight to ours; resolves to its exit code (128 + the signal's number when a signal ended
 * it). SIGINT, SIGTERM and SIGHUP sent to this process go on to the child, which removes its temporary folder and
 * exits (runs/output/cleanup.ts).
 */
export function relaunchWithHeap(mib: number | undefined, gcFlags: readonly string[] = []): Promise<number> {
  const execArgv = process.execArgv.filter((a) => !DEBUGGER_FLAG.test(a));
  const heap = mib === undefined ? [] : [`--max-old-space-size=${mib}`];
  const child = spawn(process.execPath, [...execArgv, ...heap, ...gcFlags, launcherPath() ?? process.argv[1]!, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, [RELAUNCHED]: mib === undefined ? 'default' : String(mib) },
  });
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  for (const signal of signals) process.on(signal, forward);
  const stopForwarding = (): void => {
    for (const s of signals) process.off(s, forward);
  };
  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      stopForwarding();
      reject(error);
    });
    child.on('exit', (code, signal) => {
      stopForwarding();
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 0));
    });
  });
}

/**
 * Before anything is written: undefined when the run fits here; else the exit code of the run done again in a child
 * with a larger heap (and the GC flags a large run gets), or of the refusal (exit 2, one line). `perOrderKib`: the
 * need per order when the command needs more than one run does (`run --compare`, whose diff settles both runs).
 */
export function sizeHeap(scenario: Scenario, scenarioArg: string, io: Io, perOrderKib = HEAP_PER_ORDER_KIB): Promise<number> | undefined {
  const orders = scenarioOrders(scenario);
  const plan = heapPlanHere(orders, perOrderKib);
  // A scenario read from a pipe (`cat x.yaml | marketsim run /dev/stdin`) is gone once read: a child would read
  // nothing. The GC flags are only a saving, so such a run stays here; a heap it needs is refused, in one line.
  const rereadable = canReadAgain(scenarioArg);
  if (plan.kind === 'relaunch' && !rereadable) {
    return Promise.resolve(
      badInputLine(
        `${scenarioArg}: ${orders} orders need a larger heap, and a scenario read from a pipe or standard input cannot be read again by the run that gets it (save it to a file, or set NODE_OPTIONS=--max-old-space-size=<MiB>)`,
        io,
      ),
    );
  }
  const gc = plan.kind === 'refuse' || !rereadable ? [] : gcFlagsHere(orders);
  // A large run that fits node's default heap still runs again, for the GC flags alone.
  return plan.kind === 'enough' && gc.length > 0 ? relaunchWithHeap(undefined, gc) : carryOut(plan, scenarioArg, io, gc);
}

/** Whether the scenario can be read a second time by a relaunched child: a regular file (or a built-in's), not a pipe. */
function canReadAgain(scenarioArg: string): boolean {
  const path = resolveScenarioPath(scenarioArg);
  // /dev/stdin < file is a regular file, but where the child's read starts depends on the system: not trusted.
  if (/^\/dev\/|^\/proc\/[^/]+\/fd\//.test(path)) return false;
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Heap `settle` needs per order of the run it settles: every money fact of the run, read back from its log, until
 * the settlement is built. Measured on the default mix (docs/performance.md, "the heap a run needs"): a
 * 100,000-order run dies settling with a 370 MiB limit and settles with 400 MiB (about 3.5 KiB an order above
 * node's own); a million-order run settled with node's default 4,144 MiB at a 4.1 GB peak, so 4 KiB starts the
 * relaunch just below a million orders. `diff` settles two runs and holds both.
 */
export const SETTLE_HEAP_PER_ORDER_KIB = 4;

/**
 * Heap `settle --xlsx` and `diff --xlsx` need per order: the workbook is built in memory (exceljs), at about 2.1
 * settlement rows an order; docs/reports.md measured market-large's (108k orders, 225,721 rows) at 1.6–2.6 GB
 * resident, so 32 KiB an order.
 */
export const XLSX_HEAP_PER_ORDER_KIB = 32;

const SAVED_RUN_ADVICE = 'settle it on a larger machine, or set NODE_OPTIONS=--max-old-space-size=<MiB> to try anyway';

/**
 * Before `settle` or `diff` reads its run folders: as `sizeHeap`, for the orders the folders' summary.json files
 * record (`diff`: both runs together). A folder whose summary.json says nothing readable counts 0, and so does one
 * whose size would matter but whose summary.json fails its own digest (unless `trustModified`) or says it was run
 * with `--log none`: reading it then names that problem, not the heap.
 */
export function sizeHeapForSavedRuns(dirs: readonly string[], io: Io, options: { readonly trustModified?: boolean; readonly xlsx?: boolean } = {}): Promise<number> | undefined {
  const perOrder = options.xlsx ? XLSX_HEAP_PER_ORDER_KIB : SETTLE_HEAP_PER_ORDER_KIB;
  for (const dir of dirs) if (!existsSync(dir)) recoverFolder(dir);
  const claimed = dirs.map((dir) => savedRunOrders(dir) ?? 0);
  const plan = (orders: readonly number[]): HeapPlan => heapPlanHere(orders.reduce((a, b) => a + b, 0), perOrder, SAVED_RUN_ADVICE);
  if (plan(claimed).kind === 'enough') return undefined;
  // Only a large run gets here, and settling it reads gigabytes: reading its summary.json whole is cheap beside that.
  const believed = dirs.map((dir, i) => (claimed[i]! > 0 && summaryVouches(dir, options.trustModified ?? false) ? claimed[i]! : 0));
  return carryOut(plan(believed), dirs.join(', '), io);
}

/** Whether a run's summary.json may decide the heap: its own digest holds (or the user trusts it) and it has a log. */
function summaryVouches(dir: string, trustModified: boolean): boolean {
  let text: string;
  try {
    text = readFileSync(join(dir, 'summary.json'), 'utf8');
  } catch {
    return false;
  }
  return !wroteNoLog(text) && (trustModified || readSeal(text).ok);
}

/**
 * The orders a saved run's summary.json records (`counts.entities.order`), read from its first MiB only: at a
 * million orders the file is 83 MB of final states, which this decision has no need to parse. Undefined when not
 * found there.
 */
export function savedRunOrders(dir: string): number | undefined {
  let head: string;
  try {
    const fd = openSync(join(dir, 'summary.json'), 'r');
    try {
      const buffer = Buffer.alloc(1 << 20);
      head = buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  const found = /"entities":\s*\{[^}]*?"order":\s*(\d+)/.exec(head);
  const orders = found ? Number(found[1]) : NaN;
  return Number.isSafeInteger(orders) ? orders : undefined;
}

function carryOut(heap: HeapPlan, what: string, io: Io, gcFlags: readonly string[] = []): Promise<number> | undefined {
  if (heap.kind === 'refuse') return Promise.resolve(badInputLine(`${what}: ${heap.reason}`, io));
  if (heap.kind === 'relaunch') return relaunchWithHeap(heap.mib, gcFlags);
  return undefined;
}
