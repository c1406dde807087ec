// Short human-readable labels for plan events and states, shared by case titles and the CSV sheet.
import type { PlanEvent } from './plan.js';

const TIMER = /^xstate\.after\.([^.]+)\./;

/** "approve by operator", "timer delistingReview fires", "delist by seller (spec s1)". */
export function eventLabel(event: PlanEvent): string {
  const timer = TIMER.exec(event.type);
  if (timer) return `timer ${timer[1]} fires`;
  if (event.type === 'timer') return `${String(event.timer)} timer fires`;
  const by = typeof event.by === 'string' ? ` by ${event.by}` : '';
  const extras = Object.entries(event)
    .filter(([key]) => key !== 'type' && key !== 'by' && key !== 'at')
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return `${event.type}${by}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`;
}

/** The event's name and actor only, for titles. */
export function eventShortLabel(event: PlanEvent): string {
  const timer = TIMER.exec(event.type);
  if (timer) return `timer ${timer[1]} fires`;
  return typeof event.by === 'string' ? `${event.type} by ${event.by}` : event.type;
}
