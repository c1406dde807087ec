// Mutation checks: for each invariant, a planted bug (a test-only machine variant or a rules parameter) that
// breaks its rule; the invariant must catch it on some seed of a noisy random timeline, the seed must replay,
// the real machines must not fail on that same run, and the minimiser must shrink it to at most 10 events.
import type { AnyStateMachine } from 'xstate';
import { assign, createMachine } from 'xstate';
import { describe, expect, test } from 'vitest';
import type { Platform } from '../machines/domain.js';
import { productMachine } from '../machines/productMachine.js';
import { scenarioFileText } from '../reports/scenarioWriter.js';
import { SETTLEMENT_CHECKS } from '../reports/settlementChecks.js';
import { replayCommand, violationsJsonl } from '../runs/violations.js';
import { parseScenarioText, type Scenario } from '../scenarios/loader.js';
import type { EntityKind } from '../sim/engine/engine.js';
import { INVARIANTS } from '../sim/kinds/index.js';
import { KINDS } from '../sim/kinds/index.js';
import { minimise } from '../runs/minimise/minimise.js';
import { Rng } from '../sim/rng.js';
import { resolveRun, simulate, type RunOptions, type RunSetup } from '../runs/run.js';
import { formatTime, parseTime } from '../machines/time.js';
import { PLANTED } from './support/mutationPlants.js';

/** One planted bug: what it breaks and how. New invariants add one row each. */
interface Mutant {
  readonly invariant: string;
  /** The bug in words, for the test title. */
  readonly bug: string;
  /** Machine variants standing in for the real kinds (test-only). */
  readonly kinds?: Readonly<Record<string, EntityKind>>;
  /** Or a rules-parameter override, when the rules themselves can be bent into the bug. */
  readonly sets?: Readonly<Record<string, unknown>>;
  readonly platform?: Platform;
}

const config = productMachine.config;
const states = config.states!;

/** The product machine with some states replaced: a copied config with one transition changed. */
function productWithStates(patch: Record<string, unknown>): AnyStateMachine {
  return createMachine({ ...config, states: { ...states, ...patch } } as typeof config, productMachine.implementations) as unknown as AnyStateMachine;
}

function withProduct(machine: AnyStateMachine): Readonly<Record<string, EntityKind>> {
  return { ...KINDS, product: { ...KINDS.product!, machine } };
}

const MUTANTS: readonly Mutant[] = [
  {
    invariant: 'INV-DISCONTINUED-STAYS',
    bug: 'a discontinued (已停售) product can be listed again',
    kinds: withProduct(productWithStates({ discontinued: { on: { list: { target: 'listed' } } } })),
  },
  {
    invariant: 'INV-DISCONTINUED-SPEC-STAYS',
    bug: 'unhiding a discontinued spec puts it back on sale',
    kinds: withProduct(
      productMachine.provide({
        guards: { namesLiveSpec: ({ context, event }) => 'spec' in event && event.spec !== undefined && event.spec in context.specs },
        actions: {
          unhideSpec: assign({
            specs: ({ context, event }) =>
              'spec' in event && event.spec ? { ...context.specs, [event.spec]: { hidden: false, discontinued: false } } : context.specs,
          }),
          // HIDE-1: on koogallery a listed spec is unhidden by an approved modification, so the bug is planted there too.
          applyPendingVisibility: assign(({ context }) => {
            const pending = context.pendingVisibility;
            if (!pending) return {};
            const specs = Object.fromEntries(
              Object.entries(context.specs).map(([id, spec]) => [id, id in pending.specs ? { hidden: pending.specs[id]!, discontinued: false } : spec]),
            );
            return { hidden: pending.hidden ?? context.hidden, specs, pendingVisibility: undefined };
          }),
        },
      }) as unknown as AnyStateMachine,
    ),
  },
  {
    invariant: 'INV-LISTED-ONLY-AFTER-APPROVAL',
    bug: 'a draft can be listed without review',
    kinds: withProduct(productWithStates({ draft: { ...states.draft, on: { ...states.draft!.on, list: { target: 'listed' } } } })),
  },
  {
    invariant: 'INV-PACKAGE-NEVER-DELETED',
    bug: 'delisting a package deletes it',
    kinds: withProduct(
      productMachine.provide({
        actions: {
          delistPackage: assign({
            packages: ({ context, event }) =>
              event.type === 'delistPackage'
                ? Object.fromEntries(Object.entries(context.packages).filter(([id]) => id !== event.packageId))
                : context.packages,
          }),
        },
      }) as unknown as AnyStateMachine,
    ),
  },
];

