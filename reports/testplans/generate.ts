// Generates one machine's test plan from its exploration model: a case per path of the chosen strategy, then
// cases for every definition edge no path took, every boundary value and every refusal the rules name.
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { getNextTransitions } from 'xstate';
import type { Platform } from '../../machines/domain.js';
import type { MachineModel, MachineVariant } from '../../machines/models.js';
import { timersAsEvents } from '../../machines/testable.js';
import { explainRefusal } from '../../machines/introspect/refusal.js';
import { stateString } from '../../machines/introspect/stateText.js';
import { buildCase, type GeneratedCase } from './cases.js';
import { machineCoverage } from './coverage.js';
import { edgesTaken } from './edges.js';
import { explore, simplePaths, type Exploration, type Move, type Vertex } from './explore.js';
import type { CaseKind, MachinePlan, PlanEvent, Strategy } from './plan.js';
import { eventShortLabel } from './text.js';

export interface GenerateOptions {
  readonly strategy: Strategy;
  /** Depth bound of simple paths (default: the model's maxDepth, else 8). */
  readonly maxDepth?: number;
  /** Only the variants of this profile. */
  readonly profile?: Platform;
  /** Most simple paths per variant; beyond it the plan says it was truncated. */
  readonly simplePathLimit?: number;
}

type Variant = MachineVariant<AnyStateMachine>;

interface Explored {
  readonly variant: Variant;
  readonly exploration: Exploration;
}

/** Collects cases in order, numbering them and tracking which edges are already taken. */
class CaseBook {
  readonly cases: GeneratedCase[] = [];
  readonly edges = new Set<string>();
  constructor(
    private readonly model: MachineModel,
    private readonly testMachine: AnyStateMachine,
  ) {}

  add(kind: CaseKind, title: string, variant: Variant, initial: AnyMachineSnapshot, moves: readonly Move[]): void {
    const id = `${this.model.name}-${String(this.cases.length + 1).padStart(4, '0')}`;
    const built = buildCase({ id, title, kind, machine: this.testMachine, machineName: this.model.name, variant, initial, moves });
    this.cases.push(built);
    for (const edge of built.edges) this.edges.add(edge);
  }
}

const state = (snapshot: AnyMachineSnapshot): string => stateString(snapshot.value);
const label = (move: Move): string => eventShortLabel(move.event as PlanEvent);
const isTimer = (move: Move): boolean => move.event.type.startsWith('xstate.after.');
const handles = (snapshot: AnyMachineSnapshot, type: string): boolean =>
  getNextTransitions(snapshot).some((t) => t.eventType === type);

function pathCases(book: CaseBook, explored: readonly Explored[], model: MachineModel, options: GenerateOptions): string[] {
  const notes: string[] = [];
  for (const { variant, exploration } of explored) {
    let walks: readonly (readonly Move[])[] = exploration.shortest;
    if (options.strategy === 'simple') {
      const depth = options.maxDepth ?? model.maxDepth ?? 8;
      const simple = simplePaths(exploration, model, depth, options.simplePathLimit ?? 2000);
      if (simple.truncated) notes.push(`${variant.name}: simple paths truncated at ${options.simplePathLimit ?? 2000}`);
      walks = simple.paths;
    }
    for (const walk of walks) {
      const last = walk.at(-1)?.after ?? exploration.initial;
      book.add('state', `${variant.name}: reach ${state(last)}`, variant, exploration.initial, walk);
    }
  }
  return notes;
}

function transitionCases(book: CaseBook, explored: readonly Explored[]): void {
  for (const { variant, exploration } of explored) {
    for (const vertex of exploration.vertices) {
      for (const move of vertex.moves) {
        if (!edgesTaken(move.before, move.event).some((edge) => !book.edges.has(edge))) continue;
        const title = `${variant.name}: ${label(move)} in ${state(move.before)} → ${state(move.after)}`;
        book.add('transition', title, variant, exploration.initial, [...exploration.pathTo.get(vertex.key)!, move]);
      }
    }
  }
}

/**
 * The first timer that fires from where a move ends, so a boundary's outcome shows (e.g. a review's verdict). A timer
 * that leads somewhere else comes before one that only loops back (a periodic job shows no outcome).
 */
