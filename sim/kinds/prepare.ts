// Before a timeline event is offered, fill what it leaves to chance or to the world: seeded draws
// (DEL-3 review length) and joins with other entities (e.g. whether a product may be bought right now).
import type { Command, Preparer, World } from '../engine/engine.js';
import { prepareCreateEnterprise } from './enterprise/prepare.js';
import type { RunContext } from '../runContext.js';
import { SUPERVISION_PREPARERS } from './supervision/supervision.js';
import { prepareDiskSwap, preparePurchase, prepareRenewal, prepareTrialConversion } from './order/prepare.js';
import { prepareSubmitDemand } from './demand/index.js';

export type EventPreparer = (command: Command, world: World, run: RunContext) => Command;

export function withFields(command: Command, fields: Record<string, unknown>): Command {
  return { ...command, event: { ...command.event, ...fields } };
}

/** Per event type; kinds added later register theirs here (one line each, their function in their own file). */
export const PREPARERS: Readonly<Record<string, EventPreparer>> = {
  /** DEL-3: the platform answers in 1–3 business days; the seed decides how many when the file does not. */
  requestDelisting: (command, _world, { params, draws }) =>
    typeof command.event.reviewBusinessDays === 'number'
      ? command
      : withFields(command, {
          reviewBusinessDays: draws.int(params.delistReviewBusinessDaysMin, params.delistReviewBusinessDaysMax),
        }),
  createEnterprise: prepareCreateEnterprise,
  ...SUPERVISION_PREPARERS,
  purchase: preparePurchase,
  renew: prepareRenewal,
  convertTrial: prepareTrialConversion,
  replaceSystemDisk: prepareDiskSwap,
  submitDemand: prepareSubmitDemand,
};

export function createPreparer(run: RunContext): Preparer {
  return (command, world) => PREPARERS[command.event.type]?.(command, world, run) ?? command;
}
