// ORD-8 as pure functions: distinct images per billing hour, part hours counted whole.
import { describe, expect, test } from 'vitest';
import { chargeableImages, diskHours, hoursTouched, type ImageOnDisk } from '../machines/usage.js';

const H = 3_600_000;
const A: ImageOnDisk = { productId: 'a', merchantId: 'm1', specId: 's', unitPriceFen: 100 };
const B: ImageOnDisk = { productId: 'b', merchantId: 'm2', specId: 's', unitPriceFen: 150 };

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
