// State values as short strings for logs ("listed.change.idle,listed.delisting.none") and expectation matching.
import type { StateValue } from 'xstate';

/** Leaf paths of a state value, e.g. ["listed.change.idle", "listed.delisting.none"]. */
export function statePaths(value: StateValue): string[] {
  if (typeof value === 'string') return [value];
  return Object.entries(value).flatMap(([key, child]) =>
    child === undefined ? [key] : statePaths(child as StateValue).map((path) => `${key}.${path}`),
  );
}

/** Strings of object state values; the fast path shares one value object per configuration, so this hits. */
const stringOf = new WeakMap<object, string>();

export function stateString(value: StateValue): string {
  if (typeof value === 'string') return value;
  let text = stringOf.get(value);
  if (text === undefined) {
    text = statePaths(value).join(',');
    stringOf.set(value, text);
  }
  return text;
}

/** "listed" matches "listed.change.idle"; "listed.change.pendingReview" must be one of the leaf paths' prefixes. */
export function stateMatches(value: StateValue, expected: string): boolean {
  return statePaths(value).some((path) => path === expected || path.startsWith(`${expected}.`));
}
