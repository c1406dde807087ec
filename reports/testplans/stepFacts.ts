// What a step means outside marketsim: the effects its transition emits (reduced to the fields the rules fix) and
// a timer's after-event turned into a named timer with its due time, so a system under test needs no XState names.
import type { AnyEventObject, AnyMachineSnapshot } from 'xstate';
import { transition } from 'xstate';
import { formatTime } from '../../machines/time.js';
import type { ExpectedEffect, PlanEvent, TimerEvent } from './plan.js';

const AFTER = /^xstate\.after\.([^.]+)\.(.+)$/;

/**
 * Per effect type, the fields a system must report as the rules fix them: a merchant call's endpoint and
 * idempotency key (INT-1, REN-3..6), a ledger entry's kind and amount in fen, a notice's topic and result.
 * Other fields (timestamps, payload copies) a system may word its own way, so they are not compared.
 */
export const EFFECT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  callMerchant: ['endpoint', 'callId', 'merchantId'],
  ledger: ['entry', 'orderType', 'orderId', 'relatesTo', 'amountFen'],
  productionInterfaceMessage: ['endpoint', 'callId', 'attempt', 'givenUp'],
  notify: ['topic', 'result'],
  startSupervision: ['orderId'],
  supervisionCompleted: ['orderId', 'acceptedBy'],
  remindBuyer: ['orderId'],
  autoRenewDue: ['orderId', 'periods'],
};

/** The effect with only its rule-fixed fields (all of them, undefined ones dropped). */
export function expectedEffect(type: string, params: Readonly<Record<string, unknown>>): ExpectedEffect {
  const fields = EFFECT_FIELDS[type] ?? [];
  return { type, ...Object.fromEntries(fields.filter((f) => params[f] !== undefined).map((f) => [f, params[f]])) };
}

/** The effects a step's transition emits, in order (timer bookkeeping actions excluded). */
export function stepEffects(before: AnyMachineSnapshot, event: AnyEventObject): ExpectedEffect[] {
  const [, actions] = transition(before.machine, before, event);
  return actions
    .filter((action) => !action.type.startsWith('xstate.'))
    .map((action) => expectedEffect(action.type, (action.params ?? {}) as Record<string, unknown>));
}

/** "2024-04-01 09:00" (UTC+8). */
export function shortTime(at: number): string {
  return formatTime(at).slice(0, 16).replace('T', ' ');
}

type DelayFn = (args: { context: unknown; event: AnyEventObject }) => number;

/**
 * An after-event as a named timer due at `clock` + the delay the machine computes from the snapshot, e.g. the
 * expiry timer is due at the order's validUntil. Undefined for any other event.
 */
export function timerEvent(before: AnyMachineSnapshot, event: AnyEventObject, clock: number): TimerEvent | undefined {
  const match = AFTER.exec(event.type);
  if (!match) return undefined;
  const [, timer, state] = match as unknown as [string, string, string];
  const delays = (before.machine.implementations.delays ?? {}) as Record<string, DelayFn | number | undefined>;
  const delay = delays[timer];
  const ms = typeof delay === 'function' ? delay({ context: before.context, event: { type: event.type, at: clock } }) : Number(delay ?? 0);
  return { type: 'timer', timer, state, at: clock + ms };
}

/** XState's after-event for a plan's timer event (what marketsim's own machine takes). */
export function afterEventOf(event: PlanEvent): AnyEventObject {
  if (event.type !== 'timer') return event;
  return { type: `xstate.after.${String(event.timer)}.${String(event.state)}` };
}
