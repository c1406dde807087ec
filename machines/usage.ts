// Pure on-demand (hourly) billing of market images on an ECS system disk (ORD-8): billing hours are aligned to
// the start of the order; every distinct image on the disk during an hour is charged that hour, once.

/** A market image as billed: its product, merchant, spec and hourly price. */
export interface ImageOnDisk {
  readonly productId: string;
  readonly merchantId: string;
  readonly specId: string;
  readonly unitPriceFen: number;
}

/** ORD-8: a different image within the hour charges both; the same image is charged once. */
export function chargeableImages(imagesInHour: readonly ImageOnDisk[]): ImageOnDisk[] {
  const seen = new Set<string>();
  return imagesInHour.filter((image) => (seen.has(image.productId) ? false : (seen.add(image.productId), true)));
}

/** ORD-8: a part hour counts as a whole hour. Billing hours start at `origin`. */
export function hoursTouched(origin: number, until: number, hourMs: number): number {
  if (until <= origin) return 0;
  return Math.ceil((until - origin) / hourMs);
}

/**
 * The whole ORD-8 computation over one disk's history, for reports and as a cross-check of the machine:
 * `swaps` are the images put on the disk (the first at `origin`), `until` when billing stopped.
 * Returns billed hours per image product.
 */
export function diskHours(
  swaps: readonly { readonly at: number; readonly image: ImageOnDisk }[],
  origin: number,
  until: number,
  hourMs: number,
): Map<string, number> {
  const hours = new Map<string, number>();
  const total = hoursTouched(origin, until, hourMs);
  for (let slot = 0; slot < total; slot++) {
    const from = origin + slot * hourMs;
    const to = from + hourMs;
    const onDisk = swaps.filter((swap, i) => swap.at < to && (swaps[i + 1]?.at ?? Number.POSITIVE_INFINITY) > from);
    for (const image of chargeableImages(onDisk.map((s) => s.image))) {
      hours.set(image.productId, (hours.get(image.productId) ?? 0) + 1);
    }
  }
  return hours;
}
