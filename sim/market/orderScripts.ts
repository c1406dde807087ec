// What the simulated buyer and seller do after one generated purchase: refunds, auto-renewal, disk swaps and the
// service-supervision steps of its delivery type, each drawn from the population's behaviour ratios.
import type { Actor } from '../../machines/domain.js';
import { supervisionFlow, type SupervisionFlow } from '../../machines/supervisionFlow.js';
import type { ProductEntry } from '../../scenarios/catalogSchema.js';
import type { Behaviour, PopulationSpec } from '../../scenarios/populationSchema.js';
import { item, type Draft, type MarketFrame } from './types.js';
import type { Rng } from '../rng.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface OrderPlan {
  readonly orderId: string;
  readonly product: ProductEntry;
  readonly specId: string;
  readonly buyerId: string;
  readonly at: number;
  /** ORD-8: another hourly image product the buyer may swap the system disk to. */
  readonly swapTo?: string;
}

/** The order's stream for one part of its script ('purchase', 'refund', 'hourly', 'supervision'). */
export type ScriptStreams = (part: string) => Rng;

/**
 * Each part of the script draws from its own stream, so a part the rules skip or shorten (no refund window, a
 * delivery type not supervised) leaves the other parts' draws as they were: the buyer who renews automatically
 * under one profile does under the other.
 */
export function orderScript(plan: OrderPlan, spec: PopulationSpec, frame: MarketFrame, streams: ScriptStreams): Draft[] {
  const { behaviour } = spec;
  const period = plan.product.chargingMode === 'period';
  // The draw is made for every period order (so the rest of the stream does not depend on the rule); a buyer asks
  // for auto-renewal only where the marketplace offers it (REN-1).
  const wantsAutoRenew = period && streams('purchase').chance(behaviour.autoRenew);
  const offered = frame.params.autoRenewChargingModes.includes(plan.product.chargingMode) && frame.params.autoRenewDeliveryTypes.includes(plan.product.deliveryType);
  const drafts: Draft[] = [
    item(plan.at, 'purchase', 'order', plan.orderId, 'buyer', {
      product: plan.product.id,
      spec: plan.specId,
      buyer: plan.buyerId,
      ...(wantsAutoRenew && offered ? { autoRenew: true } : {}),
    }),
  ];
  if (period) drafts.push(...refundScript(plan, behaviour, frame, streams('refund')));
  if (plan.product.chargingMode === 'hourly') drafts.push(...hourlyScript(plan, behaviour, streams('hourly')));
  if (frame.params.supervisedDeliveryTypes.includes(plan.product.deliveryType)) {
    drafts.push(...supervisionScript(plan, spec, frame, streams('supervision')));
  }
  return drafts;
}

/** REF-1..4: a refund inside the no-reason window, or later with an exception reason. */
function refundScript(plan: OrderPlan, behaviour: Behaviour, frame: MarketFrame, rng: Rng): Draft[] {
  if (plan.product.chargingMode !== 'period') return [];
  const window = frame.params.noReasonRefundWindowMs;
  if (rng.chance(behaviour.noReasonRefund)) {
    if (window > 0) {
      // An hour in and an hour before the end, when the window holds that much; inside it anyway when shorter (a
      // what-if of a one-hour window drew from an empty range and the run died as a bug).
      const after = window >= 2 * HOUR ? rng.int(HOUR, window - HOUR) : rng.int(0, window - 1);
      return [item(plan.at + after, 'refund', 'order', plan.orderId, 'buyer')];
    }
    // No no-reason window (koogallery): buyers cancel supervised orders before they take effect (REF-4).
    if (frame.params.supervisedDeliveryTypes.includes(plan.product.deliveryType)) {
      return [item(plan.at + rng.int(5 * MINUTE, 30 * MINUTE), 'refund', 'order', plan.orderId, 'buyer')];
    }
    return [];
  }
  if (rng.chance(behaviour.lateRefund)) {
    const price = plan.product.specs.find((s) => s.id === plan.specId)?.priceFen ?? 0;
    if (price === 0) return [];
    const reason = { reason: 'serviceNotStarted', amountFen: price };
    return [item(plan.at + Math.max(window, 5 * DAY) + rng.int(DAY, 20 * DAY), 'refund', 'order', plan.orderId, 'operator', reason)];
  }
  return [];
}

/** ORD-4, ORD-8: an hourly image buyer may swap the system-disk image within the hour, and stops billing later. */
function hourlyScript(plan: OrderPlan, behaviour: Behaviour, rng: Rng): Draft[] {
  const drafts: Draft[] = [];
  if (plan.swapTo !== undefined && rng.chance(behaviour.diskSwap)) {
    const swap = { toProduct: plan.swapTo };
    drafts.push(item(plan.at + rng.int(5 * MINUTE, 50 * MINUTE), 'replaceSystemDisk', 'order', plan.orderId, 'buyer', swap));
  }
  drafts.push(item(plan.at + rng.int(2 * HOUR, 20 * DAY), 'refund', 'order', plan.orderId, 'buyer'));
  return drafts;
}

