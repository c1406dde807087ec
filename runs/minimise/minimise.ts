// Shrinks a failing run to a short scenario that fails the same way: delta debugging (ddmin) over the timeline,
// then dropping entities nothing needs. Every candidate is a loadable scenario run in-process; bounded runs.
import { rulesOverridesSchema } from '../../machines/rules.js';
import { scenarioDocument } from '../../reports/scenarioWriter.js';
import { parseScenarioText, type Scenario, type TimelineEntry } from '../../scenarios/loader.js';
import type { Violation } from '../../sim/log/entry.js';
import { ddmin } from './ddmin.js';
import { INVARIANTS } from '../../sim/kinds/index.js';
import { simulate, type RunOptions, type RunSetup } from '../run.js';
import { parseTime } from '../../machines/time.js';

export { ddmin } from './ddmin.js';

export interface MinimiseOptions {
  /** The check ID the shrunk run must still fail (default: the first violation's). */
  readonly check?: string;
  /** Upper bound on simulations; past it the smallest failing scenario found so far is returned. */
  readonly maxRuns?: number;
  /** Test-only machine variants (planted bugs), passed to every run. */
  readonly kinds?: RunOptions['kinds'];
  /** Test-only effect handlers (a planted merchant bug), passed to every run. */
  readonly effects?: RunOptions['effects'];
  /** Test-only settlement (a planted settlement bug), passed to every run. */
  readonly settleWith?: RunOptions['settleWith'];
}

export interface Minimised {
  readonly ok: true;
  /** Standalone: the seed, profile and every override in force are in the scenario itself. */
  readonly scenario: Scenario;
  readonly setup: RunSetup;
  readonly check: string;
  /** The first violation of that check in the shrunk run. */
  readonly violation: Violation;
  readonly before: { readonly timeline: number; readonly entities: number };
  readonly after: { readonly timeline: number; readonly entities: number };
  readonly runs: number;
  /** True when maxRuns cut the search short (the result still fails, it may not be minimal). */
  readonly exhausted: boolean;
}

export type MinimiseResult = Minimised | { readonly ok: false; readonly error: string };

export const DEFAULT_MAX_RUNS = 2000;

/** A scenario that replays `setup` on its own: its seed, profile and overrides written in. */
export function standaloneScenario(setup: RunSetup): Scenario {
  const rules = rulesOverridesSchema.parse(setup.overrides) as Scenario['rules'];
  return { ...setup.scenario, seed: setup.seed, platform: setup.platform, rules };
}

/** Runs candidates, counting and caching them; a candidate that does not load or crashes does not fail "the same way". */
class Oracle {
  runs = 0;
  exhausted = false;
  private readonly cache = new Map<string, Scenario | undefined>();

  constructor(
    private readonly setup: RunSetup,
    private readonly target: Violation,
    private readonly options: MinimiseOptions,
  ) {}

  /** The candidate as the loader reads it back, when it still fails with the check. */
  failing(candidate: Scenario, key: string): Scenario | undefined {
    if (this.cache.has(key)) return this.cache.get(key);
    const result = this.evaluate(candidate);
    this.cache.set(key, result);
    return result;
  }

  firstViolation(scenario: Scenario): Violation | undefined {
    // A step invariant's candidate stops at its first violation of that check (a long generated run need not
    // go on); a candidate whose expectation fails first is stopped there and counts as not failing the same way.
    const stepCheck = INVARIANTS.some((inv) => inv.id === this.target.check) ? { stopAtCheck: this.target.check } : {};
    const result = simulate({ ...this.setup, scenario }, { ...runOptions(this.options), ...stepCheck });
    return result.violations.find((v) => sameFailure(v, this.target));
  }

  private evaluate(candidate: Scenario): Scenario | undefined {
    if (this.runs >= (this.options.maxRuns ?? DEFAULT_MAX_RUNS)) {
      this.exhausted = true;
      return undefined;
    }
    const loaded = parseScenarioText(JSON.stringify(scenarioDocument(candidate)), 'candidate.json');
    if (!loaded.ok) return undefined;
    const scenario = { ...loaded.scenario, file: this.setup.scenario.file };
    this.runs++;
    try {
      return this.firstViolation(scenario) ? scenario : undefined;
    } catch {
      return undefined; // e.g. an event for an entity whose creating event was dropped
    }
  }
}

