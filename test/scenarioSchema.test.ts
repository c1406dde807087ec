// The published JSON Schema is generated from the zod schema: this fails when someone changes one without the
// other (run `npm run schema`).
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { withParamsTable } from '../scenarios/paramsDoc.js';
import { PARAMS_DOC_FILE, schemaText, SCHEMA_FILE } from '../scenarios/writeSchema.js';

test('scenarios/scenario.schema.json is up to date with scenarios/schema.ts', () => {
  expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaText());
});

test('the schema names every timeline event and the rules parameters with their rule IDs', () => {
  const text = schemaText();
  for (const event of ['submit', 'withdraw', 'requestDelisting']) expect(text).toContain(`"const": "${event}"`);
  expect(text).toContain('SUP-5: automatic acceptance after the courier sign-off');
});

test('docs/rules-parameters.md lists every rules parameter with its rule ID and both profiles\' values', () => {
  const readme = readFileSync(PARAMS_DOC_FILE, 'utf8');
  expect(readme).toBe(withParamsTable(readme));
  expect(readme).toMatch(/\| `hardwareAutoAcceptDelayMs` \| SUP-5 \|/);
});