function supervisionScript(plan: OrderPlan, spec: PopulationSpec, frame: MarketFrame, rng: Rng): Draft[] {
  const flow = supervisionFlow(plan.product.deliveryType, plan.product.licenseMode, plan.at, frame.params);
  const s = new StepClock(plan, rng);
  const steps = FLOW_STEPS[flow](s, spec.behaviour, plan, rng);
  if (rng.chance(spec.behaviour.appeal)) steps.push(...appealSteps(s, rng));
  const accept = !rng.chance(spec.behaviour.neverAccepts);
  if (accept && flow !== 'authCode') steps.push(s.after(rng.int(HOUR, spec.acceptanceDelayMs), 'acceptDelivery', 'buyer'));
  if (accept && flow === 'authCode' && plan.product.enablementCloud) steps.push(s.after(rng.int(HOUR, spec.acceptanceDelayMs), 'acceptDelivery', 'buyer'));
  return steps;
}

/** Hands out the supervision steps of one order at increasing times. */
class StepClock {
  private at: number;
  constructor(
    private readonly plan: OrderPlan,
    private readonly rng: Rng,
  ) {
    this.at = plan.at + rng.int(10 * MINUTE, 2 * HOUR);
  }
  after(delay: number, event: string, by: Actor, payload: Record<string, unknown> = {}): Draft {
    this.at += delay;
    return item(this.at, event, 'supervision', this.plan.orderId, by, payload);
  }
  now(): number {
    return this.at;
  }
  draw(min: number, max: number): number {
    return this.rng.int(min, max);
  }
}

type FlowSteps = (s: StepClock, behaviour: Behaviour, plan: OrderPlan, rng: Rng) => Draft[];

const deliverPayload = (s: StepClock, behaviour: Behaviour, rng: Rng): Record<string, unknown> =>
  rng.chance(behaviour.openingTimeFilled) ? { openedAt: s.now() } : {};

const FLOW_STEPS: Readonly<Record<SupervisionFlow, FlowSteps>> = {
  requirement: (s, behaviour, plan, rng) => {
    const steps = [s.after(s.draw(10 * MINUTE, DAY), 'submitRequirement', 'buyer')];
    if (rng.chance(behaviour.requirementRejection)) {
      steps.push(s.after(s.draw(HOUR, DAY), 'rejectRequirement', 'seller', { reason: 'scope unclear' }));
      steps.push(s.after(s.draw(HOUR, DAY), 'submitRequirement', 'buyer'));
    }
    steps.push(s.after(s.draw(HOUR, DAY), 'confirmRequirement', 'seller'));
    const documents = plan.product.deliveryType === 'dataFile' ? { documents: ['acceptance.pdf'] } : {};
    steps.push(s.after(s.draw(DAY, 5 * DAY), 'deliver', 'seller', { ...documents, ...deliverPayload(s, behaviour, rng) }));
    return steps;
  },
  delivery: (s, behaviour, _plan, rng) => [s.after(s.draw(HOUR, 3 * DAY), 'deliver', 'seller', deliverPayload(s, behaviour, rng))],
  authCode: (s) => [s.after(s.draw(HOUR, DAY), 'deliver', 'seller'), s.after(s.draw(HOUR, 2 * DAY), 'activateAuthCode', 'seller')],
  hardware: (s, behaviour, _plan, rng) => {
    const mismatch = rng.chance(behaviour.phoneMismatch);
    const steps = [s.after(s.draw(HOUR, 2 * DAY), 'ship', 'seller', mismatch ? { recipientPhone: '10000000000' } : {})];
    // A waybill with another phone cannot be tracked, so no sign-off ever reaches the platform (SUP-5).
    if (mismatch) steps.push(s.after(s.draw(DAY, 4 * DAY), 'remindBuyer', 'seller'));
    else steps.push(s.after(s.draw(DAY, 4 * DAY), 'courierSignedOff', 'system'));
    return steps;
  },
  appOrchestration: (s, behaviour, _plan, rng) => [s.after(s.draw(HOUR, 3 * DAY), 'deliver', 'seller', deliverPayload(s, behaviour, rng))],
};

/** SUP-8: an appeal opened between two steps and resolved a day or two later. */
function appealSteps(s: StepClock, rng: Rng): Draft[] {
  return [
    s.after(s.draw(10 * MINUTE, HOUR), 'openAppeal', rng.chance({ numerator: 1, denominator: 2 }) ? 'buyer' : 'seller', { reason: 'delivery disputed' }),
    s.after(s.draw(DAY, 2 * DAY), 'resolveAppeal', 'operator'),
  ];
}
