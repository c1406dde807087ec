// The run's one source of randomness: a seeded PRNG (seedrandom's Alea) and named sub-streams forked from it,
// so that adding a draw in one place does not shift every other draw of the run.
import seedrandom from 'seedrandom';

/** A probability as an integer ratio, never a float (determinism across machines). */
export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
}

export class Rng {
  private readonly prng: seedrandom.PRNG;

  constructor(readonly seed: string) {
    this.prng = seedrandom.alea(seed);
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

/** RunContext.drawsFor: each key's own child of the root's "draws" stream. */
export function keyedDraws(root: Rng): (key: string) => Rng {
  const draws = root.fork('draws');
  return (key) => draws.fork(key);
}
