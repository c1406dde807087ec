// Random model-based runs: long seeded walks through a machine (fast-check's fc.commands + fc.asyncModelRun),
// each step offered to the system under test and checked against the machine as the model (accepted/refused,
// state, effects). A failure is shrunk by fast-check to a short walk, printed as a path that replays it exactly.
import fc from 'fast-check';
import type { AnyEventObject, AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { getInitialSnapshot, transition } from 'xstate';
import { ALL_MODELS } from '../machines/allModels.js';
import { stateString } from '../machines/introspect/stateText.js';
import type { MachineModel, MachineVariant } from '../machines/models.js';
import { advance, caseClock, preconditionsOf, stepOf } from '../reports/testplans/cases.js';
import { testMachineOf } from './builtin.js';
import { checkStep } from './check.js';
import { observationSchema, type Result, type SystemUnderTest } from './system.js';

type Variant = MachineVariant<AnyStateMachine>;

/** A machine variant to walk and the picks that choose each step's event among those the model offers. */
export interface Walk {
  readonly model: MachineModel;
  readonly variant: Variant;
  readonly picks: readonly number[];
}

export interface WalkResult {
  /** The steps taken, in words, the failing one last. */
  readonly labels: readonly string[];
  /** Empty when every step matched. */
  readonly problems: readonly string[];
}

/** "order/koogallery-saas-period/3-0-17": machine, variant, then each step's pick. */
export function walkPath(walk: Walk): string {
  return `${walk.model.name}/${walk.variant.name}/${walk.picks.join('-')}`;
}

export function parseReplay(text: string, models: readonly MachineModel[] = ALL_MODELS): Result<{ seed: number; walk: Walk }> {
  const match = /^(-?\d+):([^/]+)\/([^/]+)\/(\d+(?:-\d+)*)?$/.exec(text);
  const bad = (why: string): Result<never> => ({ ok: false, error: `--replay ${text}: ${why} (expected '<seed>:<machine>/<variant>/<pick>-<pick>…')` });
  if (!match) return bad('not a replay token');
  const [, seed, machine, variantName, picks] = match as unknown as [string, string, string, string, string | undefined];
  const model = models.find((m) => m.name === machine);
  if (!model) return bad(`no machine ${machine}`);
  const variant = model.variants.find((v) => v.name === variantName);
  if (!variant) return bad(`${machine} has no variant ${variantName}`);
  return { ok: true, value: { seed: Number(seed), walk: { model, variant, picks: picks ? picks.split('-').map(Number) : [] } } };
}

/** The events the model offers from a snapshot (its commands and boundary values, duplicates dropped). */
function offered(model: MachineModel, snapshot: AnyMachineSnapshot): AnyEventObject[] {
  const seen = new Set<string>();
  return [...model.events(snapshot), ...(model.boundaries?.(snapshot) ?? []).map((b) => b.event)].filter((event) => {
    const key = JSON.stringify(event);
    return !seen.has(key) && seen.add(key) !== undefined;
  });
}

interface WalkState {
  snapshot: AnyMachineSnapshot;
  clock: number;
  n: number;
  readonly labels: string[];
}

class WalkFailure extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
  }
}

