// summary.json: what a run was (scenario, seed, profile, overrides) and what happened (counts, final states,
// rules exercised and refusing, violations). Pure: built from the run result (its log as digested while it ran), keys
// in a fixed order.
import type { CatalogNames, SummaryInfo } from '../reports/runInfo.js';
import type { LogEntry } from '../sim/log/entry.js';
import type { FinishedRun } from './run.js';
import { formatTime } from '../machines/time.js';

/** summary.json: what settlement reads (SummaryInfo) and the run's counts, final states and rule tallies. */
export interface RunSummary extends SummaryInfo {
  readonly counts: {
    readonly events: number;
    readonly accepted: number;
    readonly refused: number;
    readonly timers: number;
    readonly pendingAtEnd: number;
    readonly entities: Readonly<Record<string, number>>;
  };
  readonly finalStates: Readonly<Record<string, string>>;
  readonly rulesExercised: Readonly<Record<string, number>>;
  readonly rulesRefusing: Readonly<Record<string, number>>;
  /** Merchant and product names by ID: the settlement files write them beside the IDs (also under `settle`). */
  readonly names: CatalogNames;
}

function sortedCounts(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

export function ruleCounts(entries: readonly LogEntry[]): { exercised: Map<string, number>; refusing: Map<string, number> } {
  const exercised = new Map<string, number>();
  const refusing = new Map<string, number>();
  for (const entry of entries) for (const rule of entry.rules) bump(entry.accepted ? exercised : refusing, rule);
  return { exercised, refusing };
}

export function buildSummary(result: FinishedRun): RunSummary {
  const { setup, digest, world } = result;
  const { exercised, refusing } = digest;
  return {
    scenario: setup.scenario.name,
    description: setup.scenario.description,
    profile: setup.platform,
    seed: setup.seed,
    start: formatTime(setup.scenario.start),
    end: formatTime(setup.scenario.end),
    overrides: setup.overrides,
    counts: {
      events: digest.events,
      accepted: digest.accepted,
      refused: digest.refused,
      timers: digest.timers,
      pendingAtEnd: world.pendingAtEnd,
      entities: world.entities,
    },
    finalStates: world.finalStates,
    rulesExercised: sortedCounts(exercised),
    rulesRefusing: sortedCounts(refusing),
    violations: result.violations,
    names: {
      merchants: Object.fromEntries(result.merchants.map((m) => [m.id, m.name])),
      products: Object.fromEntries(setup.scenario.products.map((p) => [p.id, p.name])),
    },
  };
}

/** The short human summary `marketsim run` prints. */
export function summaryText(summary: RunSummary, outDir: string): string {
  const { counts } = summary;
  const lines = [
    `${summary.scenario} · ${summary.profile} · seed ${summary.seed} · ${summary.start} → ${summary.end}`,
    `${counts.events} events: ${counts.accepted} accepted, ${counts.refused} refused (${counts.timers} timers); ` +
      Object.entries(counts.entities).map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`).join(', '),
    `rules exercised: ${Object.keys(summary.rulesExercised).length}, refusing: ${Object.keys(summary.rulesRefusing).join(' ') || 'none'}`,
  ];
  if (summary.violations.length === 0) lines.push('no violations');
  else {
    lines.push(`${summary.violations.length} violation(s):`);
    for (const v of summary.violations.slice(0, 10)) lines.push(`  ${v.at} ${v.check} [${v.rules.join(',')}] ${v.entity}: ${v.message}`);
  }
  lines.push(`wrote ${outDir}`);
  return lines.join('\n');
}
