// All timeline events, by name. Each kind's events live in their own file; names are unique across kinds.
import { demandEvents } from './demand.js';
import { enterpriseEvents } from './enterprise.js';
import { orderEvents } from './order.js';
import { productEvents } from './product.js';
import { supervisionEvents } from './supervision.js';
import type { EventSpec, Vocabulary } from './types.js';

export const VOCABULARY: Vocabulary = { ...productEvents, ...enterpriseEvents, ...supervisionEvents, ...orderEvents, ...demandEvents };

export function eventSpec(name: string): EventSpec | undefined {
  return Object.hasOwn(VOCABULARY, name) ? VOCABULARY[name] : undefined;
}

export type { EventSpec, Vocabulary } from './types.js';
