// Runs one or more simulations in slices of virtual time between redraws, so the run screen stays live and
// Esc/q can cancel; reads the wall clock (injected) only for events per second and the ETA.
import { useEffect, useRef, useState } from 'react';
import type { FinishedRun, RunOptions, RunSetup, SimulationInProgress } from '../../runs/run.js';
import type { Arrivals } from '../../sim/market/arrivals.js';
import { startSimulation } from '../../runs/run.js';
import { collectGarbage, collectIfLarge } from '../../runs/collectGarbage.js';
import { LogSpoolWriter } from './logSpool.js';
import { fractionDone, monthEnd, monthOf, monthsOf, tallyEntry, type MonthTally } from './progress.js';

/** One simulation to run: the base run, then the comparison variant. */
export interface RunJob {
  readonly label: string;
  readonly setup: RunSetup;
  readonly options: RunOptions;
  /** Where the run's events.jsonl is spooled as it runs (logSpool.ts): the log is never held in memory. */
  readonly logFile: string;
}

/** A finished month, labelled with its job so two runs' months can scroll in one list. */
export interface FinishedMonth extends MonthTally {
  readonly key: string;
  readonly job: string;
}

export interface RunProgress {
  readonly job: string;
  readonly jobIndex: number;
  readonly jobs: number;
  readonly virtualNow: number;
  readonly fraction: number;
  readonly events: number;
  readonly orders: number;
  readonly elapsedMs: number;
}

export type SlicedRunState =
  | { readonly phase: 'running'; readonly progress: RunProgress; readonly months: readonly FinishedMonth[] }
  | { readonly phase: 'done'; readonly results: readonly FinishedRun[]; readonly months: readonly FinishedMonth[] }
  | { readonly phase: 'failed'; readonly message: string; readonly months: readonly FinishedMonth[] };

export interface SliceOptions {
  /** Wall clock in ms (performance.now in the app; a fake in tests). */
  readonly now: () => number;
  /** Wall time one tick may spend stepping before it yields to input and redraw. */
  readonly tickBudgetMs?: number;
}

/** Mutable bookkeeping of the job in progress (kept in a ref: it changes every slice). */
interface Cursor {
  index: number;
  /** Undefined while the generated timeline is being opened (`opening`): a million orders take seconds. */
  sim: SimulationInProgress | undefined;
  opening: Generator<void, Arrivals> | undefined;
  options: RunOptions;
  spool: LogSpoolWriter;
  tallies: Map<string, MonthTally>;
  months: string[];
  reported: number;
  startedAt: number;
  spanMs: number;
}

const HOUR = 60 * 60 * 1000;

function openJob(job: RunJob, index: number, startedAt: number): Cursor {
  const tallies = new Map<string, MonthTally>();
  const spool = new LogSpoolWriter(job.logFile);
  const onEntry = (entry: Parameters<NonNullable<RunOptions['onEntry']>>[0]): void => {
    tallyEntry(tallies, entry);
    spool.add(entry);
  };
  const options: RunOptions = { ...job.options, retainLog: false, onEntry };
  const opening = job.setup.lazyTimeline?.opening();
  const sim = opening ? undefined : startSimulation(job.setup, options);
  const { start, end } = job.setup.scenario;
  return { index, sim, opening, options, spool, tallies, months: monthsOf(start, end), reported: 0, startedAt, spanMs: HOUR };
}

/** Opens the job's generated timeline for up to the tick budget; the simulation starts once it is open. */
function openFor(cursor: Cursor, job: RunJob, budgetMs: number, now: () => number): void {
  const opening = cursor.opening;
  if (!opening) return;
  const t0 = now();
  for (;;) {
    const step = opening.next();
    if (step.done) {
      cursor.sim = startSimulation(job.setup, cursor.options, step.value);
      cursor.opening = undefined;
      return;
    }
    if (now() - t0 >= budgetMs) return;
  }
}

/** Months now complete (or all, once the run is over) that have not scrolled up yet. */
function newlyFinished(cursor: Cursor, sim: SimulationInProgress, job: RunJob, over: boolean): FinishedMonth[] {
  const current = monthOf(sim.engine.now);
  const out: FinishedMonth[] = [];
  while (cursor.reported < cursor.months.length) {
    const month = cursor.months[cursor.reported]!;
    if (!over && month >= current) break;
    const t = cursor.tallies.get(month) ?? { month, events: 0, accepted: 0, refused: 0, orders: 0 };
    out.push({ ...t, key: `${cursor.index}:${month}`, job: job.label });
    cursor.reported++;
  }
  return out;
}

