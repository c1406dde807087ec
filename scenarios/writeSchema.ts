// Regenerates scenarios/scenario.schema.json from the zod schema (npm run schema); a test keeps them in step.
import { writeFileAtomic } from '../reports/output.js';
import { scenarioJsonSchema } from './schema.js';

export const SCHEMA_FILE = new URL('./scenario.schema.json', import.meta.url);

export function schemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '\0')) {
  writeFileAtomic(SCHEMA_FILE.pathname, schemaText());
}
