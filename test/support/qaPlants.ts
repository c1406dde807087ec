// Planted-bug copies of the reference system (marketsim's machines via qa/builtin.ts): each wraps it and gets one
// thing wrong the way a real implementation might. test/support/qaPlants/<name>.ts exposes each as a module
// adapter; test/support/sutServer.ts serves any of them over HTTP.
import { builtinSystem } from '../../qa/builtin.js';
import type { ObservedEffect, StepInput, StepReply, SystemUnderTest } from '../../qa/system.js';

export interface Plant {
  /** The rule the bug breaks, for test titles. */
  readonly rule: string;
  readonly bug: string;
  /** Rewrites the reference's reply to a step; a plant with `touches` answers those steps itself (the reference never sees them). */
  readonly change: (step: StepInput, reply: StepReply) => StepReply;
  /** The steps the bug answers instead of the reference. */
  readonly touches?: (step: StepInput) => boolean;
}

const isLedger = (effect: ObservedEffect) => effect.type === 'ledger';

export const PLANTS = {
  /** REF-1 / REF-4: a refund the rules refuse is reported as accepted (the state does not move). */
  acceptsRefusedRefund: {
    rule: 'REF-1',
    bug: 'reports a refused refund as accepted',
    change: (step, reply) => (step.event.type === 'refund' && !reply.accepted ? { ...reply, accepted: true } : reply),
  },
  /** ORD-3 / REF-1: the refund order's ledger entry is not reported. */
  dropsRefundLedger: {
    rule: 'REF-1',
    bug: 'omits the ledger effect of a refund',
    change: (step, reply) => (step.event.type === 'refund' ? { ...reply, effects: reply.effects.filter((e) => !isLedger(e)) } : reply),
  },
  /** INT-1 / REN-6: create-instance calls carry a per-step key instead of the order's stable idempotency key. */
  unstableCreateKey: {
    rule: 'INT-1',
    bug: 'sends createInstance with a callId that changes per attempt',
    change: (step, reply) => ({
      ...reply,
      effects: reply.effects.map((e) => (e.type === 'callMerchant' && e.endpoint === 'createInstance' ? { ...e, callId: `${String(e.callId)}#${step.n}` } : e)),
    }),
  },
  /** ORD-9 / REN-3: the expiry timer is ignored: the order keeps serving past its expiry. */
  ignoresExpiry: {
    rule: 'REN-3',
    bug: 'ignores the expiry timer',
    touches: (step) => step.event.type === 'timer' && step.event.timer === 'expiry',
    change: () => ({ accepted: true, effects: [] }),
  },
} as const satisfies Record<string, Plant>;

export type PlantName = keyof typeof PLANTS;

/** The reference system with one bug planted. */
export function plantedSystem(name: PlantName): SystemUnderTest {
  const reference = builtinSystem();
  const plant: Plant = PLANTS[name];
  return {
    name: `planted:${name}`,
    supports: (setup) => reference.supports!(setup),
    reset: (setup) => reference.reset(setup),
    async execute(step) {
      if (plant.touches && !plant.touches(step)) return reference.execute(step);
      return plant.change(step, plant.touches ? { accepted: false, effects: [] } : await reference.execute(step));
    },
    observe: () => reference.observe(),
  };
}
