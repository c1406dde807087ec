// xstate/graph's createTestModel refuses machines with `after` transitions. For model-based testing we hand it
// the same machine with each delayed transition moved under `on`, keyed by XState's own after-event type
// ("xstate.after.<delay>.<stateId>"): a path step with that event is "the timer fired". That the engine fires
// those timers at their due virtual time is tested separately, against the real machine.
import { createMachine, type AnyStateMachine } from 'xstate';

type StateConfig = {
  id?: string;
  after?: Record<string, unknown>;
  on?: Record<string, unknown>;
  states?: Record<string, StateConfig>;
  [key: string]: unknown;
};

function moveTimers(state: StateConfig, id: string): StateConfig {
  const { after, states, ...rest } = state;
  const on = { ...(rest.on ?? {}) };
  for (const [delay, transition] of Object.entries(after ?? {})) on[`xstate.after.${delay}.${id}`] = transition;
  const children = states
    ? Object.fromEntries(Object.entries(states).map(([key, child]) => [key, moveTimers(child, `${id}.${key}`)]))
    : undefined;
  return { ...rest, ...(Object.keys(on).length > 0 ? { on } : {}), ...(children ? { states: children } : {}) };
}

/** The machine with its timers as plain events (same names, guards, actions and targets). */
export function timersAsEvents<TMachine extends AnyStateMachine>(machine: TMachine): TMachine {
  const config = machine.config as StateConfig;
  const rootId = config.id ?? machine.id;
  return createMachine(moveTimers(config, rootId) as never, machine.implementations as never) as unknown as TMachine;
}
