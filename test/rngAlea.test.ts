// sim/rng.ts writes Alea out (a fork hashes its parent's seed once for all its children) instead of calling
// seedrandom's alea for every stream: every draw must stay the one seedrandom gives for the stream's seed string,
// or every generated market, fault and preparer draw would change.
import seedrandom from 'seedrandom';
import { describe, expect, test } from 'vitest';
import { keyedDraws, Rng } from '../sim/rng.js';

/** seedrandom's draws for `seed`: 32-bit integers, then 53-bit fractions, as Rng reads them. */
function reference(seed: string): { ints: number[]; doubles: number[] } {
  const prng = seedrandom.alea(seed);
  const ints = Array.from({ length: 40 }, () => prng.int32() >>> 0);
  const doubles = Array.from({ length: 10 }, () => prng.double());
  return { ints, doubles };
}

function drawn(rng: Rng): { ints: number[]; doubles: number[] } {
  const ints = Array.from({ length: 40 }, () => rng.uint32());
  // int() over a span wider than 2^32 reads one 53-bit fraction; min 0, span 2^53 gives it back whole.
  const doubles = Array.from({ length: 10 }, () => rng.int(0, 2 ** 53 - 1) / 2 ** 53);
  return { ints, doubles };
}

const SEEDS = ['', 'bench', '42', 'seed with spaces', '种子/市场', 'a'.repeat(300), 'emoji 🎲', '0', '/', 'x/'];
const LABELS = ['orders', 'o0000001/plan', 'o0000001/supervision', '', '订单', '/', 'draws', 'merchant:m1/call/7'];

describe('Rng draws what seedrandom.alea draws for the same seed string', () => {
  test.each(SEEDS)('root %j', (seed) => {
    const rng = new Rng(seed);
    expect(drawn(rng)).toEqual(reference(seed));
    expect(rng.seed).toBe(seed);
  });

  test('forks, forks of forks and keyed draws, whichever order they are made in', () => {
    for (const seed of SEEDS) {
      const root = new Rng(seed);
      for (const label of LABELS) {
        const child = root.fork(label);
        expect(child.seed).toBe(`${seed}/${label}`);
        expect(drawn(child)).toEqual(reference(`${seed}/${label}`));
        for (const inner of LABELS.slice(0, 3)) {
          const grandchild = child.fork(inner);
          expect(drawn(grandchild)).toEqual(reference(`${seed}/${label}/${inner}`));
        }
      }
      // A parent that drew before forking forks the same children: draws never change what a fork seeds from.
      const used = new Rng(seed);
      used.uint32();
      expect(drawn(used.fork('orders'))).toEqual(reference(`${seed}/orders`));
      expect(drawn(keyedDraws(root)('order:o1/pay'))).toEqual(reference(`${seed}/draws/order:o1/pay`));
    }
  });

  test('a different seed or label draws differently (the comparison above could fail)', () => {
    expect(drawn(new Rng('bench').fork('a'))).not.toEqual(reference('bench/b'));
    expect(drawn(new Rng('bench'))).not.toEqual(reference('bench2'));
  });
});
