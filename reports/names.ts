// names.json: the merchant and product names of a run by ID, so reports show a name beside each ID. A run knows
// them (its scenario, its seeded merchant names); `settle` and `diff` read them back from this file, so a report
// rebuilt from a saved run has the same names as the one the run wrote. Pure.

export interface ReportNames {
  readonly merchants: ReadonlyMap<string, string>;
  readonly products: ReadonlyMap<string, string>;
}

export const NO_NAMES: ReportNames = { merchants: new Map(), products: new Map() };

const sortedObject = (map: ReadonlyMap<string, string>): Record<string, string> =>
  Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

export function namesJson(names: ReportNames): string {
  return `${JSON.stringify({ merchants: sortedObject(names.merchants), products: sortedObject(names.products) }, null, 2)}\n`;
}

/** names.json text → names; a missing or malformed file gives the reason (the caller shows IDs only). */
export function parseNames(text: string): { ok: true; value: ReportNames } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `bad JSON: ${(error as Error).message}` };
  }
  const record = (v: unknown): Map<string, string> | undefined =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string')
      ? new Map(Object.entries(v as Record<string, string>))
      : undefined;
  const o = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const merchants = record(o.merchants);
  const products = record(o.products);
  if (!merchants || !products) return { ok: false, error: 'expected { merchants: {id: name}, products: {id: name} }' };
  return { ok: true, value: { merchants, products } };
}
