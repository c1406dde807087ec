// Regenerates scenarios/scenario.schema.json and the parameter table of docs/rules-parameters.md (npm run schema); tests keep them in step.
import { readFileSync, writeFileSync } from 'node:fs';
import { withParamsTable } from './paramsDoc.js';
import { scenarioJsonSchema } from './schema.js';

export const SCHEMA_FILE = new URL('./scenario.schema.json', import.meta.url);
export const PARAMS_DOC_FILE = new URL('../docs/rules-parameters.md', import.meta.url);

export function schemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '\0')) {
  writeFileSync(SCHEMA_FILE.pathname, schemaText());
  writeFileSync(PARAMS_DOC_FILE.pathname, withParamsTable(readFileSync(PARAMS_DOC_FILE, 'utf8')));
}
