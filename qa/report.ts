// What `marketsim check` prints: each failing case with its step, what differed and the command replaying it
// alone, then one summary line; and the replay command itself (arguments shell-quoted so it can be copied).
import type { CaseOutcome, CheckSummary } from './check.js';
import { failureText } from './junit.js';
import type { RandomOutcome } from './random.js';

/** POSIX shell quoting, only where needed. */
export function shellArg(value: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export function commandLine(args: readonly string[]): string {
  return ['marketsim', ...args].map(shellArg).join(' ');
}

/** The flags that chose the system and the plans; a replay adds the case (or the walk) to them. */
export interface CheckTarget {
  readonly adapter: string;
  readonly plans?: string;
}

export function caseReplay(target: CheckTarget, caseId: string): string {
  return commandLine(['check', '--adapter', target.adapter, ...(target.plans ? ['--plans', target.plans] : []), '--case', caseId]);
}

export function summaryLines(summary: CheckSummary, replayOf: (o: CaseOutcome) => string): string[] {
  const lines: string[] = [];
  for (const outcome of summary.outcomes) if (outcome.status === 'failed') lines.push(`FAIL ${failureText(outcome, replayOf(outcome))}`);
  const machines = [...new Set(summary.outcomes.map((o) => o.machine))].map((machine) => {
    const list = summary.outcomes.filter((o) => o.machine === machine);
    return `${machine} ${list.filter((o) => o.status === 'passed').length}/${list.length}`;
  });
  lines.push(`${summary.outcomes.length} cases: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped (${machines.join(', ')}) in ${(summary.ms / 1000).toFixed(1)} s`);
  return lines;
}

export function randomLines(outcome: RandomOutcome, adapter: string): string[] {
  if (outcome.ok) return [`random: ${outcome.runs} walks from seed ${outcome.seed}: every step matched the model`];
  const replay = commandLine(['check', '--adapter', adapter, '--replay', `${outcome.seed}:${outcome.path}`]);
  return [
    `FAIL random: seed ${outcome.seed}, a walk failed after ${outcome.runs} passing ones; shrunk to ${outcome.result.labels.length} step${outcome.result.labels.length === 1 ? '' : 's'} (${outcome.walk.model.name}, ${outcome.walk.variant.name}):`,
    ...outcome.result.labels.map((label, i) => `  ${i + 1}. ${label}`),
    ...outcome.result.problems.map((p) => `  - ${p}`),
    `path: ${outcome.seed}:${outcome.path}`,
    `replay: ${replay}`,
  ];
}
