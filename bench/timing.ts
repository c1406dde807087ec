// The bench's only clock use: a best-of-N timing loop on process.hrtime.bigint (bench/ may read the wall clock).

/** Nanoseconds per unit of the fastest of `rounds` runs (after one warm-up run). */
export function bestNsPer(units: number, rounds: number, body: () => void): number {
  body();
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    body();
    best = Math.min(best, Number(process.hrtime.bigint() - start));
  }
  return best / units;
}

export function fmt(n: number, digits = 2): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
