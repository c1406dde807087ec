// Planted bugs for the invariants beyond the product lifecycle (orders, merchant calls, enterprises, the timer
// queue, settlement), and the seeded noisy scenarios they are searched on. test/mutation.runs.test.ts runs them;
// test/mutation.test.ts checks that every invariant has a row here or in its own table.
import type { AnyStateMachine } from 'xstate';
import { assign } from 'xstate';
import { enterpriseMachine } from '../../machines/enterpriseMachine.js';
import { orderMachine } from '../../machines/orderMachine.js';
import { settle } from '../../reports/settlement.js';
import { SETTLEMENT_CHECKS } from '../../reports/settlementChecks.js';
import { loadScenarioFile, parseScenarioText, type Scenario } from '../../scenarios/loader.js';
import type { EffectHandler, EntityKind } from '../../sim/engine/engine.js';
import { KINDS } from '../../sim/kinds/index.js';
import { bindEffect } from '../../sim/module.js';
import { appliedCalls, createMerchantHandler } from '../../sim/merchant/peer.js';
import { Rng } from '../../sim/rng.js';
import type { RunContext } from '../../sim/runContext.js';
import type { RunOptions } from '../../runs/run.js';
import { Scheduler, type Handle } from '../../sim/engine/scheduler.js';
import { formatTime, parseTime } from '../../machines/time.js';
import { REPO } from './cli.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One planted bug and the seeded scenarios it is searched on. */
export interface PlantedRow {
  readonly invariant: string;
  /** The bug in words, for the test title. */
  readonly bug: string;
  /** A noisy scenario drawn from the seed (its own `seed:` is that seed, so the replay command names it). */
  readonly scenario: (seed: string) => Scenario;
  /** What the bug is planted through: machine variants, effect handlers or the settlement under check. */
  readonly plant: Pick<RunOptions, 'kinds' | 'effects' | 'settleWith'>;
  /** A bug outside what RunOptions reaches (the engine's timer queue): installs it, returns the uninstaller. */
  readonly install?: () => () => void;
}

// ---- scenarios ----

/** scenarios/market-tiny.yaml (a generated market, a few dozen orders), generated from `seed`. */
function tinyMarket(seed: string, change: (scenario: Scenario) => Scenario = (s) => s): Scenario {
  const loaded = loadScenarioFile(`${REPO}/scenarios/market-tiny.yaml`);
  if (!loaded.ok) throw new Error(loaded.error.toString());
  return change({ ...loaded.scenario, seed });
}

/**
 * Every merchant's expiry endpoint is down for the last six weeks: SaaS expiry calls then are retried under the
 * same callId (REN-3). A window, not an error rate, so dropping an unrelated call does not shift later draws.
 */
const expiryDown = (scenario: Scenario): Scenario => ({
  ...scenario,
  faults: [{ endpoint: 'expireInstance', down: { from: '2024-02-15T00:00', to: '2024-04-01T00:00' } }],
});

const START = parseTime('2024-06-03T08:00')!;
const MEMBERS = ['li', 'wang', 'zhao', 'qian'] as const;
const DEPARTMENTS = ['sales', 'rnd', 'ops'] as const;

type Step = Record<string, unknown> & { event: string };

/** What the enterprise admin might do next; sync call ids are guessed, so some retries are refused. */
const ADMIN_MENU: readonly ((rng: Rng) => Step)[] = [
  (rng) => ({ event: 'createDepartment', department: rng.pick(DEPARTMENTS) }),
  (rng) => ({ event: 'deleteDepartment', department: rng.pick(DEPARTMENTS) }),
  (rng) => ({ event: 'addMember', member: rng.pick(MEMBERS), department: rng.pick(DEPARTMENTS) }),
  (rng) => ({ event: 'addMember', member: rng.pick(MEMBERS) }),
  (rng) => ({ event: 'deleteMember', member: rng.pick(MEMBERS) }),
  (rng) => ({ event: 'resetPassword', member: rng.pick(MEMBERS) }),
  (rng) => ({ event: 'resetPassword', member: rng.pick(MEMBERS) }),
  (rng) => ({ event: 'retrySync', callId: `e1.sync.${rng.int(1, 12)}` }),
  (rng) => ({ event: 'abandonSync', callId: `e1.sync.${rng.int(1, 12)}` }),
  () => ({ event: 'dissolve' }),
];

/** One joint-operation enterprise whose admin does 20–40 random things a few minutes apart, with a flaky merchant. */
function noisyEnterprise(seed: string): Scenario {
  const rng = new Rng(seed).fork('mutation-enterprise');
  const steps: Step[] = [{ event: 'createEnterprise', merchant: 'partner', apps: ['crm'] }];
  const more = rng.int(20, 40);
  for (let i = 0; i < more; i++) steps.push(rng.pick(ADMIN_MENU)(rng));
  let at = START;
  const timeline = steps.map((step) => {
    at += rng.int(1, 6) * 60_000;
    return { at: formatTime(at), enterprise: 'e1', ...step };
  });
  const doc = {
    name: 'mutation-enterprise',
    profile: 'koogallery',
    seed,
    start: formatTime(START),
    end: formatTime(START + DAY),
    merchants: [{ id: 'partner', jointOperationMember: true }],
    products: [{ id: 'crm', merchant: 'partner', name: 'CRM', deliveryType: 'saas', productClass: 'jointOperation', specs: [{ id: 's', priceFen: 100, period: 'month' }] }],
    faults: [{ merchant: 'partner', errorRate: { numerator: 1, denominator: 3 } }],
    timeline,
  };
  const parsed = parseScenarioText(JSON.stringify(doc), 'mutation-enterprise.json');
  if (!parsed.ok) throw new Error(parsed.error.toString());
  return parsed.scenario;
}

