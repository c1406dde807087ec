// Puts a run split by buyer back together: the shards' logs merged into the whole run's log, `seq` renumbered; their
// violations and their worlds joined. Each shard steps its commands in the whole run's order restricted to its own
// (the engine's same-instant order depends on no other entity's commands), so the whole run's next line is always
// the least next line of the shards, by rank; a replicated entity's line is the next line of every shard at once.
import type { LogEntry, Violation } from '../../sim/log/entry.js';
import { REPLICATED_KINDS } from '../../sim/shards/partition.js';
import { worldFrom, type WorldAtEnd } from '../world.js';
import { countedOf, rankBefore, type CountedLine, type Unit, type UnitReader } from './units.js';

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
  // A line the merge does not parse is checked this far: whole at both ends.
  if (!line.startsWith('{"seq":') || !line.endsWith('}')) throw new ShardsDisagree(`a shard's line is not one whole log entry: ${line.slice(0, 60)}`);
  return line.slice(line.indexOf(','));
};

/** Where the merged log goes, line by line, in the whole run's order. */
export interface MergedLog {
  /** A line the run's digest reads (`tagOf` empty), parsed, with its text. */
  readonly onEntry: (entry: LogEntry, line: string) => void;
  /** A line it only counts, as its tag gives it, at the whole run's instant `at` (epoch ms), with its text. */
  readonly onCounted: (counted: CountedLine, at: number, line: string) => void;
}

/**
 * Merges the shards' logs into `log` in the whole run's order with `seq` renumbered (each line's text is the shard's,
 * never encoded again; only the lines the digest reads are parsed), and joins their violations (a step's renumbered,
 * the end's by check in `checks` order, then entity) and their worlds. Yields every few thousand units, so its caller
 * can give the event loop a turn (a stop signal is handled while a large run merges).
 */
export function* mergeShards(
  readers: readonly UnitReader[],
  outcomes: readonly ShardOutcome[],
  log: MergedLog,
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
    const lines = least.lines.map((text, k): MergedLine => {
      const counted = countedOf(least.tags[k]!);
      return counted ? { text, counted } : { text, entry: JSON.parse(text) as LogEntry & { seq: number } };
    });
    const last = lines[lines.length - 1]!;
    const kind = last.counted ? last.counted.kind : kindOf(last.entry!.entity);
    // Only for a message: the line is parsed here when it was not (a bug is being reported).
    const entity = (): string => (lines[0]!.entry ?? (JSON.parse(lines[0]!.text) as LogEntry)).entity;
    const replicated = REPLICATED_KINDS.has(kind);
    if (holders.length !== (replicated ? count : 1)) {
      throw new ShardsDisagree(`${holders.length} of ${count} shards logged ${least.rankText} (${entity()}): ${replicated ? 'a replicated entity must be stepped by every shard' : 'an entity of one buyer by one shard'}`);
    }
    for (const i of holders.slice(1)) {
      const other = heads[i]!;
      // A line's tag is made from its text: equal texts have equal tags.
      if (other.lines.length !== least.lines.length || other.lines.some((line, k) => afterSeq(line) !== afterSeq(least.lines[k]!))) {
        throw new ShardsDisagree(`shards stepped ${entity()} differently at ${least.rankText}: a read across buyers was not joined`);
      }
    }
    for (const { text, entry, counted } of lines) {
      for (const i of holders) {
        const own = local[i]!++;
        if (wanted[i]!.has(own)) renumbered[i]!.set(own, seq);
      }
      // The shard's text with the whole run's seq: what JSON.stringify(entry) gives, without encoding it again.
      const line = `{"seq":${seq}${afterSeq(text)}\n`;
      if (entry) {
        entry.seq = seq;
        if (entry.source !== 'spawn') steps++;
        log.onEntry(entry, line);
      } else {
        if (counted!.source !== 'spawn') steps++;
        log.onCounted(counted!, least.rank.at, line);
      }
      seq++;
    }
    for (const i of holders) heads[i] = readers[i]!.next();
    if ((++units & 4095) === 0) yield;
  }
  for (let i = 0; i < count; i++) {
    if (local[i] !== outcomes[i]!.lines) throw new ShardsDisagree(`shard ${i} wrote ${local[i]} lines and reported ${outcomes[i]!.lines}`);
  }
  return { violations: joinViolations(stepViolations, renumbered, outcomes, seq, checks), steps, world: joinWorlds(outcomes, summaryKinds) };
}

/** One line of a unit: parsed when the digest reads it, else what its tag says. */
interface MergedLine {
  readonly text: string;
  readonly entry?: LogEntry & { seq: number };
  readonly counted?: CountedLine;
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