// ---- a noisy random product timeline, drawn from a seed ----

const START = parseTime('2024-01-01T09:00')!;
const HOUR = 3_600_000;

const PRODUCTS = [
  { id: 'p1', merchant: 'm1', name: 'Acme CRM', deliveryType: 'saas', specs: [{ id: 's1', priceFen: 100, period: 'month' }, { id: 's2', priceFen: 300, period: 'month' }] },
  { id: 'p2', merchant: 'm1', name: 'Acme API', deliveryType: 'apiGateway', specs: [{ id: 's1', priceFen: 100, period: 'month' }], packages: [{ id: 'k1', name: 'Starter', priceFen: 500 }] },
  { id: 'p3', merchant: 'm1', name: 'Acme Image', deliveryType: 'image', specs: [{ id: 's1', priceFen: 100, period: 'month' }, { id: 's2', priceFen: 200, period: 'month' }] },
  { id: 'p4', merchant: 'm1', name: 'Acme Docs', deliveryType: 'saas', specs: [{ id: 's1', priceFen: 100, period: 'month' }] },
] as const;

type Step = Record<string, unknown> & { event: string };

/** What a seller or operator might do to a product once it has been through review once. */
const MENU: readonly ((rng: Rng, specs: readonly string[]) => Step)[] = [
  () => ({ event: 'hide' }),
  () => ({ event: 'unhide' }),
  (rng, specs) => ({ event: 'hide', spec: rng.pick(specs) }),
  (rng, specs) => ({ event: 'unhide', spec: rng.pick(specs) }),
  (rng, specs) => ({ event: 'delist', spec: rng.pick(specs) }),
  () => ({ event: 'delist' }),
  (rng) => ({ event: 'list', by: rng.pick(['seller', 'operator']) }),
  () => ({ event: 'submitChange' }),
  () => ({ event: 'approve' }),
  () => ({ event: 'reject' }),
  () => ({ event: 'withdraw' }),
  (rng) => ({ event: 'addPackage', package: { id: `k${rng.int(2, 3)}`, name: 'Extra', priceFen: 900 } }),
  (rng) => ({ event: 'delistPackage', packageId: rng.pick(['k1', 'k2']) }),
  (rng) => ({ event: 'deletePackage', packageId: rng.pick(['k1', 'k2']) }),
];

function story(rng: Rng, specs: readonly string[]): Step[] {
  const steps: Step[] = [];
  if (rng.chance({ numerator: 1, denominator: 4 })) steps.push({ event: 'list' }); // listing a draft: refused
  steps.push({ event: 'submit' });
  if (rng.chance({ numerator: 1, denominator: 5 })) steps.push({ event: 'reject' }, { event: 'submit' });
  steps.push({ event: 'approve' }, { event: 'list', by: rng.pick(['seller', 'operator']) });
  const more = rng.int(4, 12);
  for (let i = 0; i < more; i++) steps.push(rng.pick(MENU)(rng, specs));
  return steps;
}

/** Four products, each walked through its own random story; the stories interleave in time. */
function noisyScenario(seed: string): Scenario {
  const rng = new Rng(seed).fork('mutation-timeline');
  const timeline: (Step & { at: number })[] = [];
  for (const product of PRODUCTS) {
    let at = START + rng.int(1, 24) * HOUR;
    for (const step of story(rng, product.specs.map((spec) => spec.id))) {
      timeline.push({ ...step, product: product.id, at });
      at += rng.int(1, 48) * HOUR;
    }
  }
  timeline.sort((a, b) => a.at - b.at);
  const doc = {
    name: 'mutation',
    profile: 'koogallery',
    seed,
    start: formatTime(START),
    end: '2024-06-30T18:00',
    merchants: [{ id: 'm1', name: 'Acme' }],
    products: PRODUCTS,
    timeline: timeline.map(({ at, ...item }) => ({ at: formatTime(at), ...item })),
  };
  const parsed = parseScenarioText(JSON.stringify(doc), 'mutation.json');
  if (!parsed.ok) throw new Error(parsed.error.toString());
  return parsed.scenario;
}