function runOptions({ kinds, effects, settleWith }: MinimiseOptions): RunOptions {
  return { ...(kinds ? { kinds } : {}), ...(effects ? { effects } : {}), ...(settleWith ? { settleWith } : {}) };
}

/**
 * "Fails the same way": the same check ID. EXPECT covers every expectation in the file, so there the message
 * (which event, what was expected, what happened) must match too, or ddmin would trade the expectation that
 * failed for any other that fails more cheaply.
 */
export function sameFailure(candidate: Violation, target: Violation): boolean {
  return candidate.check === target.check && (target.check !== 'EXPECT' || candidate.message === target.message);
}

const entityCount = (s: Scenario): number => s.merchants.length + s.products.length + s.buyers.length;

export function minimise(setup: RunSetup, options: MinimiseOptions = {}): MinimiseResult {
  const base = standaloneScenario(setup);
  const first = simulate({ ...setup, scenario: base }, runOptions(options));
  const target = options.check ? first.violations.find((v) => v.check === options.check) : first.violations[0];
  if (!target) {
    const what = options.check ? `no violation of ${options.check}` : 'no violation';
    return { ok: false, error: `the run has ${what} to minimise (seed ${setup.seed})` };
  }
  const oracle = new Oracle(setup, target, options);
  oracle.runs = 1;
  const shrunk = shrinkEntities(oracle, shrinkTimeline(oracle, base, target));
  const violation = oracle.firstViolation(shrunk);
  if (!violation) return { ok: false, error: 'internal: the shrunk scenario no longer fails' };
  return {
    ok: true,
    scenario: shrunk,
    setup: { ...setup, scenario: shrunk },
    check: target.check,
    violation,
    before: { timeline: base.timeline.length, entities: entityCount(base) },
    after: { timeline: shrunk.timeline.length, entities: entityCount(shrunk) },
    runs: oracle.runs + 1,
    exhausted: oracle.exhausted,
  };
}

const withTimeline = (scenario: Scenario, items: readonly TimelineEntry[]): Scenario => ({ ...scenario, timeline: items });

/**
 * Nothing after the violating step can have caused it (the engine steps in time order), so the timeline and the
 * run's end are first cut at the violation's instant: later items and timers are never run, which also makes
 * every candidate run shorter. End-of-run checks are stamped with the end, which keeps everything. Then ddmin.
 */
function shrinkTimeline(oracle: Oracle, base: Scenario, target: Violation): Scenario {
  const due = Math.max(parseTime(target.at) ?? base.end, base.start + 1000);
  const upTo = base.timeline.filter((item) => item.at <= due);
  const cut = due < base.end ? oracle.failing({ ...withTimeline(base, upTo), end: due }, `cut:${upTo.length}`) : undefined;
  let best = cut ?? base;
  const items = best.timeline;
  const kept = ddmin(items, (subset) => {
    const found = oracle.failing(withTimeline(best, subset), `t:${subset.map((item) => item.index).join(',')}`);
    return found !== undefined;
  });
  const final = oracle.failing(withTimeline(best, kept), `t:${kept.map((item) => item.index).join(',')}`);
  if (final) best = final;
  return best;
}

/** Drops merchants, products and buyers one at a time (products first: they hold merchants), keeping what fails. */
function shrinkEntities(oracle: Oracle, start: Scenario): Scenario {
  let best = start;
  for (const collection of ['products', 'buyers', 'merchants'] as const) {
    const ids = best[collection].map((entity) => entity.id);
    for (const id of ids) {
      const candidate: Scenario = { ...best, [collection]: best[collection].filter((entity) => entity.id !== id) };
      const found = oracle.failing(candidate, `e:${entityKey(candidate)}`);
      if (found) best = found;
    }
  }
  return best;
}

function entityKey(s: Scenario): string {
  return [s.merchants, s.products, s.buyers].map((list) => list.map((e) => e.id).join(',')).join('|');
}
