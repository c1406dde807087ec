// The fast path's entry point: one compiled stepper per machine (built on first use, cached), or none when the
// machine uses a feature the tables do not reproduce; `MARKETSIM_FAST_PATH=off` turns it off for the process.
import type { AnyEventObject, AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { Stepper, type StepResult } from './stepper.js';
import { compileTables } from './tables.js';

export type { StepResult } from './stepper.js';

/** A compiled step: the result, or undefined when this one step must be left to XState. */
export type FastStep = (snapshot: AnyMachineSnapshot, event: AnyEventObject) => StepResult | undefined;

/** A compiled initialTransition: the initial snapshot and actions, or undefined to leave it to XState. */
export type FastInitial = (input: unknown) => StepResult | undefined;

export interface Compiled {
  readonly step: FastStep | undefined;
  readonly initial: FastInitial | undefined;
  /** Why the machine is stepped by XState instead (empty when it is compiled). */
  readonly unsupported: readonly string[];
}

const cache = new WeakMap<AnyStateMachine, Compiled>();

export function compileMachine(machine: AnyStateMachine): Compiled {
  let compiled = cache.get(machine);
  if (!compiled) {
    const tables = compileTables(machine);
    if (tables.unsupported.length > 0) {
      compiled = { step: undefined, initial: undefined, unsupported: tables.unsupported };
    } else {
      const stepper = new Stepper(tables);
      const step: FastStep = (snapshot, event) => {
        try {
          return stepper.step(snapshot, event);
        } catch {
          // Anything unexpected (a guard that throws, a delay that is not a number): XState decides, and
          // reproduces its own error if there is one. The step is pure, so nothing needs undoing.
          return undefined;
        }
      };
      const initial: FastInitial = (input) => {
        try {
          return stepper.initial(input);
        } catch {
          // A context function that throws: XState makes its error snapshot.
          return undefined;
        }
      };
      compiled = { step, initial, unsupported: [] };
    }
    cache.set(machine, compiled);
  }
  return compiled;
}

/** Whether engines use the fast path unless told otherwise (the default: on). */
export function fastPathByDefault(): boolean {
  return process.env.MARKETSIM_FAST_PATH !== 'off';
}
