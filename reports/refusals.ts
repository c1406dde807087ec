// Refusals grouped by the rule that refused them, with a few examples each (the report's "refusal reasons by
// rule"). Gathered entry by entry, so a streamed run and a saved log give the same groups. Pure.
import type { LogEntry } from '../sim/log/entry.js';

/** A refusal that names no rule: the event is simply not accepted in the state its entity is in. */
export const NO_RULE = '(no rule)';

/** Examples kept per rule: a reader needs a few to see the reasons, not thousands. */
const EXAMPLES_PER_RULE = 3;

export interface RefusalExample {
  readonly at: string;
  readonly entity: string;
  readonly event: string;
  readonly state: string;
  readonly reason: string;
}

export interface RefusalGroup {
  readonly rule: string;
  readonly count: number;
  /** The first refusals of the log with distinct reasons, in log order. */
  readonly examples: readonly RefusalExample[];
}

export class RefusalDigest {
  private readonly groups = new Map<string, { count: number; examples: RefusalExample[] }>();

  add(entry: LogEntry): void {
    if (entry.accepted || entry.source === 'spawn') return;
    const rules = entry.rules.length > 0 ? entry.rules : [NO_RULE];
    for (const rule of rules) {
      let group = this.groups.get(rule);
      if (!group) {
        group = { count: 0, examples: [] };
        this.groups.set(rule, group);
      }
      group.count++;
      const reason = entry.reason ?? '';
      if (group.examples.length < EXAMPLES_PER_RULE && !group.examples.some((e) => e.reason === reason)) {
        group.examples.push({ at: entry.at, entity: entry.entity, event: entry.event, state: entry.state, reason });
      }
    }
  }

  /** Most refusals first; ties by rule ID, so the order never depends on the log's interleaving. */
  result(): RefusalGroup[] {
    return [...this.groups]
      .map(([rule, g]) => ({ rule, count: g.count, examples: [...g.examples] }))
      .sort((a, b) => b.count - a.count || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  }
}

export function refusalsOf(entries: readonly LogEntry[]): RefusalGroup[] {
  const digest = new RefusalDigest();
  for (const entry of entries) digest.add(entry);
  return digest.result();
}
