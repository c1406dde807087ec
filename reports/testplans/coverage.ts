// Coverage of a machine's generated cases: state nodes reached, definition edges taken and catalogued rule IDs
// exercised; whatever no case reaches is a finding, with the model's `unreachable` reason when it has one.
import type { MachineModel } from '../../machines/models.js';
import type { GeneratedCase } from './cases.js';
import { stateIds, transitionEdges } from './edges.js';
import { ratio, type CoverageReport, type Finding, type MachineCoverage, type MachinePlan, type Ratio } from './plan.js';

const NO_PATH = 'no generated case reaches it, and the model gives no reason (model.unreachable)';

/** The model's reason for an edge: under its key, else under its source or target state. */
function edgeReason(model: MachineModel, edge: string): string | undefined {
  const [source, , target] = edge.split('|');
  const unreachable = model.unreachable ?? {};
  return unreachable[edge] ?? unreachable[source!] ?? (target ? unreachable[target] : undefined);
}

function findingsFor(kind: Finding['kind'], missing: readonly string[], reasonOf: (id: string) => string | undefined): Finding[] {
  return missing.map((id) => {
    const reason = reasonOf(id);
    return { kind, id, reason: reason ?? (kind === 'rule' ? 'no generated case exercises it' : NO_PATH), byDesign: reason !== undefined };
  });
}

function measure(all: readonly string[], covered: ReadonlySet<string>, findings: readonly Finding[]): Ratio {
  const hit = all.filter((id) => covered.has(id)).length;
  return ratio(hit, all.length, findings.filter((f) => f.byDesign).length);
}

export function machineCoverage(model: MachineModel, cases: readonly GeneratedCase[], notes: readonly string[] = []): MachineCoverage {
  const states = stateIds(model.machine);
  const edges = transitionEdges(model.machine);
  const reached = new Set(cases.flatMap((c) => [...c.nodes]));
  const taken = new Set(cases.flatMap((c) => [...c.edges]));
  const exercised = new Set(cases.flatMap((c) => c.testCase.rules));
  const stateFindings = findingsFor('state', states.filter((id) => !reached.has(id)), (id) => model.unreachable?.[id]);
  const edgeFindings = findingsFor('transition', edges.filter((e) => !taken.has(e)), (e) => edgeReason(model, e));
  const ruleFindings = findingsFor('rule', model.rules.filter((r) => !exercised.has(r)), (r) => model.unreachable?.[r]);
  return {
    machine: model.name,
    cases: cases.length,
    states: measure(states, reached, stateFindings),
    transitions: measure(edges, taken, edgeFindings),
    rules: measure(model.rules, exercised, ruleFindings),
    rulesExercised: [...exercised].sort(),
    findings: [...stateFindings, ...edgeFindings, ...ruleFindings],
    notes: [...notes],
  };
}

function sum(ratios: readonly Ratio[]): Ratio {
  const add = (pick: (r: Ratio) => number) => ratios.reduce((total, r) => total + pick(r), 0);
  return ratio(add((r) => r.covered), add((r) => r.total), add((r) => r.excluded));
}

export function coverageReport(plans: readonly MachinePlan[], strategy: string): CoverageReport {
  const machines = plans.map((p) => p.coverage);
  return {
    strategy,
    machines,
    overall: {
      states: sum(machines.map((m) => m.states)),
      transitions: sum(machines.map((m) => m.transitions)),
      rules: sum(machines.map((m) => m.rules)),
    },
  };
}

/** The lowest percentage anywhere (per machine and metric): what `--min-coverage` compares against. */
export function lowestPercent(report: CoverageReport): number {
  const all = report.machines.flatMap((m) => [m.states.percent, m.transitions.percent, m.rules.percent]);
  return all.length === 0 ? 100 : Math.min(...all);
}

/** A few lines for the terminal. */
export function coverageText(report: CoverageReport): string[] {
  const line = (name: string, c: { states: Ratio; transitions: Ratio; rules: Ratio }) =>
    `${name.padEnd(14)} states ${fmt(c.states)}  transitions ${fmt(c.transitions)}  rules ${fmt(c.rules)}`;
  const lines = report.machines.map((m) => `${line(m.machine, m)}  (${m.cases} cases)`);
  lines.push(line('overall', report.overall));
  for (const m of report.machines) for (const f of m.findings) lines.push(`finding ${m.machine} ${f.kind} ${f.id}: ${f.reason}`);
  return lines;
}

function fmt(r: Ratio): string {
  return `${r.covered}/${r.total}${r.excluded ? ` (-${r.excluded} by design)` : ''} ${r.percent}%`;
}
