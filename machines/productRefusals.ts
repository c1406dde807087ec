// Precise reasons for refused product commands, so a log line says which check failed and why
// (the machine's guards say only yes or no). Pure: reads the snapshot and the event.
import type { AnyEventObject } from 'xstate';
import type { InterfaceReplay } from './contracts.js';
import { buyerNoticeProblems, settlementProblems, type BuyerNotice } from './delistingChecks.js';
import type { Refusal } from './domain.js';
import type { ProductSnapshot } from './productAvailability.js';
import { lifecycleStatus } from './productAvailability.js';
import { listingProblems, publisherProblems, type Problem } from './submissionChecks.js';

function refusal(problems: readonly Problem[]): Refusal | undefined {
  if (problems.length === 0) return undefined;
  return { rules: [...new Set(problems.map((p) => p.rule))], reason: problems.map((p) => p.reason).join('; ') };
}

export function explainProductRefusal(snapshot: ProductSnapshot, event: AnyEventObject): Refusal | undefined {
  const { context } = snapshot;
  const { product, params } = context;
  const status = lifecycleStatus(snapshot);
  const by = (event as { by?: string }).by;
  switch (event.type) {
    case 'submit':
    case 'submitChange': {
      if (event.type === 'submit' && status !== 'draft' && status !== 'rejected') return undefined;
      const changes = event.type === 'submitChange' ? (event as { changes?: object }).changes : undefined;
      const listing = { ...context.listing, ...changes };
      return refusal([
        ...listingProblems(listing, product, params),
        ...publisherProblems(product, context.merchant, (event as { subUser?: string }).subUser, params),
        ...replayProblems(event),
      ]);
    }
    case 'withdraw':
      return params.withdrawableDeliveryTypes.includes(product.deliveryType)
        ? undefined
        : { rules: ['PUB-3'], reason: `${product.deliveryType} applications cannot be withdrawn` };
    case 'list':
      return status === 'approved' && by === 'seller' && params.operatorListedDeliveryTypes.includes(product.deliveryType)
        ? { rules: ['PUB-5'], reason: `${product.deliveryType} products are listed by an operator after approval` }
        : undefined;
    case 'approve':
    case 'reject':
      if (by !== 'operator') return { rules: ['PUB-4'], reason: 'review results are decided by platform operators' };
      return refusal(replayProblems(event));
    case 'hide':
    case 'unhide': {
      const spec = (event as { spec?: string }).spec;
      return spec !== undefined && context.specs[spec]?.discontinued
        ? { rules: ['DEL-1'], reason: `spec ${spec} is discontinued (已停售) for good` }
        : undefined;
    }
    case 'delist':
    case 'requestDelisting':
      return status === 'listed' ? delistingRefusal(snapshot, event) : undefined;
    case 'confirmSettlements':
      return by === 'seller' || by === 'operator' ? undefined : { rules: ['STL-5'], reason: 'settlements are reconciled and confirmed by the seller with the platform' };
    default:
      return undefined;
  }
}

/** INT-1: the replayed saved interface test cases that failed for this command, if any. */
function replayProblems(event: AnyEventObject): Problem[] {
  const replay = (event as { interfaceReplay?: InterfaceReplay }).interfaceReplay;
  if (!replay || replay.ok) return [];
  return [{ rule: 'INT-1', reason: `saved interface test cases failed on replay: ${replay.failures.join('; ')}` }];
}

/** DEL-1..3 for the whole product and for a spec alike, then DEL-6/DEL-7 (buyer notice) and STL-5 (settlements). */
function delistingRefusal(snapshot: ProductSnapshot, event: AnyEventObject): Refusal | undefined {
  const { product, params, specs, confirmedSettlements } = snapshot.context;
  const { type, by, spec } = event as { type: string; by?: string; spec?: string };
  const what = spec === undefined ? `${product.deliveryType} products` : `specs of ${product.deliveryType} products`;
  if (by !== 'seller' && by !== 'operator') {
    const rule = params.delistFlow === 'review' ? 'DEL-3' : 'DEL-1';
    return { rules: [rule], reason: `only the seller or marketplace staff delist a product or a spec, not the ${by ?? 'unknown actor'}` };
  }
  if (spec !== undefined && specs[spec] === undefined) return { rules: ['DEL-1'], reason: `unknown spec ${spec}` };
  if (spec !== undefined && specs[spec]?.discontinued) return { rules: ['DEL-1'], reason: `spec ${spec} is already discontinued (已停售)` };
  if (by === 'seller' && params.operatorOnlyDelistDeliveryTypes.includes(product.deliveryType)) {
    return { rules: ['DEL-2'], reason: `${what} can only be delisted by marketplace staff` };
  }
  if (by === 'seller' && !params.sellerDelistableClasses.includes(product.productClass)) {
    return { rules: ['DEL-1'], reason: `${product.productClass} products cannot be delisted by the seller, neither whole nor one spec` };
  }
  if (type === 'delist' && params.delistFlow === 'review' && by === 'seller') {
    return { rules: ['DEL-3'], reason: `this platform delists ${spec === undefined ? 'a product' : 'a spec'} through a delisting request reviewed by the platform` };
  }
  if (type === 'requestDelisting' && params.delistFlow === 'discontinue') {
    return { rules: ['DEL-1'], reason: 'this platform delists immediately (已停售); there is no delisting request' };
  }
  if (type === 'requestDelisting' && by !== 'seller') return { rules: ['DEL-3'], reason: 'a delisting request is the seller\'s application' };
  const notice = (event as { notice?: BuyerNotice }).notice;
  const at = (event as { at?: number }).at ?? 0;
  const pending = (event as { pendingSettlements?: readonly string[] }).pendingSettlements;
  return refusal([
    ...(type === 'requestDelisting' ? buyerNoticeProblems(notice, at, params) : []),
    ...(spec === undefined ? settlementProblems(pending, confirmedSettlements, params) : []),
  ]);
}
