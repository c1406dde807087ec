// Regenerates docs/qa-plan.schema.json from planSchema.ts (`npx tsx reports/testplans/writePlanSchema.ts`);
// test/planSchema.test.ts fails when the published file is stale.
import { writeFileSync } from 'node:fs';
import { planJsonSchema } from './planSchema.js';

export const PLAN_SCHEMA_FILE = new URL('../../docs/qa-plan.schema.json', import.meta.url);

export function planSchemaText(): string {
  return `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '\0')) {
  writeFileSync(PLAN_SCHEMA_FILE, planSchemaText());
}
