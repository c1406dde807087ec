// Reads a scenario file (YAML or JSON), validates it against the schema and its own cross-references,
// and returns either a Scenario or one error naming the file, the path inside it and the reason.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import type { Actor, Platform } from '../machines/domain.js';
import { PROFILES, type RulesOverrides } from '../machines/rules.js';
import { parseTime } from '../machines/time.js';
import type { BuyerEntry, MerchantEntry, ProductEntry } from './catalogSchema.js';
import type { PopulationSpec } from './populationSchema.js';
import type { FaultEntry } from './faultSchema.js';
import { scenarioSchema, type ScenarioFile } from './schema.js';
import { VOCABULARY } from './vocabulary/index.js';

export interface Expectation {
  readonly accepted?: boolean;
  readonly state?: string;
  readonly rule?: string;
}

/** One timeline item, resolved: epoch-ms time, target entity, actor and the event's own fields. */
export interface TimelineEntry {
  readonly index: number;
  readonly at: number;
  readonly event: string;
  readonly kind: string;
  readonly target: string;
  readonly by: Actor;
  readonly subUser?: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly expect?: Expectation;
  readonly note?: string;
}

export interface Scenario {
  readonly file: string;
  readonly name: string;
  readonly description: string;
  readonly platform: Platform;
  readonly seed: string;
  readonly start: number;
  readonly end: number;
  readonly rules: RulesOverrides;
  readonly merchants: readonly MerchantEntry[];
  readonly products: readonly ProductEntry[];
  readonly buyers: readonly BuyerEntry[];
  readonly timeline: readonly TimelineEntry[];
  /** The merchant-interface fault plan (sim/faults.ts); absent = every call succeeds. */
  readonly faults?: readonly FaultEntry[];
  /** Generated on top of the explicit entities and timeline, from the run's seed (sim/expand.ts). */
  readonly population?: PopulationSpec;
}

/** A bad-input error: where and why. `toString()` gives the one line the CLI prints. */
export class InputError {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly reason: string,
  ) {}
  toString(): string {
    return `${this.file}: ${this.path || '(root)'}: ${this.reason}`;
  }
}

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
  const problem = crossCheck(parsed.data);
  if (problem) return { ok: false, error: new InputError(file, problem.path, problem.reason) };
  return { ok: true, scenario: toScenario(parsed.data, file) };
}

function parseRaw(text: string, file: string): { ok: true; value: unknown } | { ok: false; error: InputError } {
  if (extname(file).toLowerCase() === '.json') {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (error) {
      return { ok: false, error: new InputError(file, '', `bad JSON: ${(error as Error).message}`) };
    }
  }
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    const where = pos ? `line ${pos.line}, column ${pos.col}` : '';
    return { ok: false, error: new InputError(file, where, `bad YAML: ${first.message.split('\n')[0]}`) };
  }
  return { ok: true, value: doc.toJS() };
}

/** "timeline[3].product" from ["timeline", 3, "product"]. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function zodError(file: string, error: z.ZodError): InputError {
  const issue = error.issues[0]!;
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  if (issue.code === 'unrecognized_keys') {
    return new InputError(file, formatPath([...issue.path, issue.keys[0]!]), `unknown field${more}`);
  }
  return new InputError(file, formatPath(issue.path), `${issue.message}${more}`);
}

interface Problem {
  readonly path: string;
  readonly reason: string;
}

function crossCheck(data: ScenarioFile): Problem | undefined {
  const start = parseTime(data.start)!;
  const end = parseTime(data.end)!;
  if (end <= start) return { path: 'end', reason: 'must be after start' };
  return (
    duplicateId(data.merchants, 'merchants') ??
    duplicateId(data.products, 'products') ??
    duplicateId(data.buyers, 'buyers') ??
    productProblems(data) ??
    timelineProblems(data, start, end)
  );
}

function duplicateId(items: readonly { id: string }[], path: string): Problem | undefined {
  const seen = new Set<string>();
  for (const [i, item] of items.entries()) {
    if (seen.has(item.id)) return { path: `${path}[${i}].id`, reason: `duplicate id "${item.id}"` };
    seen.add(item.id);
  }
  return undefined;
}

function productProblems(data: ScenarioFile): Problem | undefined {
  const merchants = new Set(data.merchants.map((m) => m.id));
  for (const [i, product] of data.products.entries()) {
    if (!merchants.has(product.merchant)) {
      return { path: `products[${i}].merchant`, reason: `unknown merchant "${product.merchant}"` };
    }
    const specs = duplicateId(product.specs, `products[${i}].specs`);
    if (specs) return specs;
    const periodless = product.specs.findIndex((s) => (product.chargingMode === 'period') !== (s.period !== undefined));
    if (periodless >= 0) {
      return {
        path: `products[${i}].specs[${periodless}].period`,
        reason: product.chargingMode === 'period' ? 'required for period products' : `not allowed for ${product.chargingMode} products`,
      };
    }
  }
  return undefined;
}

/** Entity kinds declared up front in the file, by the collection that declares them. */
const DECLARED_KINDS: Readonly<Record<string, (data: ScenarioFile) => readonly { id: string }[]>> = {
  product: (data) => data.products,
};

