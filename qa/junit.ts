// JUnit XML for CI: one <testsuite> per machine, one <testcase> per plan case named by its id and title, a
// <failure> carrying the failing step, what differed and the command that replays the case alone.
import type { CaseOutcome, CheckSummary } from './check.js';

/** XML text: the five escapes, and characters XML 1.0 cannot hold dropped. */
export function xmlText(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** The failure in words: where, what differed, how to replay. */
export function failureText(outcome: CaseOutcome, replay: string): string {
  const failure = outcome.failure!;
  const where = failure.step === 0 ? failure.label : `step ${failure.step} (${failure.label})`;
  return [`${outcome.caseId} "${outcome.title}" failed at ${where}:`, ...failure.problems.map((p) => `  - ${p}`), `replay: ${replay}`].join('\n');
}

function testcase(outcome: CaseOutcome, replayOf: (o: CaseOutcome) => string): string {
  const open = `    <testcase classname="marketsim.${xmlText(outcome.machine)}" name="${xmlText(`${outcome.caseId} ${outcome.title}`)}" time="${seconds(outcome.ms)}"`;
  if (outcome.status === 'passed') return `${open}/>`;
  if (outcome.status === 'skipped') return `${open}>\n      <skipped message="the system does not run ${xmlText(outcome.machine)} cases"/>\n    </testcase>`;
  const first = outcome.failure!.problems[0] ?? 'failed';
  return `${open}>\n      <failure message="${xmlText(first)}" type="mismatch">${xmlText(failureText(outcome, replayOf(outcome)))}</failure>\n    </testcase>`;
}

export function junitXml(summary: CheckSummary, replayOf: (o: CaseOutcome) => string, suiteName = 'marketsim check'): string {
  const machines = [...new Set(summary.outcomes.map((o) => o.machine))];
  const count = (list: readonly CaseOutcome[], status: CaseOutcome['status']) => list.filter((o) => o.status === status).length;
  const suites = machines.map((machine) => {
    const list = summary.outcomes.filter((o) => o.machine === machine);
    const ms = list.reduce((total, o) => total + o.ms, 0);
    const attrs = `name="${xmlText(machine)}" tests="${list.length}" failures="${count(list, 'failed')}" errors="0" skipped="${count(list, 'skipped')}" time="${seconds(ms)}"`;
    return `  <testsuite ${attrs}>\n${list.map((o) => testcase(o, replayOf)).join('\n')}\n  </testsuite>`;
  });
  const total = `tests="${summary.outcomes.length}" failures="${summary.failed}" errors="0" skipped="${summary.skipped}" time="${seconds(summary.ms)}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xmlText(suiteName)}" ${total}>\n${suites.join('\n')}\n</testsuites>\n`;
}

/** Random walks as one testcase: passed, or failed with the shrunk walk's report (seed, steps, path, replay). */
export function randomJunit(name: string, failed: boolean, lines: readonly string[]): string {
  const body = failed ? `>\n      <failure message="${xmlText(lines[0] ?? 'failed')}" type="mismatch">${xmlText(lines.join('\n'))}</failure>\n    </testcase>` : '/>';
  const counts = `tests="1" failures="${failed ? 1 : 0}" errors="0" skipped="0"`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="marketsim check --random" ${counts}>\n  <testsuite name="random" ${counts}>\n    <testcase classname="marketsim.random" name="${xmlText(name)}"${body}\n  </testsuite>\n</testsuites>\n`;
}
