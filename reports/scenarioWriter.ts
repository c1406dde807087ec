// Serialises a Scenario back to a scenario file (YAML, or JSON by extension) that the loader reads back to the
// same Scenario, so a minimised or generated run can be replayed with a plain `marketsim run FILE`.
import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isSeq } from 'yaml';
import { z } from 'zod';
import { parseScenarioText, type Scenario, type TimelineEntry } from '../scenarios/loader.js';
import { eventSpec } from '../scenarios/vocabulary/index.js';
import { formatTime } from '../machines/time.js';

/** The scenario as the plain object a scenario file holds (input side of the schema). */
export function scenarioDocument(scenario: Scenario): Record<string, unknown> {
  return {
    name: scenario.name,
    ...(scenario.description !== '' ? { description: scenario.description } : {}),
    profile: scenario.platform,
    seed: scenario.seed,
    start: formatTime(scenario.start),
    end: formatTime(scenario.end),
    ...(Object.keys(scenario.rules).length > 0 ? { rules: scenario.rules } : {}),
    merchants: scenario.merchants,
    products: scenario.products,
    buyers: scenario.buyers,
    timeline: scenario.timeline.map(itemDocument),
    ...(scenario.faults !== undefined ? { faults: scenario.faults } : {}),
    // An expanded (generated) scenario has none: its population is already merchants, products and timeline.
    ...(scenario.population !== undefined ? { population: scenario.population } : {}),
  };
}

function itemDocument(item: TimelineEntry): Record<string, unknown> {
  const spec = eventSpec(item.event);
  return {
    at: formatTime(item.at),
    event: item.event,
    [item.kind]: item.target,
    ...(item.by !== spec?.defaultBy ? { by: item.by } : {}),
    ...(item.subUser !== undefined ? { subUser: item.subUser } : {}),
    ...payloadDocument(item),
    ...(item.expect !== undefined ? { expect: item.expect } : {}),
    ...(item.note !== undefined ? { note: item.note } : {}),
  };
}

/**
 * Payload fields as written. Most are stored as given; a field whose schema turned a time text into epoch ms
 * (e.g. `orderedAt`) does not parse from the number, so it is written back as a time text.
 */
function payloadDocument(item: TimelineEntry): Record<string, unknown> {
  const shape = eventSpec(item.event)?.payload ?? {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item.payload)) {
    const schema = shape[key];
    const parsesAsIs = schema === undefined || isDeepStrictEqual(z.safeParse(schema, value).data, value);
    out[key] = !parsesAsIs && typeof value === 'number' ? formatTime(value) : value;
  }
  return out;
}

export interface WriteOptions {
  /** A comment at the top of the file (e.g. where the scenario came from and how to replay it). */
  readonly comment?: string;
}

/** YAML text; timeline items in flow style, one a line, like the hand-written scenarios. */
export function scenarioYaml(scenario: Scenario, options: WriteOptions = {}): string {
  const doc = new Document(scenarioDocument(scenario));
  const timeline = doc.get('timeline');
  if (isSeq(timeline)) for (const item of timeline.items) if (isMap(item)) item.flow = true;
  if (options.comment) doc.commentBefore = options.comment.split('\n').map((line) => ` ${line}`).join('\n');
  return doc.toString({ lineWidth: 0 });
}

/**
 * The file's text, checked: it must load back (under `file`'s name and extension) to the same scenario.
 * An error value says what did not survive, instead of a file `marketsim run` would read differently.
 */
export function scenarioFileText(
  scenario: Scenario,
  file: string,
  options: WriteOptions = {},
): { ok: true; text: string } | { ok: false; error: string } {
  const text = file.toLowerCase().endsWith('.json') ? `${JSON.stringify(scenarioDocument(scenario), null, 2)}\n` : scenarioYaml(scenario, options);
  const back = parseScenarioText(text, file);
  if (!back.ok) return { ok: false, error: `the written scenario does not load: ${back.error.toString()}` };
  // Items are numbered afresh in the order written (an expanded timeline is merged by time, not by index).
  const expected: Scenario = { ...scenario, timeline: scenario.timeline.map((item, index) => ({ ...item, index })) };
  const keys = new Set([...Object.keys(expected), ...Object.keys(back.scenario)] as (keyof Scenario)[]);
  const differs = [...keys].find((key) => key !== 'file' && !isDeepStrictEqual(back.scenario[key], expected[key]));
  if (differs) return { ok: false, error: `the written scenario reads back with a different ${differs}` };
  return { ok: true, text };
}
