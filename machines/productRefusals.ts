// Precise reasons for refused product commands, so a log line says which check failed and why
// (the machine's guards say only yes or no). Pure: reads the snapshot and the event.
import type { AnyEventObject } from 'xstate';
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
      return by === 'operator' ? undefined : { rules: ['PUB-4'], reason: 'review results are decided by platform operators' };
    case 'hide':
    case 'unhide': {
      const spec = (event as { spec?: string }).spec;
      return spec !== undefined && context.specs[spec]?.discontinued
        ? { rules: ['DEL-1'], reason: `spec ${spec} is discontinued (已停售) for good` }
        : undefined;
    }
    case 'delist':
    case 'requestDelisting':
      return status === 'listed' ? delistingRefusal(snapshot, event.type, by) : undefined;
    default:
      return undefined;
  }
}

function delistingRefusal(snapshot: ProductSnapshot, type: string, by: string | undefined): Refusal | undefined {
  const { product, params } = snapshot.context;
  if (by === 'seller' && params.operatorOnlyDelistDeliveryTypes.includes(product.deliveryType)) {
    return { rules: ['DEL-2'], reason: `${product.deliveryType} products can only be delisted by marketplace staff` };
  }
  if (by === 'seller' && !params.sellerDelistableClasses.includes(product.productClass)) {
    return { rules: ['DEL-1'], reason: `${product.productClass} products cannot be delisted by the seller` };
  }
  if (type === 'delist' && params.delistFlow === 'review' && by === 'seller') {
    return { rules: ['DEL-3'], reason: 'this platform delists through a delisting request reviewed by the platform' };
  }
  if (type === 'requestDelisting' && params.delistFlow === 'discontinue') {
    return { rules: ['DEL-1'], reason: 'this platform delists immediately (已停售); there is no delisting request' };
  }
  return undefined;
}
