/** How to put more returned goods back into stock: fast handling, grading, packaging, root causes. */
import type { Practice } from '@/lib/semantic/kpi';
import {
  goingBackwards,
  istaAmazonSioc,
  reverseLogisticsFramework,
  reverseSupplyChain,
} from './sources';

export const practices: Practice[] = [
  {
    title: 'Handle returns while they are still sellable',
    what: 'Inspect and decide time-sensitive returns (seasonal, dated or fast-moving items) first, so they reach stock while they can still be sold at full price.',
    why: 'A returned item loses value every week it waits; goods that could have been restocked on arrival end up marked down, refurbished or scrapped.',
    start:
      'Flag the product families whose value falls fastest and give their returns priority at the returns station.',
    measure: 'Restock rate of those families, and their return receipt-to-disposition time.',
    sources: [reverseSupplyChain, goingBackwards],
  },
  {
    title: 'Grade returns by written criteria, not by eye',
    what: 'Define per product family what makes a return restockable (sealed, complete, undamaged, current version), with photos, and train the inspectors on it.',
    why: 'Without criteria, inspectors err on the side of scrap or refurbishment; clear criteria send every return that qualifies back to stock.',
    start:
      'Take a sample of last month’s scrapped and refurbished returns, re-grade them against draft criteria, and publish the criteria where they disagree.',
    measure:
      'Restock rate by inspector and product family, and customer complaints about restocked goods.',
    sources: [reverseLogisticsFramework, goingBackwards],
  },
  {
    title: 'Fix the causes of damaged returns at the source',
    what: 'Trace returns that could not be restocked because of damage to their packaging and handling, and improve the packaging or the handling step that caused it.',
    why: 'Goods damaged in transit or packing cannot go back to stock; fewer damaged returns leave more returns that can.',
    start:
      'Break down last quarter’s non-restocked returns by reason category and test the packaging of the items most often damaged.',
    measure: 'Restock rate, and returns in the damaged category.',
    sources: [istaAmazonSioc, reverseSupplyChain],
  },
];
