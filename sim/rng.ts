// The run's one source of randomness: a seeded PRNG and named sub-streams forked from it, so that adding a draw in
// one place does not shift every other draw of the run.
//
// The generator is Alea (Johannes Baagøe, 2010), drawing exactly what seedrandom's `alea(seed)` draws for the same
// seed string (test/rngAlea.test.ts compares them). It is written out here because a run forks a stream for each
// order and each part of its script: seedrandom builds each with four closures and hashes the whole seed three times,
// which was 10% of everything a run allocated (a 20,000-order run: 204 of 2,026 MB sampled). A fork here hashes its
// parent's seed prefix once for all its children, and allocates the stream and what it was forked from.

/** A probability as an integer ratio, never a float (determinism across machines). */
export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
}

const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

/** Baagøe's Mash: the running state `n` after hashing `data` (seedrandom's Mash, its state passed in and out). */
function mash(n: number, data: string): number {
  for (let i = 0; i < data.length; i++) {
    n += data.charCodeAt(i);
    let h = 0.02519603282416938 * n;
    n = h >>> 0;
    h -= n;
    h *= n;
    n = h >>> 0;
    h -= n;
    n += h * 0x100000000;
  }
  return n;
}

const unit = (n: number): number => (n >>> 0) * TWO_POW_MINUS_32;

// Alea's seeding hashes ' ' three times before the seed: the same for every seed.
const N0 = mash(0xefc8249d, ' ');
const N1 = mash(N0, ' ');
const N2 = mash(N1, ' ');
const SPACES = [unit(N0), unit(N1), unit(N2)] as const;

/** What a child stream is made from (Rng.fork). */
export interface ForkOf {
  readonly parent: Rng;
  readonly label: string;
}

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private c = 1;
  /** Mash's state after its first pass over this stream's seed and a '/': where every child's first pass starts. */
  private childPrefix: number | undefined;
  /** This stream's first pass over its seed (Alea hashes the seed three times, each from where the last ended). */
  private readonly firstPass: number;
  private seedText: string | undefined;
  /** A child's parent and label (its seed string is built from them only when asked). */
  private readonly from?: ForkOf;

  /** A root stream from its seed string; a child stream from its parent and label (what `fork` passes). */
  constructor(from: string | ForkOf) {
    let n1: number;
    let n2: number;
    let n3: number;
    if (typeof from === 'string') {
      this.seedText = from;
      n1 = mash(N2, from);
      n2 = mash(n1, from);
      n3 = mash(n2, from);
    } else {
      // `${parent.seed}/${label}` hashed without building it: Mash over a concatenation is Mash over its parts, and
      // the first pass over the parent's part is the same for all its children.
      const { parent, label } = from;
      this.from = from;
      parent.childPrefix ??= mash(parent.firstPass, '/');
      const parentSeed = parent.seed;
      n1 = mash(parent.childPrefix, label);
      n2 = mash(mash(mash(n1, parentSeed), '/'), label);
      n3 = mash(mash(mash(n2, parentSeed), '/'), label);
    }
    this.firstPass = n1;
    // Alea's seeding: each of the three passes over the seed is subtracted from a hash of ' ' (mod 1).
    this.s0 = SPACES[0] - unit(n1);
    if (this.s0 < 0) this.s0 += 1;
    this.s1 = SPACES[1] - unit(n2);
    if (this.s1 < 0) this.s1 += 1;
    this.s2 = SPACES[2] - unit(n3);
    if (this.s2 < 0) this.s2 += 1;
  }

  /** The seed string this stream is Alea's for: the root's seed, then `/label` for each fork. */
  get seed(): string {
    return (this.seedText ??= `${this.from!.parent.seed}/${this.from!.label}`);
  }

  /** A child stream whose draws depend only on the root seed and the label. */
  fork(label: string): Rng {
    return new Rng({ parent: this, label });
  }

  /** Alea's next fraction in [0, 1). */
  private next(): number {
    const t = 2091639 * this.s0 + this.c * TWO_POW_MINUS_32;
    this.s0 = this.s1;
    this.s1 = this.s2;
    return (this.s2 = t - (this.c = t | 0));
  }

  /** Uniform 32-bit unsigned integer. */
  uint32(): number {
    return ((this.next() * 0x100000000) | 0) >>> 0;
  }

  /** A fraction in [0, 1) with 53 bits (seedrandom's `double`). */
  private double(): number {
    return this.next() + ((this.next() * 0x200000) | 0) * 1.1102230246251565e-16;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) throw new Error(`bad range [${min}, ${max}]`);
    const span = max - min + 1;
    if (span <= 0x1_0000_0000) return min + Math.floor((this.uint32() / 0x1_0000_0000) * span);
    return min + Math.floor(this.double() * span);
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

/** RunContext.drawsFor: each key's own child of the root's "draws" stream. */
export function keyedDraws(root: Rng): (key: string) => Rng {
  const draws = root.fork('draws');
  return (key) => draws.fork(key);
}