function timerAfter(exploration: Exploration, model: MachineModel, move: Move): Move[] {
  const key = model.serialize(move.after);
  const next = exploration.vertices.find((v) => v.key === key);
  const timers = next?.moves.filter((m) => isTimer(m) && edgesTaken(m.before, m.event).length > 0) ?? [];
  const timer = timers.find((m) => model.serialize(m.after) !== key) ?? timers[0];
  return timer ? [timer] : [];
}

function boundaryCases(book: CaseBook, explored: readonly Explored[], model: MachineModel): void {
  if (!model.boundaries) return;
  for (const { variant, exploration } of explored) {
    const chosen = new Map<string, { vertexKey: string; move: Move; handled: boolean }>();
    for (const vertex of exploration.vertices) {
      for (const boundary of model.boundaries(vertex.snapshot)) {
        const previous = chosen.get(boundary.label);
        const handled = handles(vertex.snapshot, boundary.event.type);
        if (previous && (previous.handled || !handled)) continue;
        const move = vertex.moves.find((m) => JSON.stringify(m.event) === JSON.stringify(boundary.event));
        if (move) chosen.set(boundary.label, { vertexKey: vertex.key, move, handled });
      }
    }
    for (const [boundaryLabel, { vertexKey, move }] of chosen) {
      const moves = [...exploration.pathTo.get(vertexKey)!, move, ...timerAfter(exploration, model, move)];
      const outcome = edgesTaken(move.before, move.event).length > 0 ? `→ ${state(moves.at(-1)!.after)}` : 'refused';
      book.add('boundary', `${variant.name}: ${label(move)} with ${boundaryLabel} ${outcome}`, variant, exploration.initial, moves);
    }
  }
}

/**
 * The vertex's moves plus the model's events the traversal skipped because the state has no transition for
 * them (xstate/graph only offers a state's own event types): those are refused and change nothing.
 */
function movesWithUnhandled(vertex: Vertex, model: MachineModel): Move[] {
  const offered = new Set(vertex.moves.map((m) => JSON.stringify(m.event)));
  const skipped = model.events(vertex.snapshot).filter((event) => !offered.has(JSON.stringify(event)));
  return [...vertex.moves, ...skipped.map((event) => ({ before: vertex.snapshot, event, after: vertex.snapshot }))];
}

/** Events the rules refuse where the state handles them or names the refusing rule; one case per kind of refusal. */
function refusalCases(book: CaseBook, explored: readonly Explored[], model: MachineModel): void {
  const seen = new Set<string>();
  for (const { variant, exploration } of explored) {
    for (const vertex of exploration.vertices) {
      for (const move of movesWithUnhandled(vertex, model)) {
        if (isTimer(move) || edgesTaken(move.before, move.event).length > 0) continue;
        const { rules } = explainRefusal(move.before, move.event);
        if (rules.length === 0 && !handles(move.before, move.event.type)) continue;
        const done = move.before.status === 'done';
        const key = `${state(move.before)}|${done ? '*' : move.event.type}|${rules.join(',')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const title = `${variant.name}: ${label(move)} refused in ${state(move.before)}${rules.length ? ` (${rules.join(', ')})` : ''}`;
        book.add('refusal', title, variant, exploration.initial, [...exploration.pathTo.get(vertex.key)!, move]);
      }
    }
  }
}

export function generateMachinePlan(model: MachineModel, options: GenerateOptions): MachinePlan {
  const testMachine = timersAsEvents(model.machine);
  const variants = model.variants.filter((v) => options.profile === undefined || v.profile === options.profile);
  const explored = variants.map((variant) => ({ variant, exploration: explore(model, testMachine, variant) }));
  const book = new CaseBook(model, testMachine);
  const notes = pathCases(book, explored, model, options);
  transitionCases(book, explored);
  boundaryCases(book, explored, model);
  refusalCases(book, explored, model);
  const coverage = machineCoverage(model, book.cases, notes);
  return { machine: model.name, strategy: options.strategy, cases: book.cases.map((c) => c.testCase), coverage };
}
