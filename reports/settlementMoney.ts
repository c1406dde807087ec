// Money arithmetic for settlement (STL-6, STL-7): integer fen in, integer fen out, BigInt where a product of two
// integers could leave the safe range; no floating-point value ever holds an amount.

/**
 * STL-6 commission of one line: `gross × basisPoints / 10 000`, rounded half away from zero, so an order and its
 * full refund carry commissions that cancel exactly (REF-4 nets to 0 after commission too).
 */
export function commissionFen(grossFen: number, basisPoints: number): number {
  if (!Number.isSafeInteger(grossFen)) throw new RangeError(`gross must be integer fen, got ${grossFen}`);
  if (!Number.isInteger(basisPoints) || basisPoints < 0 || basisPoints > 10_000) throw new RangeError(`basis points must be 0..10000, got ${basisPoints}`);
  const magnitude = BigInt(Math.abs(grossFen)) * BigInt(basisPoints);
  const rounded = (magnitude + 5_000n) / 10_000n; // BigInt division truncates: +half first gives half-up on |x|
  const value = Number(rounded);
  return grossFen < 0 ? 0 - value : value; // never -0
}

/** Yuan with exactly two decimals: the shared CSV writer's, so every report formats money the same way. */
export { yuan } from './csv.js';

/** Sum of integer fen, refusing anything that is not one. */
export function sumFen(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) {
    if (!Number.isSafeInteger(value)) throw new RangeError(`amount must be integer fen, got ${value}`);
    total += value;
  }
  if (!Number.isSafeInteger(total)) throw new RangeError('total left the safe integer range');
  return total;
}
