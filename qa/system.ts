// A system under test as `marketsim check` drives it: set up one subject from a case's preconditions, send it one
// step at a time, read its state. The same three operations over a module (qa/moduleSystem.ts), HTTP
// (qa/httpSystem.ts, docs/qa-protocol.md) or marketsim's own machines (qa/builtin.ts).
import { z } from 'zod';
import type { PlanEvent, Preconditions } from '../reports/testplans/plan.js';

/** What `reset` receives: the case's preconditions plus which machine (kind of subject) it is about. */
export interface CaseSetup extends Preconditions {
  readonly machine: string;
  readonly caseId: string;
}

/** What `execute` receives: the event only, never the expectations. */
export interface StepInput {
  readonly n: number;
  readonly event: PlanEvent;
  readonly label: string;
}

/** An effect the system reports it produced: its type and its fields, flat (`{ type: "ledger", amountFen: 500, … }`). */
export interface ObservedEffect {
  readonly type: string;
  readonly [field: string]: unknown;
}

export interface StepReply {
  /** False when the system refused the event (its state must then be unchanged). */
  readonly accepted: boolean;
  readonly effects: readonly ObservedEffect[];
}

export interface Observation {
  /** Leaf state paths joined by commas, as the plans write them. */
  readonly state: string;
}

export interface SystemUnderTest {
  /** How reports and replay commands name it (the --adapter value). */
  readonly name: string;
  /** Whether this system runs cases of this machine at all; others are skipped (absent = all). */
  supports?(setup: CaseSetup): boolean | Promise<boolean>;
  reset(setup: CaseSetup): void | Promise<void>;
  execute(step: StepInput): StepReply | Promise<StepReply>;
  observe(): Observation | Promise<Observation>;
  close?(): void | Promise<void>;
}

export const stepReplySchema = z.object({
  accepted: z.boolean(),
  effects: z.array(z.object({ type: z.string() }).catchall(z.unknown())),
});

export const observationSchema = z.object({ state: z.string() });

export type { Result } from '../machines/result.js';

/** A zod issue list as one short line. */
export function issuesText(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(reply)'}: ${issue.message}`).join('; ');
}
