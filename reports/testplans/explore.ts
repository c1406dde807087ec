// Explores one model variant with xstate/graph's createTestModel: the adjacency map of abstract states, the
// shortest path to each of them (BFS, in the model's event order), and depth-bounded simple paths.
import type { AnyEventObject, AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { getInitialSnapshot } from 'xstate';
import { createTestModel } from 'xstate/graph';
import type { MachineModel, MachineVariant } from '../../machines/models.js';

/** One step of a walk: the snapshot before, the event, the snapshot after. */
export interface Move {
  readonly before: AnyMachineSnapshot;
  readonly event: AnyEventObject;
  readonly after: AnyMachineSnapshot;
}

export interface Vertex {
  readonly key: string;
  readonly snapshot: AnyMachineSnapshot;
  /** Outgoing moves in the model's event order, refused events included (after = before). */
  readonly moves: readonly Move[];
}

export interface Exploration {
  readonly initial: AnyMachineSnapshot;
  /** Vertices in breadth-first order from the initial state. */
  readonly vertices: readonly Vertex[];
  /** Shortest walk to each vertex, by key. */
  readonly pathTo: ReadonlyMap<string, readonly Move[]>;
  /** The library's shortest paths (one per abstract state, prefixes of longer paths dropped). */
  readonly shortest: readonly (readonly Move[])[];
}

function eventsOf(model: MachineModel, snapshot: AnyMachineSnapshot): AnyEventObject[] {
  const seen = new Set<string>();
  const offered = [...model.events(snapshot), ...(model.boundaries?.(snapshot) ?? []).map((b) => b.event)];
  return offered.filter((event) => !seen.has(JSON.stringify(event)) && seen.add(JSON.stringify(event)) !== undefined);
}

function testModelFor(model: MachineModel, testMachine: AnyStateMachine, variant: MachineVariant<AnyStateMachine>) {
  return createTestModel(testMachine, {
    events: (snapshot) => eventsOf(model, snapshot),
    serializeState: (snapshot) => model.serialize(snapshot),
    input: variant.input,
  });
}

function toMoves(initial: AnyMachineSnapshot, steps: readonly { event: AnyEventObject; state: unknown }[]): Move[] {
  const moves: Move[] = [];
  let before = initial;
  for (const step of steps) {
    if (step.event.type === 'xstate.init') continue;
    const after = step.state as AnyMachineSnapshot;
    moves.push({ before, event: step.event, after });
    before = after;
  }
  return moves;
}

/** Breadth-first over the adjacency map; the walk to each vertex is a shortest one. */
function breadthFirst(adjacency: ReturnType<ReturnType<typeof testModelFor>['getAdjacencyMap']>, model: MachineModel, initial: AnyMachineSnapshot) {
  const vertices: Vertex[] = [];
  const pathTo = new Map<string, readonly Move[]>([[model.serialize(initial), []]]);
  const queue = [model.serialize(initial)];
  for (let i = 0; i < queue.length; i++) {
    const key = queue[i]!;
    const entry = adjacency[key as keyof typeof adjacency];
    if (!entry) continue;
    const snapshot = entry.state as AnyMachineSnapshot;
    const moves = Object.values(entry.transitions).map((t) => ({ before: snapshot, event: t.event, after: t.state as AnyMachineSnapshot }));
    vertices.push({ key, snapshot, moves });
    for (const move of moves) {
      const next = model.serialize(move.after);
      if (pathTo.has(next)) continue;
      pathTo.set(next, [...pathTo.get(key)!, move]);
      queue.push(next);
    }
  }
  return { vertices, pathTo };
}

export function explore(model: MachineModel, testMachine: AnyStateMachine, variant: MachineVariant<AnyStateMachine>): Exploration {
  const testModel = testModelFor(model, testMachine, variant);
  const adjacency = testModel.getAdjacencyMap();
  const shortestPaths = testModel.getShortestPaths();
  const initial = getInitialSnapshot(testMachine, variant.input) as AnyMachineSnapshot;
  const { vertices, pathTo } = breadthFirst(adjacency, model, initial);
  const shortest = shortestPaths.map((path) => toMoves(initial, path.steps));
  return { initial, vertices, pathTo, shortest };
}

/**
 * Simple paths (no abstract state twice) of at most `maxDepth` steps, each maximal: it ends where no unvisited
 * state is one step away or the depth is reached. Depth-first over the adjacency map, so the bound holds
 * (xstate's getSimplePaths has no depth bound). `limit` caps the count; exceeding it is reported by the caller.
 */
export function simplePaths(exploration: Exploration, model: MachineModel, maxDepth: number, limit: number): { paths: Move[][]; truncated: boolean } {
  const byKey = new Map(exploration.vertices.map((v) => [v.key, v]));
  const paths: Move[][] = [];
  const walk = (key: string, visited: Set<string>, moves: Move[]): void => {
    if (paths.length >= limit) return;
    const onward = moves.length >= maxDepth ? [] : byKey.get(key)!.moves.filter((m) => !visited.has(model.serialize(m.after)));
    if (onward.length === 0 && moves.length > 0) paths.push(moves);
    for (const move of onward) {
      const next = model.serialize(move.after);
      walk(next, new Set([...visited, next]), [...moves, move]);
    }
  };
  const start = model.serialize(exploration.initial);
  walk(start, new Set([start]), []);
  return { paths, truncated: paths.length >= limit };
}