function timelineProblems(data: ScenarioFile, start: number, end: number): Problem | undefined {
  const created = new Map<string, Set<string>>();
  for (const [i, item] of (data.timeline as unknown as readonly RawItem[]).entries()) {
    const at = parseTime(item.at)!;
    if (at < start || at > end) return { path: `timeline[${i}].at`, reason: `${item.at} is outside the scenario period` };
    const spec = VOCABULARY[item.event]!;
    const target = (item as Record<string, unknown>)[spec.kind] as string;
    const ids = created.get(spec.kind) ?? new Set(DECLARED_KINDS[spec.kind]?.(data).map((e) => e.id) ?? []);
    created.set(spec.kind, ids);
    if (spec.creates) ids.add(target);
    if (spec.creates && spec.kind === 'order') opensSupervision(data, item, created);
    else if (!ids.has(target)) return { path: `timeline[${i}].${spec.kind}`, reason: `unknown ${spec.kind} "${target}"` };
    const specProblem = specReference(data, item as Record<string, unknown>, i) ?? catalogReference(data, item, spec.kind, i);
    if (specProblem) return specProblem;
  }
  return undefined;
}

/** SUP-10: a purchase of a supervised product opens `supervision:<orderId>` once paid, so later items may target it. */
function opensSupervision(data: ScenarioFile, item: RawItem, created: Map<string, Set<string>>): void {
  const product = data.products.find((p) => p.id === item.product);
  const supervised = data.rules.supervisedDeliveryTypes ?? PROFILES[data.profile].supervisedDeliveryTypes;
  if (!product || !supervised.includes(product.deliveryType)) return;
  const ids = created.get('supervision') ?? new Set<string>();
  ids.add(String(item.order));
  created.set('supervision', ids);
}

/** Events of other kinds that name a product, a buyer or a merchant (e.g. openSupervision, createEnterprise) must name declared ones. */
function catalogReference(data: ScenarioFile, item: RawItem, kind: string, i: number): Problem | undefined {
  if (kind !== 'product' && typeof item.product === 'string' && !data.products.some((p) => p.id === item.product)) {
    return { path: `timeline[${i}].product`, reason: `unknown product "${item.product}"` };
  }
  if (kind !== 'buyer' && typeof item.buyer === 'string' && !data.buyers.some((b) => b.id === item.buyer)) {
    return { path: `timeline[${i}].buyer`, reason: `unknown buyer "${item.buyer}"` };
  }
  if (typeof item.merchant === 'string' && !data.merchants.some((m) => m.id === item.merchant)) {
    return { path: `timeline[${i}].merchant`, reason: `unknown merchant "${item.merchant}"` };
  }
  return undefined;
}

function specReference(data: ScenarioFile, item: Record<string, unknown>, i: number): Problem | undefined {
  if (typeof item.spec !== 'string') return undefined;
  // Events of any kind that name a spec also name its product.
  const product = data.products.find((p) => p.id === item.product);
  if (product && !product.specs.some((s) => s.id === item.spec)) {
    return { path: `timeline[${i}].spec`, reason: `unknown spec "${String(item.spec)}" of product "${product.id}"` };
  }
  return undefined;
}

/** A timeline item as the schema lets it through (the union is too wide for TypeScript to narrow usefully). */
interface RawItem {
  readonly at: string;
  readonly event: string;
  readonly by?: Actor;
  readonly subUser?: string;
  readonly expect?: Expectation;
  readonly note?: string;
  readonly [key: string]: unknown;
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
