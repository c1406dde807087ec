// The test-plan model `marketsim tests` writes: cases with preconditions, numbered steps and the rules each step
// exercises, plus the coverage report. Plain JSON-serialisable data, shared by every output format and adapter.
import type { Platform } from '../../machines/domain.js';

/**
 * What must hold before the first step, as data a system outside marketsim can set up from: the platform, the
 * subject's full input (product with its delivery type and specs, merchant and its flags, buyer), the clock, and
 * the rules parameters that differ from the platform's defaults. The variant name is only a label.
 */
export interface Preconditions {
  readonly profile: Platform;
  /** The model variant's name, e.g. "koogallery-saas": a label for readers, not needed to set up the subject. */
  readonly variant: string;
  /** Variant facts (product type, class, …) for the QA reader. */
  readonly facts: Readonly<Record<string, string>>;
  /** Rules parameters that differ from the profile's defaults ({} = the profile as is). */
  readonly rulesOverrides: Readonly<Record<string, unknown>>;
  /** The subject's machine input without its rules parameters (product, spec, merchant, buyer, ids…), as JSON. */
  readonly subject: Readonly<Record<string, unknown>>;
  /** The instant the case starts at (epoch ms) and the same in UTC+8 text. */
  readonly clock: { readonly at: number; readonly text: string };
}

/** A timer firing, in the plan's own words: which timer, of which state, at what time. */
export interface TimerEvent extends PlanEvent {
  readonly type: 'timer';
  /** The delay's name in the rules, e.g. "expiry". */
  readonly timer: string;
  /** The state id that owns the timer, e.g. "order.serving.active". */
  readonly state: string;
  /** When it is due (epoch ms); `label` gives it in UTC+8. */
  readonly at: number;
}

/**
 * An effect a step must produce (and a system must report): its type plus the fields the rules fix — the
 * merchant endpoint and idempotency key of a call, the ledger entry and amount, the notice's template.
 */
export interface ExpectedEffect {
  readonly type: string;
  readonly [field: string]: unknown;
}

export interface PlanEvent {
  readonly type: string;
  readonly [key: string]: unknown;
}

export interface TestStep {
  /** 1-based. */
  readonly n: number;
  /** The event as sent to the system; a timer is `{ type: "timer", timer, state, at }` (see TimerEvent). */
  readonly event: PlanEvent;
  /** The step in words: "refund by buyer", "expiry timer fires: 2024-04-01 09:00". */
  readonly label: string;
  /** False when the rules refuse the event (the state must not change). */
  readonly accepted: boolean;
  /** The state after the step, in stateString notation ("listed.change.idle,listed.delisting.none"). */
  readonly expectedState: string;
  /** Rule IDs the step exercises: `meta.rules` of the transitions taken, or of the rules that refuse it. */
  readonly rules: readonly string[];
  /** Definition edges the step took, "source|event|target" (empty when refused). */
  readonly transitions: readonly string[];
  /** The effects the step must produce, in order (none when refused). */
  readonly effects: readonly ExpectedEffect[];
}

/** Why a case exists: reach a state, take a transition, try a boundary value, or be refused. */
export type CaseKind = 'state' | 'transition' | 'boundary' | 'refusal';

export interface TestCase {
  readonly id: string;
  readonly title: string;
  readonly kind: CaseKind;
  readonly machine: string;
  readonly preconditions: Preconditions;
  /** The state before the first step. */
  readonly initialState: string;
  readonly steps: readonly TestStep[];
  readonly finalExpectation: { readonly state: string; readonly done: boolean };
  /** Union of the steps' rules. */
  readonly rules: readonly string[];
}

export interface Finding {
  readonly kind: 'state' | 'transition' | 'rule';
  readonly id: string;
  /** The model's `unreachable` reason, or why it counts as a gap. */
  readonly reason: string;
  /** True when the model documents it as unreachable by design. */
  readonly byDesign: boolean;
}

export interface Ratio {
  readonly covered: number;
  readonly total: number;
  /** Items the model documents as unreachable by design; excluded from `percent`. */
  readonly excluded: number;
  /** covered / (total - excluded), 0..100, one decimal. */
  readonly percent: number;
}

export interface MachineCoverage {
  readonly machine: string;
  readonly cases: number;
  readonly states: Ratio;
  readonly transitions: Ratio;
  readonly rules: Ratio;
  readonly rulesExercised: readonly string[];
  readonly findings: readonly Finding[];
  /** Limits hit while generating (e.g. simple paths truncated). */
  readonly notes: readonly string[];
}

export interface CoverageReport {
  readonly strategy: string;
  readonly machines: readonly MachineCoverage[];
  readonly overall: { readonly states: Ratio; readonly transitions: Ratio; readonly rules: Ratio };
}

export interface MachinePlan {
  readonly machine: string;
  readonly strategy: Strategy;
  readonly cases: readonly TestCase[];
  readonly coverage: MachineCoverage;
}

export type Strategy = 'shortest' | 'simple';

export function ratio(covered: number, total: number, excluded = 0): Ratio {
  const denominator = total - excluded;
  const percent = denominator <= 0 ? 100 : Math.round((covered / denominator) * 1000) / 10;
  return { covered, total, excluded, percent: Math.min(100, percent) };
}
