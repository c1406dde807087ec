// sim/rng.ts computes Alea itself (one object per stream instead of seedrandom's closures); every draw must be the
// number seedrandom's `alea` gives for the same seed, or every generated run would change.
import seedrandom from 'seedrandom';
import { expect, test } from 'vitest';
import { Rng } from '../sim/rng.js';

const SEEDS = ['', ' ', 'bench', '7', 'default', 'bench/generator/orders/o0001234/plan', '种子/订单', 'emoji \ud83d\ude00', 'lone \ud800', 'x'.repeat(500)];

test.each(SEEDS)('seed %j: the same uint32 and wide-range draws as seedrandom alea', (seed) => {
  const reference = seedrandom.alea(seed);
  const rng = new Rng(seed);
  for (let i = 0; i < 2000; i++) {
    if (i % 3 === 2) {
      const span = 2 ** 40 + i;
      expect(rng.int(0, span - 1)).toBe(Math.floor(reference.double() * span));
    } else {
      expect(rng.uint32()).toBe(reference.int32() >>> 0);
    }
  }
});

test('forks draw what seedrandom draws for the forked seed', () => {
  for (let i = 0; i < 300; i++) {
    const label = `o${String(i).padStart(7, '0')}/plan`;
    const forked = new Rng('bench').fork('generator').fork(label);
    const reference = seedrandom.alea(`bench/generator/${label}`);
    for (let k = 0; k < 20; k++) expect(forked.int(0, 999)).toBe(Math.floor(((reference.int32() >>> 0) / 0x1_0000_0000) * 1000));
  }
});
