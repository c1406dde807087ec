// The reference system: marketsim's own machines, set up from the preconditions' data alone (subject + platform +
// rules overrides, no variant lookup), reporting accepted/refused and every effect the transition emits.
// `marketsim check --adapter builtin` runs it; planted-bug systems in the tests wrap it.
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { getInitialSnapshot, transition } from 'xstate';
import { ALL_MODELS } from '../machines/allModels.js';
import { stateString } from '../machines/introspect/stateText.js';
import type { MachineModel } from '../machines/models.js';
import { PROFILES } from '../machines/rules.js';
import { timersAsEvents } from '../machines/testable.js';
import { edgesTaken } from '../reports/testplans/edges.js';
import { afterEventOf } from '../reports/testplans/stepFacts.js';
import type { CaseSetup, ObservedEffect, StepInput, StepReply, SystemUnderTest } from './system.js';

/** The machine input a case's preconditions describe. */
export function inputOf(setup: CaseSetup): Record<string, unknown> {
  return { ...setup.subject, params: { ...PROFILES[setup.profile], ...setup.rulesOverrides } };
}

const testMachines = new WeakMap<MachineModel, AnyStateMachine>();

/** The model's machine with its timers as events (built once per model). */
export function testMachineOf(model: MachineModel): AnyStateMachine {
  let machine = testMachines.get(model);
  if (!machine) {
    machine = timersAsEvents(model.machine);
    testMachines.set(model, machine);
  }
  return machine;
}

/** Effects as a system reports them: type plus all params, flat. */
export function effectsOf(actions: readonly { type: string; params?: unknown }[]): ObservedEffect[] {
  return actions
    .filter((action) => !action.type.startsWith('xstate.'))
    .map((action) => ({ ...((action.params ?? {}) as Record<string, unknown>), type: action.type }));
}

export function builtinSystem(models: readonly MachineModel[] = ALL_MODELS): SystemUnderTest {
  let snapshot: AnyMachineSnapshot | undefined;
  const current = (): AnyMachineSnapshot => {
    if (!snapshot) throw new Error('builtin: a step before reset');
    return snapshot;
  };
  return {
    name: 'builtin',
    supports: (setup) => models.some((m) => m.name === setup.machine),
    reset(setup) {
      const model = models.find((m) => m.name === setup.machine);
      if (!model) throw new Error(`builtin: no machine named ${setup.machine}`);
      snapshot = getInitialSnapshot(testMachineOf(model), inputOf(setup)) as AnyMachineSnapshot;
    },
    execute(step: StepInput): StepReply {
      const before = current();
      const event = afterEventOf(step.event);
      const accepted = edgesTaken(before, event).length > 0;
      const [after, actions] = transition(before.machine, before, event);
      snapshot = after as AnyMachineSnapshot;
      return { accepted, effects: effectsOf(actions) };
    },
    observe: () => ({ state: stateString(current().value) }),
  };
}
