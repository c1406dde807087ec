// Reads a scenario file (YAML or JSON), validates it against the schema and its own cross-references,
// and returns either a Scenario or one error naming the file, the path inside it and the reason.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { RulesOverrides } from '../machines/rules.js';
import type { Scenario, TimelineEntry } from './types.js';
import { parseTime } from '../machines/time.js';
import { formatPath, InputError } from './inputError.js';
import { duplicateJsonKey } from './jsonKeys.js';
import { sizeProblem } from './bounds.js';
import { crossCheck, type RawItem } from './references.js';
import { scenarioSchema, type ScenarioFile } from './schema.js';
import { VOCABULARY } from './vocabulary/index.js';

export type { Expectation, Scenario, TimelineEntry } from './types.js';

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; error: InputError };

export function loadScenarioFile(file: string): LoadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, error: new InputError(file, '', `cannot read file (${(error as NodeJS.ErrnoException).code ?? 'error'})`) };
  }
  return parseScenarioText(text, file);
}

export function parseScenarioText(text: string, file: string): LoadResult {
  const raw = parseRaw(text, file);
  if (!raw.ok) return raw;
  const parsed = scenarioSchema.safeParse(raw.value);
  if (!parsed.success) return { ok: false, error: zodError(file, parsed.error) };
  const problem =
    crossCheck(parsed.data) ??
    sizeProblem(parseTime(parsed.data.start)!, parseTime(parsed.data.end)!, parsed.data.population?.ordersPerMonth);
  if (problem) return { ok: false, error: new InputError(file, problem.path, problem.reason) };
  return { ok: true, scenario: toScenario(parsed.data, file) };
}

export { formatPath, InputError, printable } from './inputError.js';

/**
 * Aliases a document may resolve. A scenario needs a handful; the library's own default (100) still lets a
 * small "billion laughs" file expand to millions of nodes before it refuses.
 */
const MAX_ALIASES = 50;

function parseRaw(text: string, file: string): { ok: true; value: unknown } | { ok: false; error: InputError } {
  if (extname(file).toLowerCase() === '.json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { ok: false, error: new InputError(file, '', `bad JSON: ${(error as Error).message}`) };
    }
    const repeated = duplicateJsonKey(text);
    if (repeated !== undefined) return { ok: false, error: new InputError(file, repeated, 'duplicate key (a JSON object names it twice)') };
    return { ok: true, value };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter: lines });
  const first = doc.errors[0];
  if (first) {
    const pos = lines.linePos(first.pos[0]);
    const where = `line ${pos.line}, column ${pos.col}`;
    const key = first.code === 'DUPLICATE_KEY' ? ` (key ${keyAt(text, first.pos[0])})` : '';
    return { ok: false, error: new InputError(file, where, `bad YAML: ${first.message.split('\n')[0]}${key}`) };
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIASES }) };
  } catch (error) {
    // Alias errors (undefined anchor, too many aliases) surface only when the document is turned into values.
    return { ok: false, error: new InputError(file, '', `bad YAML: ${(error as Error).message.split('\n')[0]}`) };
  }
}

/** The mapping key written at `offset`: a quoted key as written, a plain one up to its colon. */
function keyAt(text: string, offset: number): string {
  const match = /^("(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^:\n]*)/.exec(text.slice(offset, offset + 200));
  return JSON.stringify((match?.[1] ?? '').trim().replace(/^["']|["']$/g, ''));
}

function zodError(file: string, error: z.ZodError): InputError {
  const issue = error.issues[0]!;
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  if (issue.code === 'unrecognized_keys') {
    return new InputError(file, formatPath([...issue.path, issue.keys[0]!]), `unknown field${more}`);
  }
  return new InputError(file, formatPath(issue.path), `${issue.message}${more}`);
}

const ITEM_KEYS = new Set(['at', 'event', 'by', 'subUser', 'expect', 'note']);

function toScenario(data: ScenarioFile, file: string): Scenario {
  const timeline = (data.timeline as unknown as readonly RawItem[]).map((item, index): TimelineEntry => {
    const event = item.event;
    const spec = VOCABULARY[event]!;
    const fields = item as Record<string, unknown>;
    const payload = Object.fromEntries(
      Object.entries(fields).filter(([key, value]) => !ITEM_KEYS.has(key) && key !== spec.kind && value !== undefined),
    );
    return {
      index,
      at: parseTime(item.at)!,
      event,
      kind: spec.kind,
      target: fields[spec.kind] as string,
      by: item.by ?? spec.defaultBy,
      ...(item.subUser !== undefined ? { subUser: item.subUser } : {}),
      payload,
      ...(item.expect !== undefined ? { expect: item.expect } : {}),
      ...(item.note !== undefined ? { note: item.note } : {}),
    };
  });
  return {
    file,
    name: data.name,
    description: data.description,
    platform: data.profile,
    seed: String(data.seed),
    start: parseTime(data.start)!,
    end: parseTime(data.end)!,
    rules: data.rules as RulesOverrides,
    merchants: data.merchants,
    products: data.products,
    buyers: data.buyers,
    timeline,
    ...(data.faults !== undefined ? { faults: data.faults } : {}),
    ...(data.population !== undefined ? { population: data.population } : {}),
  };
}
