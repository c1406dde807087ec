// One simulation run: resolve seed and rules, build the world from the scenario, replay its timeline on the
// virtual clock and hand back the log, the violations and the final world. No I/O here.
import type { Platform } from '../machines/domain.js';
import { resolveRules, type RulesParams } from '../machines/rules.js';
import { moneyProblem } from '../scenarios/bounds.js';
import { formatPath, InputError, type Scenario } from '../scenarios/loader.js';
import { Engine, type EngineOptions, type EntityKind } from '../sim/engine/engine.js';
import type { Command, LogEntry, Violation } from '../sim/log/entry.js';
import { INVARIANTS } from '../sim/kinds/index.js';
import { KINDS } from '../sim/kinds/index.js';
import { buyerDefs, merchantDefs, productDef, seededFaker } from '../sim/market/population.js';
import { createEffectHandlers, type EffectHandlerFactory } from '../sim/kinds/index.js';
import { expandPopulation, lazyPopulation, type LazyTimeline } from '../sim/market/expand.js';
import type { Arrivals } from '../sim/market/arrivals.js';
import type { settle } from '../reports/settlement.js';
import { RunDigest } from '../reports/runDigest.js';
import type { LedgerStore } from '../reports/settlementFacts.js';
import { settlementFactChecks } from '../reports/settlementChecks.js';
import type { Settlement } from '../reports/settlement.js';
import { createPreparer } from '../sim/kinds/index.js';
import type { RunContext, ShardJoin } from '../sim/runContext.js';
import { Partition, ShardArrivals, shardTimeline, type ShardSpec } from '../sim/shards/partition.js';
import { keyedDraws, Rng } from '../sim/rng.js';
import type { BuyerDef, MerchantDef } from '../machines/catalog.js';
import { worldAtEnd, type WorldAtEnd } from './world.js';

export interface RunOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: string;
  /** Overrides the scenario's platform profile. */
  readonly platform?: Platform;
  /** `--set key=value` overrides, applied over the scenario's own `rules:`. */
  readonly sets?: Readonly<Record<string, unknown>>;
  readonly stopOnViolation?: boolean;
  /**
   * Check only this invariant (an id of INVARIANTS) and stop at its first violation: the minimiser's candidates
   * of a long generated run end there instead of running to the end. Settlement checks are not run; a failed
   * expectation (EXPECT) stops the run too.
   */
  readonly stopAtCheck?: string;
  /**
   * Sees every log entry as it is produced. `line`, when given, is the entry's events.jsonl line already encoded
   * (a run split by buyer has each line as its shard wrote it, `seq` renumbered): the same text `eventLine` gives.
   */
  readonly onEntry?: (entry: LogEntry, line?: string) => void;
  /** bench/: sees what each machine is offered (EngineOptions.onOffer). */
  readonly onOffer?: EngineOptions['onOffer'];
  /** Keep every log entry in `entries` (default). Off: only `onEntry` sees them (bench/: the engine's own memory). */
  readonly retainLog?: boolean;
  /**
   * Draw a `population:` timeline as the run consumes it instead of expanding it up front (`marketsim run`,
   * bench/): same log, far less memory. `setup.scenario.timeline` then holds only the file's own items, so
   * callers that need the whole timeline (minimise, the TUI, writing a scenario back) leave it off.
   */
  readonly lazyArrivals?: boolean;
  /**
   * `simulateYielding`: called once the run has let its engine go, before it is settled. `marketsim run` asks V8 for a
   * full collection there (the TUI passes the same to `finish()`), so the settlement and the files reuse the world's
   * memory instead of growing the heap past it (runs/collectGarbage.ts).
   */
  readonly onEngineReleased?: () => void;
  /**
   * `simulateYielding`: called after every 30 days of virtual time the run has stepped. `marketsim run` collects
   * garbage there once the heap is large (runs/collectGarbage.ts `collectIfLarge`): V8 alone lets a large
   * run's heap grow to about three times what is alive.
   */
  readonly onVirtualMonth?: () => void;
  /** Release every entity's snapshot between its steps (EngineOptions.release; same output either way). Default: on, unless MARKETSIM_RELEASE=off. */
  readonly release?: boolean;
  /**
   * Step only one shard of the buyers (sim/shards: products, enterprises and demands replicated), joining what reads
   * across buyers through `join` (runs/shards: the other shards' threads).
   */
  readonly shard?: { readonly spec: ShardSpec; readonly join: ShardJoin };
  /** Gather what the report files need from the log (default). Off: a shard's run, whose log is merged and digested whole. */
  readonly digest?: boolean;
  /** Where the digest keeps the run's money facts (reports/settlementFacts.ts): in memory unless given (`marketsim run` spills them, runs/factSpill.ts). */
  readonly ledgerStore?: LedgerStore;
  /** Test-only: machine variants with a planted bug (mutation checks); default: the real KINDS. */
  readonly kinds?: Readonly<Record<string, EntityKind>>;
  /** Test-only: effect handlers replacing the real ones by effect type (mutation checks: a merchant that is not idempotent). */
  readonly effects?: Readonly<Record<string, EffectHandlerFactory>>;
  /** Test-only: the settlement the end-of-run checks examine (mutation checks plant a broken one); default: the real one. */
  readonly settleWith?: typeof settle;
}

