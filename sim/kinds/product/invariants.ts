// Invariants of products: what a listed, discontinued or delisted product (or spec, or package) may never become
// (PUB-2, PUB-5, PUB-8, DEL-1, DEL-4). They observe snapshots only; a violation never changes the run.
import type { ProductSnapshot } from '../../../machines/productAvailability.js';
import { lifecycleStatus } from '../../../machines/productAvailability.js';
import type { Invariant } from '../../engine/engine.js';

const isProduct = (entity: string) => entity.startsWith('product:');

export const PRODUCT_INVARIANTS: readonly Invariant[] = [
  {
    id: 'INV-DISCONTINUED-STAYS',
    rules: ['DEL-1', 'DEL-4'],
    description: 'a discontinued (已停售) or delisted product never returns to sale',
    afterStep: ({ entry, before, after }) => {
      if (!isProduct(entry.entity) || !before) return undefined;
      const was = lifecycleStatus(before as ProductSnapshot);
      const now = lifecycleStatus(after as ProductSnapshot);
      return (was === 'discontinued' || was === 'delisted') && now !== was ? `${was} product became ${now}` : undefined;
    },
  },
  {
    id: 'INV-DISCONTINUED-SPEC-STAYS',
    rules: ['DEL-1'],
    description: 'a discontinued spec never returns',
    afterStep: ({ entry, before, after }) => {
      if (!isProduct(entry.entity) || !before) return undefined;
      const was = (before as ProductSnapshot).context.specs;
      const now = (after as ProductSnapshot).context.specs;
      const back = Object.keys(was).find((spec) => was[spec]?.discontinued && !now[spec]?.discontinued);
      return back ? `spec ${back} was discontinued and came back` : undefined;
    },
  },
  {
    id: 'INV-LISTED-ONLY-AFTER-APPROVAL',
    rules: ['PUB-2', 'PUB-5'],
    description: 'a product is on sale only with an approved version',
    afterStep: ({ entry, after }) => {
      if (!isProduct(entry.entity)) return undefined;
      const product = after as ProductSnapshot;
      return lifecycleStatus(product) === 'listed' && product.context.version < 1 ? 'listed without an approved version' : undefined;
    },
  },
  {
    id: 'INV-PACKAGE-NEVER-DELETED',
    rules: ['PUB-8'],
    description: 'a listed package is never deleted, only delisted',
    afterStep: ({ entry, before, after }) => {
      if (!isProduct(entry.entity) || !before) return undefined;
      const was = (before as ProductSnapshot).context.packages;
      const now = (after as ProductSnapshot).context.packages;
      const gone = Object.keys(was).find((id) => was[id]?.status !== 'pendingReview' && now[id] === undefined);
      return gone ? `package ${gone} was deleted` : undefined;
    },
  },
];
