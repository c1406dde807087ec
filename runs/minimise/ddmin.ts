// Zeller's delta debugging (ddmin): the smallest subset of a failing input that still fails, found by testing
// chunks and their complements at doubling granularity. Pure; the caller's test decides what "fails" means.

/** Splits `items` into `n` contiguous chunks of near-equal size (the first ones one longer). */
export function chunks<T>(items: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    const size = Math.floor(items.length / n) + (i < items.length % n ? 1 : 0);
    out.push(items.slice(start, start + size));
    start += size;
  }
  return out.filter((chunk) => chunk.length > 0);
}

/**
 * A 1-minimal failing subset of `items` (removing any single element makes it pass), keeping their order.
 * `fails(items)` is assumed true. Tests are made in a fixed order, so the result is deterministic.
 */
export function ddmin<T>(items: readonly T[], fails: (subset: readonly T[]) => boolean): T[] {
  if (items.length === 0 || fails([])) return [];
  let current = [...items];
  let n = 2;
  // Each pass either shrinks `current` or raises n towards current.length, so passes are bounded by
  // length × log2(length) + length; the cap below only turns a broken invariant into an error.
  const maxPasses = items.length * (Math.ceil(Math.log2(items.length + 1)) + 2) + 4;
  for (let pass = 0; current.length >= 2; pass++) {
    if (pass > maxPasses) throw new Error('ddmin did not converge');
    const parts = chunks(current, n);
    const subset = parts.find((part) => fails(part));
    if (subset) {
      current = subset;
      n = 2;
      continue;
    }
    // With two parts each complement is the other part, already tested.
    const complement = parts.length > 2 ? parts.map((_, i) => parts.filter((__, j) => j !== i).flat()).find((c) => fails(c)) : undefined;
    if (complement) {
      current = complement;
      n = Math.max(n - 1, 2);
      continue;
    }
    if (n >= current.length) break;
    n = Math.min(n * 2, current.length);
  }
  return current;
}