/** Everything a run is determined by. */
export interface RunSetup {
  readonly scenario: Scenario;
  readonly seed: string;
  readonly platform: Platform;
  readonly params: RulesParams;
  /** The overrides in force (scenario `rules:` then `--set`), as given. */
  readonly overrides: Readonly<Record<string, unknown>>;
  /** The generated timeline, drawn lazily (RunOptions.lazyArrivals); absent: `scenario.timeline` is all of it. */
  readonly lazyTimeline?: LazyTimeline;
}

/** A settlement and the rules parameters and run end it was computed under. */
export interface SettledBy {
  readonly settlement: Settlement;
  readonly params: RulesParams;
  readonly runEnd: number;
}

export interface RunResult {
  readonly setup: RunSetup;
  /** Every log entry; empty when the run did not keep them (`logRetained` false: RunOptions.retainLog). */
  readonly entries: readonly LogEntry[];
  readonly logRetained: boolean;
  /** What the report files need from the log, gathered as the run went (kept or not). */
  readonly digest: RunDigest;
  /**
   * The settlement the run's end-of-run checks computed, with what it was settled under; absent when the checks
   * were skipped or ran with a test's `settleWith`. The report files reuse it (reports/settlementFiles.ts
   * `settleRun`) when summary.json's rules and end give the same, instead of settling a large run twice.
   */
  readonly settled?: SettledBy;
  readonly violations: readonly Violation[];
  /** What summary.json reads from the entities, taken when the run ended. */
  readonly world: WorldAtEnd;
  readonly engine: Engine;
  readonly merchants: readonly MerchantDef[];
  readonly buyers: readonly BuyerDef[];
}

/**
 * What the summary and the report files are built from once a run is over: not the engine, whose entities, timers,
 * wallets and merchants' state are most of a large run's memory and which no file reads once `world` is taken.
 */
export type FinishedRun = Pick<RunResult, 'setup' | 'violations' | 'digest' | 'settled' | 'world' | 'merchants'>;

export function resolveRun(scenario: Scenario, options: RunOptions = {}): { ok: true; setup: RunSetup } | { ok: false; error: InputError } {
  const platform = options.platform ?? scenario.platform;
  const overrides = { ...scenario.rules, ...options.sets };
  const resolved = resolveRules(platform, overrides);
  if (!resolved.ok) {
    const issue = resolved.error[0]!;
    const key = String(issue.path[0] ?? '');
    const fromSet = options.sets !== undefined && Object.hasOwn(options.sets, key);
    const error = fromSet
      ? new InputError('--set', formatPath(issue.path), issue.message)
      : new InputError(scenario.file, formatPath(['rules', ...issue.path]), issue.message);
    return { ok: false, error };
  }
  const bound = moneyProblem(scenario, resolved.params);
  if (bound) return { ok: false, error: new InputError(scenario.file, bound.path, bound.reason) };
  const seed = options.seed ?? scenario.seed;
  const base = { seed, platform, params: resolved.params, overrides };
  if (options.lazyArrivals) {
    const lazy = lazyPopulation(scenario, seed, resolved.params);
    return { ok: true, setup: { ...base, scenario: lazy.scenario, ...(lazy.timeline ? { lazyTimeline: lazy.timeline } : {}) } };
  }
  return { ok: true, setup: { ...base, scenario: expandPopulation(scenario, seed, resolved.params) } };
}

export function simulate(setup: RunSetup, options: RunOptions = {}): RunResult {
  const started = startSimulation(setup, options);
  started.engine.run();
  return started.result();
}

/** Virtual time stepped between chances to yield; a chance is taken once this much wall time has passed. */
const SLICE_VIRTUAL_MS = 3_600_000;
/** Slices between two `onVirtualMonth` calls: 30 days of virtual time. */
const SLICES_A_MONTH = 30 * 24;
const YIELD_AFTER_WALL_MS = 50;

