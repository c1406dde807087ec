// Puts a run split by buyer back together: the shards' logs merged into the whole run's log, `seq` renumbered; their
// violations and their worlds joined. Each shard steps its commands in the whole run's order restricted to its own
// (the engine's same-instant order depends on no other entity's commands), so the whole run's next line is always
// the least next line of the shards, by rank; a replicated entity's line is the next line of every shard at once.
import type { LogEntry, Violation } from '../../sim/log/entry.js';
import { REPLICATED_KINDS } from '../../sim/shards/partition.js';
import { worldFrom, type WorldAtEnd } from '../world.js';
import { rankBefore, type Unit, type UnitReader } from './units.js';

/** What a shard hands back besides its log file. */
export interface ShardOutcome {
  /** Its violations, with its own `seq`: a step's, or the end's (seq = its line count). */
  readonly violations: readonly Violation[];
  /** The lines it logged, and the orders it made (its own buyers'). */
  readonly lines: number;
  readonly orders: number;
  /** `kind:id` → final state, for the kinds summary.json counts (replicated ones too). */
  readonly finalStates: readonly (readonly [string, string])[];
  /** Queued commands at the end for its own entities, and for the replicated ones. */
  readonly queuedOwn: number;
  readonly queuedReplicated: number;
  /** Timeline items left after the end (the whole timeline's: the same in every shard). */
  readonly arrivalsLeft: number;
}

export interface Merged {
  readonly violations: Violation[];
  readonly steps: number;
  readonly world: WorldAtEnd;
}

/** A bug: the shards did not step a replicated entity alike, or one shard lacks what another has. */
export class ShardsDisagree extends Error {}

const kindOf = (entity: string): string => entity.slice(0, entity.indexOf(':'));
/** The line without its `{"seq":N` (shards number their lines apart; the engine writes `seq` first). */
const afterSeq = (line: string): string => {
  if (!line.startsWith('{"seq":')) throw new ShardsDisagree(`a shard's line does not start with its seq: ${line.slice(0, 60)}`);
  return line.slice(line.indexOf(','));
};

/**
 * Merges the shards' logs into `onEntry` in the whole run's order with `seq` renumbered, and joins their violations
 * (a step's renumbered, the end's by check in `checks` order, then entity) and their worlds. Yields every few
 * thousand units, so its caller can give the event loop a turn (a stop signal is handled while a large run merges).
 */
export function* mergeShards(
  readers: readonly UnitReader[],
  outcomes: readonly ShardOutcome[],
  onEntry: (entry: LogEntry, line: string) => void,
  summaryKinds: readonly string[],
  checks: readonly string[],
): Generator<void, Merged> {
  const count = readers.length;
  // Each shard's step violations by its own seq, to renumber as their lines are merged.
  const stepViolations = outcomes.map((o) => o.violations.filter((v) => v.seq < o.lines));
  const wanted = stepViolations.map((vs) => new Set(vs.map((v) => v.seq)));
  const renumbered = outcomes.map(() => new Map<number, number>());
  const heads: (Unit | undefined)[] = readers.map((r) => r.next());
  const local = outcomes.map(() => 0);
  let seq = 0;
  let steps = 0;
  let units = 0;
  for (;;) {
    let least: Unit | undefined;
    for (const head of heads) if (head && (!least || rankBefore(head.rank, least.rank))) least = head;
    if (!least) break;
    const holders: number[] = [];
    for (let i = 0; i < count; i++) if (heads[i]?.rankText === least.rankText) holders.push(i);
    const entries = least.lines.map((line) => JSON.parse(line) as LogEntry & { seq: number });
    const replicated = REPLICATED_KINDS.has(kindOf(entries[entries.length - 1]!.entity));
    if (holders.length !== (replicated ? count : 1)) {
      throw new ShardsDisagree(`${holders.length} of ${count} shards logged ${least.rankText} (${entries[0]!.entity}): ${replicated ? 'a replicated entity must be stepped by every shard' : 'an entity of one buyer by one shard'}`);
    }
    for (const i of holders.slice(1)) {
      const other = heads[i]!;
      if (other.lines.length !== least.lines.length || other.lines.some((line, k) => afterSeq(line) !== afterSeq(least.lines[k]!))) {
        throw new ShardsDisagree(`shards stepped ${entries[0]!.entity} differently at ${least.rankText}: a read across buyers was not joined`);
      }
    }
    entries.forEach((entry, k) => {
      for (const i of holders) {
        const own = local[i]!++;
        if (wanted[i]!.has(own)) renumbered[i]!.set(own, seq);
      }
      entry.seq = seq;
      if (entry.source !== 'spawn') steps++;
      // The shard's text with the whole run's seq: what JSON.stringify(entry) gives, without encoding it again.
      onEntry(entry, `{"seq":${seq}${afterSeq(least.lines[k]!)}\n`);
      seq++;
    });
    for (const i of holders) heads[i] = readers[i]!.next();
    if ((++units & 4095) === 0) yield;
  }
  for (let i = 0; i < count; i++) {
    if (local[i] !== outcomes[i]!.lines) throw new ShardsDisagree(`shard ${i} wrote ${local[i]} lines and reported ${outcomes[i]!.lines}`);
  }
  return { violations: joinViolations(stepViolations, renumbered, outcomes, seq, checks), steps, world: joinWorlds(outcomes, summaryKinds) };
}

function joinViolations(
  stepViolations: readonly (readonly Violation[])[],
  renumbered: readonly ReadonlyMap<number, number>[],
  outcomes: readonly ShardOutcome[],
  lines: number,
  checks: readonly string[],
): Violation[] {
  const seen = new Set<string>();
  const unique = (v: Violation): boolean => {
    const key = JSON.stringify([v.seq, v.check, v.entity, v.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  // A step's violations in the order of its line; one step's, in the order its shard checked them.
  const steps = stepViolations
    .flatMap((vs, i) => vs.map((v, k) => ({ v: { ...v, seq: renumbered[i]!.get(v.seq)! }, k })))
    .sort((a, b) => a.v.seq - b.v.seq || a.k - b.k)
    .map(({ v }) => v)
    .filter(unique);
  // The end's: by check as the engine runs them, then by entity (Engine.checkEnd sorts them so).
  const order = new Map(checks.map((id, i) => [id, i]));
  const ends = outcomes
    .flatMap((o) => o.violations.filter((v) => v.seq >= o.lines))
    .map((v) => ({ ...v, seq: lines }))
    .sort((a, b) => (order.get(a.check) ?? 0) - (order.get(b.check) ?? 0) || (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : 0))
    .filter(unique);
  return [...steps, ...ends];
}

/** The shards' final states (each entity from one shard: the replicated kinds from the first) as one world. */
function joinWorlds(outcomes: readonly ShardOutcome[], summaryKinds: readonly string[]): WorldAtEnd {
  const pendingAtEnd = outcomes.reduce((sum, o) => sum + o.queuedOwn, outcomes[0]!.queuedReplicated + outcomes[0]!.arrivalsLeft);
  return worldFrom(outcomes.flatMap((o) => o.finalStates), summaryKinds, pendingAtEnd);
}