// ---- planted bugs ----

const withKind = (kind: string, machine: AnyStateMachine): Readonly<Record<string, EntityKind>> => ({ ...KINDS, [kind]: { ...KINDS[kind]!, machine } });

/** The broken merchant: applies every attempt it receives (replied with an error or not), never checking the callId. */
function nonIdempotentMerchant(run: RunContext): EffectHandler {
  const real = bindEffect('callMerchant', createMerchantHandler(run));
  return (effect, source, world) => {
    const callId = String(effect.params.callId);
    const applied = appliedCalls(world);
    const before = applied.get(callId) ?? 0;
    real(effect, source, world);
    const counts = appliedCalls(world) as Map<string, number>; // the peer's own tally, written to plant the bug
    if ((counts.get(callId) ?? 0) === before) counts.set(callId, before + 1);
  };
}

/** The broken timer queue: every timer is delivered a minute after the instant its machine asked for. */
function lateScheduler(): () => void {
  const original = Scheduler.prototype.schedule;
  Scheduler.prototype.schedule = function <T>(this: Scheduler<T>, at: number, item: T, ...rank: [number?, string?, number?]): Handle {
    const timer = (item as { readonly source?: unknown }).source === 'timer';
    return original.call(this, timer ? at + 60_000 : at, item, ...rank);
  };
  return () => {
    Scheduler.prototype.schedule = original;
  };
}

const { everyFen, afterSupervision } = SETTLEMENT_CHECKS;

export const PLANTED: readonly PlantedRow[] = [
  {
    invariant: 'INV-TIMER-ON-TIME',
    bug: 'the timer queue delivers every delayed transition a minute late',
    scenario: (seed) => tinyMarket(seed),
    plant: {},
    install: lateScheduler,
  },
  {
    invariant: 'INV-NO-FORBIDDEN-PURCHASE',
    bug: 'the order machine ignores the product profile (hidden, delisted) at purchase',
    scenario: (seed) => tinyMarket(seed),
    plant: { kinds: withKind('order', orderMachine.provide({ guards: { purchasable: ({ event }) => event.type === 'purchase' } }) as unknown as AnyStateMachine) },
  },
  {
    invariant: 'INV-NOT-ACTIVE-PAST-VALIDITY',
    bug: 'the expiry timer waits ten years instead of until the end of the paid validity',
    scenario: (seed) => tinyMarket(seed),
    plant: { kinds: withKind('order', orderMachine.provide({ delays: { expiry: () => 3650 * DAY } }) as unknown as AnyStateMachine) },
  },
  {
    invariant: 'INV-MERCHANT-CALL-ONCE',
    bug: 'the merchant applies a retried call again (no callId check; a failed reply after applying)',
    scenario: (seed) => tinyMarket(seed, expiryDown),
    plant: { effects: { callMerchant: nonIdempotentMerchant } },
  },
  {
    invariant: 'INV-SYNC-FAILED-WAITS-FOR-ADMIN',
    bug: 'a successful sync reply also marks every failed sync done',
    scenario: noisyEnterprise,
    plant: {
      kinds: withKind(
        'enterprise',
        enterpriseMachine.provide({
          actions: {
            recordReply: assign({
              syncs: ({ context, event }) => {
                if (event.type !== 'merchantReplied') return context.syncs;
                const call = context.syncs[event.callId]!;
                const outcome = event.ok ? { status: 'done' as const } : { status: 'failed' as const, error: event.error ?? 'merchant call failed' };
                const cleared = event.ok
                  ? Object.fromEntries(Object.entries(context.syncs).map(([id, sync]) => [id, sync.status === 'failed' ? { ...sync, status: 'done' as const } : sync]))
                  : context.syncs;
                return { ...cleared, [event.callId]: { ...call, ...outcome } };
              },
            }),
          },
        }) as unknown as AnyStateMachine,
      ),
    },
  },
  {
    invariant: 'INV-DISSOLVED-ONLY-EMPTY',
    bug: 'dissolving does not check that the organisation is empty',
    scenario: noisyEnterprise,
    plant: { kinds: withKind('enterprise', enterpriseMachine.provide({ guards: { organisationEmpty: () => true } }) as unknown as AnyStateMachine) },
  },
  {
    invariant: 'INV-PASSWORD-RESET-LIMITS',
    bug: 'password resets are not throttled',
    scenario: noisyEnterprise,
    plant: { kinds: withKind('enterprise', enterpriseMachine.provide({ guards: { withinResetLimits: () => true } }) as unknown as AnyStateMachine) },
  },
  {
    invariant: everyFen.id,
    bug: 'settlement loses the refund orders',
    scenario: (seed) => tinyMarket(seed),
    plant: { settleWith: (input) => settle({ ...input, facts: { ...input.facts, ledger: [...input.facts.ledger].filter((fact) => fact.ledger.entry !== 'refund') } }) },
  },
  {
    invariant: afterSupervision.id,
    bug: 'settlement forgets which delivery types are supervised and pays them out at once',
    scenario: (seed) => tinyMarket(seed),
    plant: { settleWith: (input) => settle({ ...input, params: { ...input.params, supervisedDeliveryTypes: [] } }) },
  },
];