/**
 * A function that gives the event loop a turn once YIELD_AFTER_WALL_MS of wall time has passed since the last one,
 * and returns at once otherwise: call it often from a long synchronous loop made async (a run, a merge).
 */
export function eventLoopTurns(): () => Promise<void> {
  let lastYield = performance.now();
  return async (): Promise<void> => {
    if (performance.now() - lastYield < YIELD_AFTER_WALL_MS) return;
    await new Promise((resume) => setImmediate(resume));
    lastYield = performance.now();
  };
}

/**
 * `simulate`, giving the event loop a turn every few tens of milliseconds, so a stop signal (Ctrl-C) is handled
 * while a long run writes its folder. Same log as `simulate`: the same engine does the same steps in slices, as
 * the TUI runs it. The wall clock only decides when to yield, never what the run does.
 */
export async function simulateYielding(setup: RunSetup, options: RunOptions = {}): Promise<FinishedRun> {
  const turn = eventLoopTurns();
  // Opening a generated timeline plans every order once (seconds at a million): yield within it too.
  let arrivals: Arrivals | undefined;
  if (setup.lazyTimeline) {
    const opening = setup.lazyTimeline.opening();
    let step = opening.next();
    for (; !step.done; step = opening.next()) await turn();
    arrivals = step.value;
  }
  const started = startSimulation(setup, options, arrivals);
  // The engine is read in a frame of its own, never in this one: a temporary left in this (async) frame can keep the
  // engine, and so every entity, alive through finish()'s settlement (measured on market-large when this frame
  // called `started.engine.run()` itself: 392 MiB live after the collection, against 125 MiB).
  const advance = (until: number): boolean => started.engine.runUntil(until);
  let slices = 0;
  for (let until = setup.scenario.start + SLICE_VIRTUAL_MS; advance(until); until += SLICE_VIRTUAL_MS) {
    if (++slices % SLICES_A_MONTH === 0) options.onVirtualMonth?.();
    await turn();
  }
  return started.finish(options.onEngineReleased);
}

/** A run built and seeded but not yet stepped: the TUI advances it in slices of virtual time. */
export interface SimulationInProgress {
  /** The engine; gone (reading it throws) once `finish()` has let it go. */
  readonly engine: Engine;
  /** The log so far (grows as the engine steps). */
  readonly entries: readonly LogEntry[];
  /** The result, engine included; call once the engine's `run()` has finished the run (end-of-run checks included). */
  result(): RunResult;
  /**
   * Ends the run instead of `engine.run()` and `result()`: runs what is left (as `engine.run()`, end-of-run checks
   * included), takes what summary.json reads from the entities, lets the engine go, calls `onReleased`, then
   * settles. A caller that holds no other reference to the engine (nor a temporary: read it in a function of its
   * own) lets a large run's world be collected before its settlement and files are built (docs/performance.md,
   * "the end of a run").
   */
  finish(onReleased?: () => void): FinishedRun;
}

/**
 * `simulate` split in two so a caller can step the engine with `runUntil` between redraws and then call
 * `engine.run()` to finish; the log is the same as `simulate`'s because the same engine does the same steps.
 */