function setupFor(scenario: Scenario, mutant: Pick<Mutant, 'platform' | 'sets'>, seed?: string): RunSetup {
  const options: RunOptions = { ...(seed ? { seed } : {}), ...(mutant.platform ? { platform: mutant.platform } : {}), ...(mutant.sets ? { sets: mutant.sets } : {}) };
  const resolved = resolveRun(scenario, options);
  if (!resolved.ok) throw new Error(resolved.error.toString());
  return resolved.setup;
}

const SEARCH_SEEDS = 120;

/** The first seed whose noisy run the invariant flags, as a sweep would find it. */
function firstFailingSeed(mutant: Mutant): { seed: string; setup: RunSetup } | undefined {
  for (let n = 1; n <= SEARCH_SEEDS; n++) {
    const setup = setupFor(noisyScenario(String(n)), mutant);
    if (simulate(setup, { kinds: mutant.kinds }).violations.some((v) => v.check === mutant.invariant)) return { seed: String(n), setup };
  }
  return undefined;
}

const checksOf = (setup: RunSetup, kinds?: RunOptions['kinds']) => simulate(setup, kinds ? { kinds } : {}).violations.map((v) => v.check);

describe('mutation checks: every invariant catches a planted bug, with a seed that replays and a trace of at most 10 events', () => {
  test.each(MUTANTS.map((m) => [m.invariant, m.bug, m] as const))('%s catches a planted bug: %s', (id, _bug, mutant) => {
    const invariant = INVARIANTS.find((inv) => inv.id === id);
    expect(invariant, `${id} is in sim/invariants.ts`).toBeDefined();

    const found = firstFailingSeed(mutant);
    expect(found, `no seed in 1..${SEARCH_SEEDS} makes ${id} fail`).toBeDefined();
    const { seed, setup } = found!;
    const result = simulate(setup, { kinds: mutant.kinds });
    const violation = result.violations.find((v) => v.check === id)!;
    expect(violation.rules).toEqual(invariant!.rules);
    // The real machines run the same seed clean of this invariant: the planted bug is what was caught.
    expect(checksOf(setup), `seed ${seed}`).not.toContain(id);

    // The seed is printed with its replay command, and replaying from that seed fails the same way.
    const line = JSON.parse(violationsJsonl(result).split('\n').find((l) => l.includes(`"check":"${id}"`))!) as { seed: string; replay: string };
    expect(line.seed).toBe(seed);
    expect(line.replay).toBe(replayCommand(setup));
    expect(line.replay).toContain(`--seed ${seed}`);
    const replayed = simulate(setupFor(noisyScenario(seed), mutant, line.seed), { kinds: mutant.kinds });
    expect(replayed.violations).toEqual(result.violations);

    // Minimised to at most 10 timeline events, and the written file still fails with the bug, not without it.
    const minimised = minimise(setup, { check: id, kinds: mutant.kinds });
    if (!minimised.ok) throw new Error(minimised.error);
    expect(minimised.before.timeline).toBeGreaterThan(20);
    expect(minimised.after.timeline, `seed ${seed}: ${minimised.scenario.timeline.map((i) => i.event).join(', ')}`).toBeLessThanOrEqual(10);
    const written = scenarioFileText(minimised.scenario, 'minimised.yaml');
    if (!written.ok) throw new Error(written.error);
    const loaded = parseScenarioText(written.text, 'minimised.yaml');
    if (!loaded.ok) throw new Error(loaded.error.toString());
    const fileSetup = setupFor(loaded.scenario, {});
    expect(checksOf(fileSetup, mutant.kinds)).toContain(id);
    expect(checksOf(fileSetup)).not.toContain(id);
  });

  // The rows for orders, merchant calls, enterprises, timers and settlement are in test/mutation.runs.test.ts.
  test('every invariant and settlement check has a planted-bug row, and no row names an unknown check', () => {
    const checks = [...INVARIANTS.map((inv) => inv.id), ...Object.values(SETTLEMENT_CHECKS).map((check) => check.id)];
    const rows = [...MUTANTS.map((m) => m.invariant), ...PLANTED.map((row) => row.invariant)];
    expect(checks.filter((id) => !rows.includes(id)), 'invariants without a planted bug').toEqual([]);
    expect(rows.filter((id) => !checks.includes(id)), 'rows for unknown invariants').toEqual([]);
    expect(new Set(rows).size, 'one row per invariant').toBe(rows.length);
  });
});
