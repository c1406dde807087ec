// A SystemAdapter over marketsim's own machine (from its exploration model): what the generated vitest files
// and marketsim's suite replay plans against. Timer events are fed as the after-events timersAsEvents keys.
// Set up from the variant name; qa/builtin.ts is the self-contained system that sets up from the preconditions' data.
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { getInitialSnapshot, transition } from 'xstate';
import type { MachineModel } from '../../machines/models.js';
import { timersAsEvents } from '../../machines/testable.js';
import { stateString } from '../../machines/introspect/stateText.js';
import type { SystemAdapter } from './adapter.js';
import { afterEventOf } from './stepFacts.js';
import type { PlanEvent, Preconditions } from './plan.js';

export function machineAdapter(model: MachineModel): SystemAdapter {
  const machine: AnyStateMachine = timersAsEvents(model.machine);
  let snapshot: AnyMachineSnapshot | undefined;
  const current = (): AnyMachineSnapshot => {
    if (!snapshot) throw new Error('machineAdapter: execute/observe before reset');
    return snapshot;
  };
  return {
    supports: (pre: Preconditions) => model.variants.some((v) => v.name === pre.variant),
    reset(pre: Preconditions) {
      const variant = model.variants.find((v) => v.name === pre.variant);
      if (!variant) throw new Error(`machineAdapter: ${model.name} has no variant ${pre.variant}`);
      snapshot = getInitialSnapshot(machine, variant.input) as AnyMachineSnapshot;
    },
    execute(event: PlanEvent) {
      snapshot = transition(machine, current(), afterEventOf(event))[0] as AnyMachineSnapshot;
    },
    observe: () => stateString(current().value),
  };
}
