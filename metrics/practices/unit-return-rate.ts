/** How to get fewer units back: the SKUs behind the returned units, and multi-unit orders. */
import type { Practice } from '@/lib/semantic/kpi';
import { goingBackwards, istaAmazonSioc, nrfReturns, worldClassWarehousing } from './sources';

export const practices: Practice[] = [
  {
    title: 'Find the few SKUs behind most returned units',
    what: 'Rank SKUs by units returned and by their own unit return rate, and work on the top of the list: product information, quality, packaging or how they are sold.',
    why: 'Returned units concentrate on a small share of SKUs; fixing those moves the unit rate more than any broad campaign.',
    start:
      'Export returns by SKU for the last six months, take the SKUs that make up most returned units, and assign each an owner and a cause.',
    measure: 'Unit return rate overall and of the listed SKUs.',
    sources: [goingBackwards, nrfReturns],
  },
  {
    title: 'Verify quantities and protect multi-unit orders',
    what: 'Check the count of each line at packing for orders with several units, and pack multi-unit orders so the units cannot damage one another in transit.',
    why: 'Over-shipped units come back as returns, and one damaged multi-unit box returns many units at once.',
    start:
      'List returns for wrong quantity and damage on orders with several units, and add a count check and a packing rule for those products.',
    measure: 'Unit return rate for wrong-quantity and damage reasons.',
    sources: [worldClassWarehousing, istaAmazonSioc],
  },
];
