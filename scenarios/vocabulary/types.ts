// The shape of one event type in the scenario vocabulary: which entity it targets, its payload and its doc.
import type { z } from 'zod';
import type { Actor } from '../../machines/domain.js';

export interface EventSpec {
  /** Entity kind the event is sent to; the timeline item names the entity under this key (e.g. `product: p1`). */
  readonly kind: string;
  /** One line for the README's event table. */
  readonly doc: string;
  /** Rule IDs the event exercises. */
  readonly rules: readonly string[];
  /** Payload fields besides `at`, `event`, the target key, `by`, `subUser`, `expect` and `note`. */
  readonly payload: z.ZodRawShape;
  /** Who issues it when the item does not say (`by:`). */
  readonly defaultBy: Actor;
  /** The event creates its target entity (e.g. a purchase creates an order). */
  readonly creates?: boolean;
}

export type Vocabulary = Readonly<Record<string, EventSpec>>;
