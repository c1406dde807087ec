// Drives one order's supervision through the real engine at given virtual times, for the SUP rule tests.
import type { DeliveryType, LicenseMode } from '../../machines/domain.js';
import { PROFILES, type RulesParams } from '../../machines/rules.js';
import type { SupervisionCompletion, SupervisionInput, supervisionMachine } from '../../machines/supervisionMachine.js';
import { Engine, type EffectHandler, type EntityKind } from '../../sim/engine/engine.js';
import type { LogEntry } from '../../sim/log/entry.js';
import { KINDS } from '../../sim/kinds/index.js';
import { Rng } from '../../sim/rng.js';
import { parseTime } from '../../machines/time.js';
import type { SnapshotFrom } from 'xstate';

export const BUYER_PHONE = '13800000001';
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** "2024-01-01T09:00" (UTC+8) → epoch ms. */
export const t = (text: string): number => {
  const at = parseTime(text);
  if (at === undefined) throw new Error(`bad time ${text}`);
  return at;
};

export interface HarnessOptions {
  readonly deliveryType: DeliveryType;
  readonly licenseMode?: LicenseMode;
  readonly enablementCloud?: boolean;
  readonly orderedAt?: string;
  readonly params?: Partial<RulesParams>;
  readonly period?: SupervisionInput['period'];
  readonly kinds?: Readonly<Record<string, EntityKind>>;
  readonly effects?: Readonly<Record<string, EffectHandler>>;
}

export function supervisionHarness(options: HarnessOptions) {
  const params: RulesParams = { ...PROFILES.koogallery, ...options.params };
  const orderedAt = t(options.orderedAt ?? '2024-01-01T00:00');
  const input: SupervisionInput = {
    params,
    orderId: 'o1',
    productId: 'p1',
    merchantId: 'm1',
    buyerId: 'b1',
    deliveryType: options.deliveryType,
    ...(options.licenseMode ? { licenseMode: options.licenseMode } : {}),
    enablementCloud: options.enablementCloud ?? false,
    buyerPhone: BUYER_PHONE,
    orderedAt,
    ...(options.period ? { period: options.period } : {}),
  };
  const entries: LogEntry[] = [];
  const engine = new Engine({
    start: orderedAt,
    end: orderedAt + 3 * 365 * DAY_MS,
    rng: new Rng('supervision'),
    kinds: { ...KINDS, ...options.kinds },
    ...(options.effects ? { effects: options.effects } : {}),
    onEntry: (e) => entries.push(e),
  });
  const ref = { kind: 'supervision', id: 'o1' };
  engine.spawn(ref, input);
  return {
    engine,
    entries,
    params,
    /** Lets the clock run to `at` (timers due by then fire), then offers the event there. */
    send(at: string | number, type: string, by: string, fields: Record<string, unknown> = {}): LogEntry {
      engine.runUntil(typeof at === 'number' ? at : t(at));
      return engine.step({ target: ref, event: { type, by, ...fields }, source: 'timeline' });
    },
    runUntil(at: string | number): void {
      engine.runUntil(typeof at === 'number' ? at : t(at));
    },
    snapshot(): SnapshotFrom<typeof supervisionMachine> {
      return engine.snapshot(ref) as SnapshotFrom<typeof supervisionMachine>;
    },
    state(): string {
      return entries.length > 0 ? entries[entries.length - 1]!.state : '';
    },
    /** The `supervisionCompleted` effects logged so far. */
    completions(): SupervisionCompletion[] {
      return entries.flatMap((e) => (e.effects ?? []).filter((f) => f.type === 'supervisionCompleted').map((f) => f.params as unknown as SupervisionCompletion));
    },
    timers(): LogEntry[] {
      return entries.filter((e) => e.source === 'timer');
    },
  };
}
