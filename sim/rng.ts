// The run's one source of randomness: a seeded PRNG (Baagøe's Alea, as seedrandom's `alea` computes it) and named
// sub-streams forked from it, so that adding a draw in one place does not shift every other draw of the run.
//
// Alea is written out here rather than taken from seedrandom: a generated run forks a stream per order and part
// (several per order), and seedrandom's `alea(seed)` builds five closures and a Mash closure for each, ~3% of a
// 10k-order run's CPU. The arithmetic is the same, operation for operation (IEEE doubles, so the same numbers on
// every machine); test/rng.test.ts compares every draw with seedrandom's for many seeds.

/** Baagøe's Mash over `data`, continuing from `state.n` (seedrandom/lib/alea.js `Mash`). */
function mash(state: { n: number }, data: string): number {
  let n = state.n;
  for (let i = 0; i < data.length; i++) {
    n += data.charCodeAt(i);
    let h = 0.02519603282416938 * n;
    n = h >>> 0;
    h -= n;
    h *= n;
    n = h >>> 0;
    h -= n;
    n += h * 0x100000000; // 2^32
  }
  state.n = n;
  return (n >>> 0) * 2.3283064365386963e-10; // 2^-32
}

/** What every seeding starts from: Mash's state and the three draws after mash(' ') three times. */
const SPACES = (() => {
  const state = { n: 0xefc8249d };
  const s0 = mash(state, ' ');
  const s1 = mash(state, ' ');
  const s2 = mash(state, ' ');
  return { n: state.n, s0, s1, s2 };
})();

/** Alea's generator state (seedrandom/lib/alea.js `Alea`). */
class Alea {
  private s0: number;
  private s1: number;
  private s2: number;
  private c = 1;

  constructor(seed: string) {
    const state = { n: SPACES.n };
    this.s0 = SPACES.s0 - mash(state, seed);
    if (this.s0 < 0) this.s0 += 1;
    this.s1 = SPACES.s1 - mash(state, seed);
    if (this.s1 < 0) this.s1 += 1;
    this.s2 = SPACES.s2 - mash(state, seed);
    if (this.s2 < 0) this.s2 += 1;
  }

  /** A double in [0, 1) with 32 bits of randomness. */
  next(): number {
    const t = 2091639 * this.s0 + this.c * 2.3283064365386963e-10; // 2^-32
    this.s0 = this.s1;
    this.s1 = this.s2;
    return (this.s2 = t - (this.c = t | 0));
  }

  int32(): number {
    return (this.next() * 0x100000000) | 0;
  }

  /** A double in [0, 1) with 53 bits of randomness. */
  double(): number {
    return this.next() + ((this.next() * 0x200000) | 0) * 1.1102230246251565e-16; // 2^-53
  }
}

/** A probability as an integer ratio, never a float (determinism across machines). */
export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
}

export class Rng {
  private readonly prng: Alea;

  constructor(readonly seed: string) {
    this.prng = new Alea(seed);
  }

  /** A child stream whose draws depend only on the root seed and the label. */
  fork(label: string): Rng {
    return new Rng(`${this.seed}/${label}`);
  }

  /** Uniform 32-bit unsigned integer. */
  uint32(): number {
    return this.prng.int32() >>> 0;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) throw new Error(`bad range [${min}, ${max}]`);
    const span = max - min + 1;
    if (span <= 0x1_0000_0000) return min + Math.floor((this.uint32() / 0x1_0000_0000) * span);
    return min + Math.floor(this.prng.double() * span);
  }

  /** True with probability numerator/denominator. */
  chance(ratio: Ratio): boolean {
    if (ratio.numerator <= 0) return false;
    if (ratio.numerator >= ratio.denominator) return true;
    return this.int(0, ratio.denominator - 1) < ratio.numerator;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)]!;
  }

  /** Picks by integer weights. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    if (total <= 0) throw new Error('weighted pick with no weight');
    let ticket = this.int(0, total - 1);
    for (const [item, weight] of entries) {
      if (ticket < weight) return item;
      ticket -= weight;
    }
    throw new Error('unreachable: weighted pick overran');
  }
}
