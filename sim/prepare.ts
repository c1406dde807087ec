// Before a timeline event is offered, fill what it leaves to chance or to the world: seeded draws
// (DEL-3 review length) and, for events of later kinds, joins with other entities.
import type { RulesParams } from '../machines/rules.js';
import type { Command, Preparer, World } from './engine.js';
import type { Rng } from './rng.js';

export type EventPreparer = (command: Command, world: World, context: PrepareContext) => Command;

export interface PrepareContext {
  readonly params: RulesParams;
  /** The stream every preparer draws from (forked from the run seed as "draws"). */
  readonly draws: Rng;
}

function withFields(command: Command, fields: Record<string, unknown>): Command {
  return { ...command, event: { ...command.event, ...fields } };
}

/** Per event type; kinds added later register theirs here. */
export const PREPARERS: Readonly<Record<string, EventPreparer>> = {
  /** DEL-3: the platform answers in 1–3 business days; the seed decides how many when the file does not. */
  requestDelisting: (command, _world, { params, draws }) =>
    typeof command.event.reviewBusinessDays === 'number'
      ? command
      : withFields(command, {
          reviewBusinessDays: draws.int(params.delistReviewBusinessDaysMin, params.delistReviewBusinessDaysMax),
        }),
};

export function createPreparer(params: RulesParams, rng: Rng): Preparer {
  const context: PrepareContext = { params, draws: rng.fork('draws') };
  return (command, world) => PREPARERS[command.event.type]?.(command, world, context) ?? command;
}
