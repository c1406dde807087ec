// The engine's own invariant: a delayed transition fires at exactly the instant its machine asked for, whatever the
// kind (the rules behind each delay are listed; their durations come from rules parameters).
import type { Invariant } from './engine.js';

export const TIMER_ON_TIME: Invariant = {
  id: 'INV-TIMER-ON-TIME',
  rules: ['SUP-5', 'SUP-7', 'DEL-3', 'REN-3'],
  description: 'a delayed transition fires at exactly the virtual instant its machine asked for',
  afterStep: ({ command }, world) =>
    command.source === 'timer' && command.dueAt !== undefined && command.dueAt !== world.now
      ? `timer ${command.event.type} due ${command.dueAt} fired at ${world.now}`
      : undefined,
};