export function startSimulation(setup: RunSetup, options: RunOptions = {}, opened?: Arrivals): SimulationInProgress {
  const { scenario, params } = setup;
  const rng = new Rng(setup.seed);
  const { merchants, buyers } = catalogueOf(setup, rng);
  const run: RunContext = {
    params,
    scenario,
    merchants: new Map(merchants.map((m) => [m.id, m])),
    products: new Map(scenario.products.map((p) => [p.id, productDef(p, params)])),
    buyers: new Map(buyers.map((b) => [b.id, b])),
    rng,
    drawsFor: keyedDraws(rng),
    ...(options.shard ? { shards: options.shard.join } : {}),
  };
  const entries: LogEntry[] = [];
  const retainLog = options.retainLog ?? true;
  const digest = new RunDigest(params.settlementUtcOffsetMinutes, options.ledgerStore);
  const digesting = options.digest ?? true;
  // `let`: finish() lets the engine go; nothing else in this closure holds it.
  let engine: Engine | undefined = new Engine({
    start: scenario.start,
    end: scenario.end,
    rng,
    kinds: options.kinds ?? KINDS,
    prepare: createPreparer(run),
    effects: createEffectHandlers(run, options.effects),
    invariants: options.stopAtCheck === undefined ? INVARIANTS : INVARIANTS.filter((inv) => inv.id === options.stopAtCheck),
    stopOnViolation: options.stopOnViolation ?? options.stopAtCheck !== undefined,
    ...(options.release !== undefined ? { release: options.release } : {}),
    ...(options.onOffer !== undefined ? { onOffer: options.onOffer } : {}),
    onEntry: (entry) => {
      if (retainLog) entries.push(entry);
      if (digesting) digest.add(entry);
      options.onEntry?.(entry);
    },
  });
  for (const product of run.products.values()) {
    engine.spawn({ kind: 'product', id: product.id }, { params, product, merchant: run.merchants.get(product.merchantId)! });
  }
  // `opened`: the setup's lazy timeline, already opened by the caller (simulateYielding opens it in slices).
  const whole = opened ?? setup.lazyTimeline?.open();
  const shard = options.shard?.spec;
  // `scenario.timeline` holds the file's own items here (the generated ones are drawn as they come).
  const lazy = whole && shard ? new ShardArrivals(whole, new Partition(shard).learnPurchases(scenario.timeline), scenario.end) : whole;
  if (lazy) engine.feed({ peekAt: () => lazy.peekAt(), take: () => timelineCommand(lazy.take()), remaining: () => lazy.remaining });
  else for (const item of shard ? shardTimeline(scenario.timeline, shard) : scenario.timeline) engine.schedule(item.at, timelineCommand(item));
  const live = (): Engine => {
    if (!engine) throw new Error('the run was finished: its engine was let go');
    return engine;
  };
  const conclude = (violations: readonly Violation[], steps: number): Omit<FinishedRun, 'world'> =>
    concludeRun(setup, digest, violations, steps, merchants, options);
  const result = (): RunResult => {
    const ended = live();
    let world: WorldAtEnd | undefined;
    // Taken when read: minimise, sweeps and most tests never read it, and it walks every entity.
    return {
      ...conclude(ended.violations, ended.stepCount),
      get world(): WorldAtEnd {
        return (world ??= worldAtEnd(ended, SUMMARY_KINDS));
      },
      entries,
      logRetained: retainLog,
      engine: ended,
      buyers,
    };
  };
  // The end of the run and what the rest of it reads from the engine, in a frame of its own: finish() holds no
  // reference to the engine when it lets it go.
  const endRun = (): { world: WorldAtEnd; violations: readonly Violation[]; steps: number } => {
    const ended = live();
    ended.run();
    return { world: worldAtEnd(ended, SUMMARY_KINDS), violations: [...ended.violations], steps: ended.stepCount };
  };
  const finish = (onReleased?: () => void): FinishedRun => {
    const { world, violations, steps } = endRun();
    engine = undefined;
    onReleased?.();
    return { ...conclude(violations, steps), world };
  };
  return {
    get engine(): Engine {
      return live();
    },
    entries,
    result,
    finish,
  };
}

/** The merchants and buyers a run's scenario names, drawn from the run's `names` stream. */
export function catalogueOf(setup: RunSetup, rng: Rng = new Rng(setup.seed)): { merchants: MerchantDef[]; buyers: BuyerDef[] } {
  const faker = seededFaker(rng.fork('names'));
  const merchants = merchantDefs(setup.scenario.merchants, faker);
  return { merchants, buyers: buyerDefs(setup.scenario.buyers, faker) };
}

/**
 * The end of a run once its log is complete: the settlement checks need the whole log's facts, so they run once the
 * engine is done (a stopped run skips them). A run split by buyer ends the same way, from its merged log.
 */
export function concludeRun(
  setup: RunSetup,
  digest: RunDigest,
  violations: readonly Violation[],
  steps: number,
  merchants: readonly MerchantDef[],
  options: Pick<RunOptions, 'stopOnViolation' | 'stopAtCheck' | 'settleWith'> = {},
): Omit<FinishedRun, 'world'> {
  const { params, scenario } = setup;
  const skip = (violations.length > 0 && options.stopOnViolation) || options.stopAtCheck !== undefined;
  const checked = skip ? undefined : settlementFactChecks(digest.settlementFacts(), params, scenario.end, steps, options.settleWith);
  const settled = checked && options.settleWith === undefined ? { settled: { settlement: checked.settlement, params, runEnd: scenario.end } } : {};
  return { setup, digest, violations: [...violations, ...(checked?.violations ?? [])], merchants, ...settled };
}

/** The kinds summary.json counts, in its order (the real kinds' names, also when a test plants variants). */
export const SUMMARY_KINDS: readonly string[] = Object.keys(KINDS);

function timelineCommand(item: Scenario['timeline'][number]): Command {
  return {
    target: { kind: item.kind, id: item.target },
    event: { type: item.event, by: item.by, ...(item.subUser !== undefined ? { subUser: item.subUser } : {}), ...item.payload },
    source: 'timeline',
    line: item.index,
    ...(item.expect !== undefined ? { expect: item.expect } : {}),
  };
}