async function start(system: SystemUnderTest, model: MachineModel, variant: Variant): Promise<WalkState> {
  const snapshot = getInitialSnapshot(testMachineOf(model), variant.input) as AnyMachineSnapshot;
  const clock = caseClock(offered(model, snapshot));
  try {
    await system.reset({ ...preconditionsOf(variant, clock), machine: model.name, caseId: `random:${model.name}/${variant.name}` });
  } catch (error) {
    throw new WalkFailure([`reset failed: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const observed = observationSchema.safeParse(await Promise.resolve().then(() => system.observe()).catch(() => undefined));
  const expected = stateString(snapshot.value);
  if (!observed.success || observed.data.state !== expected) {
    throw new WalkFailure([`initial state: expected "${expected}", observed ${observed.success ? `"${observed.data.state}"` : 'a malformed reply'}`]);
  }
  return { snapshot, clock, n: 0, labels: [] };
}

/** Offers the pick-th event the model offers now (modulo their number), checks the system, advances the model. */
async function offer(state: WalkState, model: MachineModel, system: SystemUnderTest, pick: number): Promise<void> {
  const events = offered(model, state.snapshot);
  if (events.length === 0) throw new WalkFailure([`the model offers no event in ${stateString(state.snapshot.value)} (a model bug)`]);
  const event = events[pick % events.length]!;
  const after = transition(state.snapshot.machine, state.snapshot, event)[0] as AnyMachineSnapshot;
  const { step } = stepOf({ before: state.snapshot, event, after }, state.n + 1, state.clock);
  state.labels.push(step.label);
  const problems = await checkStep(system, step);
  if (problems.length > 0) throw new WalkFailure(problems);
  state.snapshot = after;
  state.clock = advance(state.clock, step.event);
  state.n++;
}

class Offer implements fc.AsyncCommand<WalkState, SystemUnderTest> {
  constructor(
    readonly model: MachineModel,
    readonly pick: number,
  ) {}
  check = (): boolean => true;
  run = (state: WalkState, system: SystemUnderTest): Promise<void> => offer(state, this.model, system, this.pick);
  toString = (): string => `pick ${this.pick}`;
}

/** Replays one walk step by step; stops at the first step that differs. */
export async function replayWalk(system: SystemUnderTest, walk: Walk): Promise<WalkResult> {
  let state: WalkState | undefined;
  try {
    state = await start(system, walk.model, walk.variant);
    for (const pick of walk.picks) await offer(state, walk.model, system, pick);
    return { labels: state.labels, problems: [] };
  } catch (error) {
    if (!(error instanceof WalkFailure)) throw error;
    return { labels: state?.labels ?? [], problems: error.problems };
  }
}

export interface RandomOptions {
  readonly runs: number;
  readonly seed: number;
  /** Longest walk (default 40 steps). */
  readonly maxSteps?: number;
  readonly models?: readonly MachineModel[];
}

export type RandomOutcome =
  | { readonly ok: true; readonly runs: number; readonly seed: number }
  | { readonly ok: false; readonly runs: number; readonly seed: number; readonly walk: Walk; readonly path: string; readonly result: WalkResult };

/** Seeded walks; on a failure, fast-check's shrunk walk is cut at its failing step and replayed for the report. */
export async function randomRuns(system: SystemUnderTest, options: RandomOptions): Promise<RandomOutcome> {
  const pairs = (options.models ?? ALL_MODELS).flatMap((model) => model.variants.map((variant) => ({ model, variant })));
  const walkArb = fc.nat({ max: pairs.length - 1 }).chain((index) =>
    fc.tuple(fc.constant(index), fc.commands([fc.nat({ max: 63 }).map((pick) => new Offer(pairs[index]!.model, pick))], { maxCommands: options.maxSteps ?? 40 })),
  );
  const property = fc.asyncProperty(walkArb, async ([index, commands]) => {
    const { model, variant } = pairs[index]!;
    await fc.asyncModelRun(async () => ({ model: await start(system, model, variant), real: system }), commands);
  });
  const details = await fc.check(property, { numRuns: options.runs, seed: options.seed });
  if (!details.failed || !details.counterexample) return { ok: true, runs: details.numRuns, seed: options.seed };
  const [[index, commands]] = details.counterexample;
  const { model, variant } = pairs[index]!;
  // fast-check iterates its own wrappers ({ cmd, hasRan }) around the commands it generated.
  const picks = [...commands].map((item) => ((item as unknown as { cmd?: Offer }).cmd ?? (item as Offer)).pick);
  const all: Walk = { model, variant, picks };
  const result = await replayWalk(system, all);
  // The commands after the failing step never ran; the path keeps only what the failure needs.
  const walk: Walk = { ...all, picks: all.picks.slice(0, Math.max(0, result.labels.length)) };
  return { ok: false, runs: details.numRuns, seed: options.seed, walk, path: walkPath(walk), result };
}
