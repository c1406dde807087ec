// Pure on-demand (hourly) billing of market images on an ECS system disk (ORD-8): billing hours are aligned to
// the start of the order; every distinct image on the disk during an hour is charged that hour, once.
//
// Billed lazily: an order does not wake every hour. Its meter keeps what went on the disk since the last bill, and
// the hours are billed together when a settlement month ends, when billing stops (ORD-4) and at the run's end;
// `billHours` gives each image the same hours the hour-by-hour rule would, so the months' usage is unchanged.

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

/** An image put on the disk at `at` (the first one of a meter: the image on it when billing started). */
export interface DiskSwap {
  readonly at: number;
  readonly image: ImageOnDisk;
}

/** ORD-8: what an hourly order's disk held since its hours were last billed. */
export interface Meter {
  /** Billing hours start here (the start of validity) and follow one another without gaps. */
  readonly origin: number;
  /** Every hour before this instant (an hour boundary, `origin` at first) is billed. */
  readonly billedTo: number;
  /** Images put on the disk, in order; the first was on it at `billedTo` (its `at` may be earlier). Never empty. */
  readonly swaps: readonly DiskSwap[];
  /** ORD-4: when billing stopped; absent while the disk is billed. */
  readonly stoppedAt?: number;
}

/** One image's billed hours within one bill: `hours` × its unit price. */
export interface ImageBill {
  readonly image: ImageOnDisk;
  readonly hours: number;
  readonly firstHourStart: number;
  readonly lastHourEnd: number;
}

export function startMeter(origin: number, image: ImageOnDisk): Meter {
  return { origin, billedTo: origin, swaps: [{ at: origin, image }] };
}

/** ORD-8: an image swapped onto the disk at `at` (a different one is charged for this hour too). */
export function swapOnto(meter: Meter, at: number, image: ImageOnDisk): Meter {
  return { ...meter, swaps: [...meter.swaps, { at, image }] };
}

/** Unbilled hours that have ended before `until`; with `inclusive`, also the one ending at `until`. */
export function endedHours(meter: Meter, until: number, hourMs: number, inclusive = false): number {
  if (until <= meter.billedTo) return 0;
  return inclusive ? Math.floor((until - meter.billedTo) / hourMs) : Math.ceil((until - meter.billedTo) / hourMs) - 1;
}

/** ORD-4 with ORD-8: stopping at `at` bills every hour begun before it, the part hour counted whole. */
export function startedHours(meter: Meter, at: number, hourMs: number): number {
  return at <= meter.billedTo ? 0 : Math.ceil((at - meter.billedTo) / hourMs);
}

/**
 * Bills the next `hours` hours of the meter: each image is charged once for every hour during which it was on
 * the disk, even for a moment (a different image within one hour charges both, the same image once). Returns the
 * bills in the order the images first went on the disk, and the meter with those hours billed.
 */
export function billHours(meter: Meter, hours: number, hourMs: number): { readonly bills: ImageBill[]; readonly meter: Meter } {
  if (hours <= 0) return { bills: [], meter };
  const from = meter.billedTo;
  const to = from + hours * hourMs;
  const byImage = new Map<string, { image: ImageOnDisk; hours: number; firstHour: number; lastHour: number }>();
  const { swaps } = meter;
  for (let i = 0; i < swaps.length; i++) {
    const start = Math.max(swaps[i]!.at, from);
    if (start >= to) break;
    const end = Math.min(swaps[i + 1]?.at ?? to, to);
    // An image swapped away the instant it was put on is charged for the hour it was on the disk in, if any (not
    // on an hour boundary, where no hour has it during it: `diskHours`).
    if (end === start && (start - from) % hourMs === 0) continue;
    const firstHour = Math.floor((start - from) / hourMs);
    // A part hour counts whole.
    const lastHour = end > start ? Math.ceil((end - from) / hourMs) - 1 : firstHour;
    const image = swaps[i]!.image;
    const known = byImage.get(image.productId);
    if (!known) {
      byImage.set(image.productId, { image, hours: lastHour - firstHour + 1, firstHour, lastHour });
    } else if (lastHour > known.lastHour) {
      // Segments come in time order, so the hours already charged to this image are the ones up to lastHour.
      known.hours += lastHour - Math.max(firstHour, known.lastHour + 1) + 1;
      known.lastHour = lastHour;
    }
  }
  const bills = [...byImage.values()].map((b) => ({
    image: b.image,
    hours: b.hours,
    firstHourStart: from + b.firstHour * hourMs,
    lastHourEnd: from + (b.lastHour + 1) * hourMs,
  }));
  let keep = 0;
  for (let i = 0; i < swaps.length; i++) if (swaps[i]!.at <= to) keep = i;
  return { bills, meter: { ...meter, billedTo: to, swaps: keep === 0 ? swaps : swaps.slice(keep) } };
}

/** The start of the billing hour an instant falls in (the meter's last activity once it is stopped). */
export function hourStartOf(meter: Meter, at: number, hourMs: number): number {
  const until = meter.stoppedAt !== undefined ? Math.min(at, meter.stoppedAt) : at;
  return meter.origin + Math.max(0, Math.floor((until - meter.origin) / hourMs)) * hourMs;
}
