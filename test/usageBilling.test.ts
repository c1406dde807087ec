// ORD-8 as pure functions: distinct images per billing hour, part hours counted whole; and the lazy meter, which
// bills many hours at once, against the hour-by-hour reference (`diskHours`).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  billHours,
  chargeableImages,
  diskHours,
  endedHours,
  hoursTouched,
  startedHours,
  startMeter,
  swapOnto,
  type ImageOnDisk,
  type Meter,
} from '../machines/usage.js';

const H = 3_600_000;
const A: ImageOnDisk = { productId: 'a', merchantId: 'm1', specId: 's', unitPriceFen: 100 };
const B: ImageOnDisk = { productId: 'b', merchantId: 'm2', specId: 's', unitPriceFen: 150 };
const C: ImageOnDisk = { productId: 'c', merchantId: 'm2', specId: 's', unitPriceFen: 70 };

describe('ORD-8', () => {
  test('ORD-8: a different image within one hour charges both; the same image is charged once', () => {
    expect(chargeableImages([A, B]).map((i) => i.productId)).toEqual(['a', 'b']);
    expect(chargeableImages([A, A, A]).map((i) => i.productId)).toEqual(['a']);
  });

  test('ORD-8: a part hour counts as a whole hour', () => {
    expect(hoursTouched(0, 1, H)).toBe(1);
    expect(hoursTouched(0, H, H)).toBe(1);
    expect(hoursTouched(0, H + 1, H)).toBe(2);
    expect(hoursTouched(0, 0, H)).toBe(0);
  });

  test('ORD-8: a disk history A (20 min) → B, swapped to B again, stopped at 2.5 h bills A 1 h and B 3 h', () => {
    const hours = diskHours([{ at: 0, image: A }, { at: 20 * 60_000, image: B }, { at: 70 * 60_000, image: B }], 0, 2.5 * H, H);
    expect(Object.fromEntries(hours)).toEqual({ a: 1, b: 3 });
  });
});

describe('ORD-8 billed lazily', () => {
  const billed = (meter: Meter, hours: number) => billHours(meter, hours, H);

  test('ORD-8: A → B within the first hour, back to A in the third, stopped at 3.5 h: A 3 h, B 3 h in one bill', () => {
    let meter = startMeter(0, A);
    meter = swapOnto(meter, 20 * 60_000, B);
    meter = swapOnto(meter, 2 * H + 10 * 60_000, A);
    const { bills } = billed(meter, startedHours(meter, 3.5 * H, H));
    expect(bills.map((b) => [b.image.productId, b.hours, b.firstHourStart, b.lastHourEnd])).toEqual([
      ['a', 3, 0, 4 * H],
      ['b', 3, 0, 3 * H],
    ]);
  });

  test('ORD-8: an hour ending on the bill instant is left for the next bill, unless the bill includes it', () => {
    const meter = startMeter(0, A);
    expect(endedHours(meter, 3 * H, H)).toBe(2);
    expect(endedHours(meter, 3 * H, H, true)).toBe(3);
    expect(endedHours(meter, 3 * H + 1, H)).toBe(3);
    expect(startedHours(meter, 3 * H, H)).toBe(3);
    expect(startedHours(meter, 3 * H + 1, H)).toBe(4);
  });

  test('ORD-8: the hours billed in any number of bills are the hour-by-hour reference’s, image by image', () => {
    const images = [A, B, C];
    const history = fc.record({
      swaps: fc.array(fc.record({ at: fc.integer({ min: 0, max: 40 * H }), image: fc.constantFrom(...images) }), { maxLength: 12 }),
      cuts: fc.array(fc.integer({ min: 0, max: 45 * H }), { maxLength: 6 }),
      stop: fc.integer({ min: 1, max: 45 * H }),
      origin: fc.integer({ min: 0, max: H }),
    });
    fc.assert(
      fc.property(history, ({ swaps, cuts, stop, origin }) => {
        const ordered = swaps.map((s) => ({ at: origin + s.at, image: s.image })).filter((s) => s.at < stop).sort((x, y) => x.at - y.at);
        let meter = startMeter(origin, A);
        const total = new Map<string, number>();
        const add = (bills: ReturnType<typeof billHours>['bills']) => {
          for (const b of bills) total.set(b.image.productId, (total.get(b.image.productId) ?? 0) + b.hours);
        };
        // Bills at arbitrary instants (month ends, the run's end), then the stop, with the swaps in between.
        const instants = [...cuts.map((c) => origin + c).filter((c) => c < stop), stop].sort((x, y) => x - y);
        let next = 0;
        for (const [i, at] of instants.entries()) {
          while (next < ordered.length && ordered[next]!.at < at) meter = swapOnto(meter, ordered[next]!.at, ordered[next++]!.image);
          const last = i === instants.length - 1;
          const result = billed(meter, last ? startedHours(meter, at, H) : endedHours(meter, at, H, i % 2 === 1));
          add(result.bills);
          meter = result.meter;
        }
        const reference = diskHours([{ at: origin, image: A }, ...ordered], origin, stop, H);
        expect(Object.fromEntries(total)).toEqual(Object.fromEntries(reference));
      }),
      { numRuns: 500 },
    );
  });
});
