// Submission validation (PUB-9, PUB-11) and joint-operation publishing permission (PUB-10), as pure checks
// shared by the product machine's guards and the explanations of refused submissions.
import type { ListingInfo, MerchantDef, ProductDef } from './catalog.js';
import type { RulesParams } from './rules.js';

export interface Problem {
  readonly rule: string;
  readonly reason: string;
}

/** PUB-9 / PUB-11: what keeps a listing from being submitted. Empty when it may go to review. */
export function listingProblems(listing: ListingInfo, product: ProductDef, params: RulesParams): Problem[] {
  if (!params.submissionChecks) return [];
  const problems: Problem[] = [];
  const missing = params.supportInfoItems.filter((item) => !listing.supportInfo[item]?.trim());
  if (missing.length > 0) problems.push({ rule: 'PUB-9', reason: `service-support info lacks ${missing.join(', ')}` });
  problems.push(...guideProblems(listing, product));
  if (params.softwareDeliveryTypes.includes(product.deliveryType)) {
    const certificate = listing.copyrightCertificate?.name;
    if (!certificate) problems.push({ rule: 'PUB-9', reason: 'software product without a software-copyright certificate' });
    else if (certificate.trim() !== listing.name.trim()) {
      problems.push({ rule: 'PUB-9', reason: `certificate name "${certificate}" differs from product name "${listing.name}"` });
    }
  }
  problems.push(...logoProblems(listing, params));
  if (params.deliverySlaDeliveryTypes.includes(product.deliveryType) && !listing.deliverySla?.trim()) {
    problems.push({ rule: 'PUB-11', reason: `${product.deliveryType} product submitted without its delivery SLA (交付SLA)` });
  }
  return problems;
}

function guideProblems(listing: ListingInfo, product: ProductDef): Problem[] {
  const guide = listing.usageGuide;
  if (!guide || (!guide.text?.trim() && product.deliveryType !== 'image')) {
    return [{ rule: 'PUB-9', reason: 'usage guide missing' }];
  }
  if (product.deliveryType === 'image' && (!guide.ports?.length || !guide.login?.trim())) {
    return [{ rule: 'PUB-9', reason: 'image usage guide must give the ports to open and how to log in' }];
  }
  return [];
}

function logoProblems(listing: ListingInfo, params: RulesParams): Problem[] {
  const logo = listing.logo;
  if (!logo) return [{ rule: 'PUB-9', reason: 'logo missing' }];
  const reasons: string[] = [];
  if (logo.widthPx !== params.logoSizePx || logo.heightPx !== params.logoSizePx) {
    reasons.push(`logo is ${logo.widthPx}×${logo.heightPx}, must be ${params.logoSizePx}×${params.logoSizePx}`);
  }
  if (logo.background.toUpperCase() !== params.logoBackground.toUpperCase()) {
    reasons.push(`logo background ${logo.background} is not ${params.logoBackground}`);
  }
  if (logo.markWidthPx !== params.logoMarkSizePx || logo.markHeightPx !== params.logoMarkSizePx || !logo.markCentred) {
    reasons.push(`logo mark must be ${params.logoMarkSizePx}×${params.logoMarkSizePx} and centred`);
  }
  return reasons.map((reason) => ({ rule: 'PUB-9', reason }));
}

/** PUB-10: who may publish a joint-operation product. `subUser` absent means the main account. */
export function publisherProblems(
  product: ProductDef,
  merchant: MerchantDef,
  subUser: string | undefined,
  params: RulesParams,
): Problem[] {
  if (product.productClass !== 'jointOperation') return [];
  if (subUser === undefined) {
    return merchant.jointOperationMember
      ? []
      : [{ rule: 'PUB-10', reason: `main account ${merchant.id} has not joined the joint-operation plan` }];
  }
  const user = merchant.subUsers.find((u) => u.id === subUser);
  if (!user) return [{ rule: 'PUB-10', reason: `unknown sub-user ${subUser} of ${merchant.id}` }];
  return user.permissions.includes(params.jointOperationPermission)
    ? []
    : [{ rule: 'PUB-10', reason: `sub-user ${subUser} lacks the "${params.jointOperationPermission}" permission` }];
}

/** A form that passes every PUB-9 check under these parameters (scenarios that give no listing get this). */
export function completeListing(name: string, params: RulesParams): ListingInfo {
  return {
    name,
    supportInfo: { serviceTime: '9:00-18:00', serviceContent: 'installation and support', hotline: '400-000-0000', email: 'support@example.com' },
    usageGuide: { text: 'See the product guide.', ports: [22, 443], login: 'ssh root@<instance-ip>' },
    copyrightCertificate: { name },
    deliverySla: 'Licence key delivered within 1 business day of purchase',
    logo: {
      widthPx: params.logoSizePx,
      heightPx: params.logoSizePx,
      background: params.logoBackground,
      markWidthPx: params.logoMarkSizePx,
      markHeightPx: params.logoMarkSizePx,
      markCentred: true,
    },
  };
}
