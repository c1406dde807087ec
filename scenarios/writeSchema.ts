// Regenerates scenarios/scenario.schema.json and the README's parameter table (npm run schema); tests keep them in step.
import { readFileSync, writeFileSync } from 'node:fs';
import { withParamsTable } from './paramsDoc.js';
import { scenarioJsonSchema } from './schema.js';

export const SCHEMA_FILE = new URL('./scenario.schema.json', import.meta.url);
export const README_FILE = new URL('../README.md', import.meta.url);

export function schemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '\0')) {
  // The repository's own files, rewritten in place by a developer (scenarios/ sits below the output writers of runs/).
  writeFileSync(SCHEMA_FILE, schemaText());
  writeFileSync(README_FILE, withParamsTable(readFileSync(README_FILE, 'utf8')));
}
