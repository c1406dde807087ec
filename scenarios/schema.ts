// The scenario file's schema (YAML or JSON). `scenario.schema.json` is generated from it (npm run schema).
import { z } from 'zod';
import { ACTORS } from '../machines/domain.js';
import { platformSchema, rulesOverridesSchema } from '../machines/rules.js';
import { parseTime } from '../machines/time.js';
import { buyerSchema, id, merchantSchema, productSchema } from './catalogSchema.js';
import { populationSchema } from './populationSchema.js';
import { faultsSchema } from './faultSchema.js';
import { VOCABULARY } from './vocabulary/index.js';

export const timeText = z
  .string()
  .refine((text) => parseTime(text) !== undefined, 'expected a time like "2024-01-05T10:00:00+08:00" (no offset = UTC+8)');

/** What the item expects of its event; a mismatch is a violation (exit 1). */
export const expectSchema = z
  .object({
    accepted: z.boolean().optional().describe('the machine accepts (true) or refuses (false) the event'),
    state: z.string().optional().describe('state the entity is in afterwards, e.g. "listed" or "listed.change.pendingReview"'),
    rule: z.string().optional().describe('the rule ID that refused it (with accepted: false)'),
  })
  .strict();

function timelineItem(name: string) {
  const spec = VOCABULARY[name]!;
  return z
    .object({
      at: timeText,
      event: z.literal(name),
      [spec.kind]: id,
      by: z.enum(ACTORS).optional().describe(`who issues it (default ${spec.defaultBy})`),
      subUser: z.string().optional().describe('a seller sub-user issuing it'),
      expect: expectSchema.optional(),
      note: z.string().optional(),
      ...spec.payload,
    })
    .strict()
    .describe(spec.doc);
}

const eventNames = Object.keys(VOCABULARY);
const timelineItems = eventNames.map(timelineItem);

export const timelineItemSchema = z.discriminatedUnion(
  'event',
  timelineItems as unknown as [ReturnType<typeof timelineItem>, ...ReturnType<typeof timelineItem>[]],
  { error: (issue) => (issue.code === 'invalid_union' ? `unknown event (known: ${eventNames.join(', ')})` : undefined) },
);

export const scenarioSchema = z
  .object({
    $schema: z.string().optional(),
    name: id,
    description: z.string().default(''),
    profile: platformSchema.default('koogallery'),
    seed: z.union([z.int(), z.string().min(1)]).default(1),
    start: timeText,
    end: timeText,
    rules: rulesOverridesSchema.default({}).describe('rules parameter overrides (see README)'),
    merchants: z.array(merchantSchema).default([]),
    products: z.array(productSchema).default([]),
    buyers: z.array(buyerSchema).default([]),
    timeline: z.array(timelineItemSchema).default([]),
    faults: faultsSchema.optional().describe('merchant-interface fault plan: endpoints down between two times, error rates (README: Faults)'),
    population: populationSchema.optional().describe('generate merchants, products, buyers and their timeline from the seed'),
  })
  .strict();

export type ScenarioFile = z.output<typeof scenarioSchema>;

/** The published JSON Schema (input side: durations may be strings). */
export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' });
}