/** Steps the job for up to the tick budget; true when its timeline is done (end checks still to run). */
function stepFor(cursor: Cursor, sim: SimulationInProgress, budgetMs: number, now: () => number): boolean {
  const engine = sim.engine;
  const t0 = now();
  let more = true;
  while (more && now() - t0 < budgetMs) {
    const s0 = now();
    const until = Math.min(engine.now + cursor.spanMs, monthEnd(monthOf(engine.now)));
    more = engine.runUntil(until);
    // Grow the span while slices are cheap, shrink it when one takes a big share of the tick.
    const took = now() - s0;
    if (took < budgetMs / 8) cursor.spanMs = Math.min(cursor.spanMs * 2, 31 * 24 * HOUR);
    else if (took > budgetMs / 2) cursor.spanMs = Math.max(cursor.spanMs / 2, 1000);
  }
  return !more;
}

export function useSlicedRun(jobs: readonly RunJob[], options: SliceOptions): SlicedRunState & { cancel: () => void } {
  const { now, tickBudgetMs = 40 } = options;
  const [state, setState] = useState<SlicedRunState>(() => ({
    phase: 'running',
    progress: { job: jobs[0]?.label ?? '', jobIndex: 0, jobs: jobs.length, virtualNow: jobs[0]?.setup.scenario.start ?? 0, fraction: 0, events: 0, orders: 0, elapsedMs: 0 },
    months: [],
  }));
  const cancelled = useRef(false);
  useEffect(() => {
    let timer: NodeJS.Immediate | undefined;
    const results: FinishedRun[] = [];
    let months: FinishedMonth[] = [];
    let cursor: Cursor | undefined;
    const tick = (): void => {
      if (cancelled.current) return;
      try {
        if (!cursor) cursor = openJob(jobs[results.length]!, results.length, now());
        const job = jobs[cursor.index]!;
        if (!cursor.sim) openFor(cursor, job, tickBudgetMs, now);
        const sim = cursor.sim;
        if (!sim) {
          setState({ phase: 'running', progress: progressOf(cursor, jobs, now), months });
          timer = setImmediate(tick);
          return;
        }
        const over = stepFor(cursor, sim, tickBudgetMs, now);
        const completed = newlyFinished(cursor, sim, job, over);
        // A month of virtual time done: a large run collects its garbage (as `marketsim run` does every 30 days).
        if (completed.length > 0 && !over) collectIfLarge();
        months = [...months, ...completed];
        if (over) {
          // finish(): the end-of-run checks, exactly as simulate() does them; then the engine is let go and collected
          // before the run is settled (its entities are most of a large run's memory). This frame never reads
          // `sim.engine`, so it keeps no temporary reference to it.
          results.push(sim.finish(collectGarbage));
          cursor.spool.flush();
          if (results.length === jobs.length) return setState({ phase: 'done', results, months });
          cursor = openJob(jobs[results.length]!, results.length, now());
        }
        setState({ phase: 'running', progress: progressOf(cursor, jobs, now), months });
        timer = setImmediate(tick);
      } catch (error) {
        setState({ phase: 'failed', message: error instanceof Error ? error.message : String(error), months });
      }
    };
    timer = setImmediate(tick);
    return () => {
      cancelled.current = true;
      if (timer) clearImmediate(timer);
    };
    // The jobs are fixed for the life of the run screen: a new run mounts a new screen.
  }, []);
  return { ...state, cancel: () => void (cancelled.current = true) };
}

function progressOf(cursor: Cursor, jobs: readonly RunJob[], now: () => number): RunProgress {
  const job = jobs[cursor.index]!;
  const { start, end } = job.setup.scenario;
  const virtualNow = cursor.sim?.engine.now ?? start;
  let events = 0;
  let orders = 0;
  for (const t of cursor.tallies.values()) (events += t.events), (orders += t.orders);
  return {
    job: job.label,
    jobIndex: cursor.index,
    jobs: jobs.length,
    virtualNow,
    fraction: fractionDone(start, end, virtualNow),
    events,
    orders,
    elapsedMs: now() - cursor.startedAt,
  };
}
