// Preparers of product events: the seed decides what the timeline leaves open (DEL-3 review length).
import type { EventPreparer } from '../../module.js';
import { withFields } from '../../module.js';

/** DEL-3: the platform answers in 1–3 business days; the seed decides how many when the file does not. */
export const prepareDelistingRequest: EventPreparer = (command, _world, { params, draws }) =>
  typeof command.event.reviewBusinessDays === 'number'
    ? command
    : withFields(command, { reviewBusinessDays: draws.int(params.delistReviewBusinessDaysMin, params.delistReviewBusinessDaysMax) });
