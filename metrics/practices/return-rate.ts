/** How to get fewer orders back: reasons, product content, fulfilment errors, packaging, suppliers. */
import type { Practice } from '@/lib/semantic/kpi';
import {
  goingBackwards,
  istaAmazonSioc,
  nrfReturns,
  reverseSupplyChain,
  orderPickingReview,
} from './sources';

export const practices: Practice[] = [
  {
    title: 'Record a reason for every return and review the top reasons weekly',
    what: 'Capture a reason code for each return when it is authorised and confirm it when the goods are inspected, map the codes to a short list of categories, and review the top reasons every week.',
    why: 'Returns come from a few causes (wrong item, damage, not as described, changed mind) that need different fixes; without reasons, nobody can tell which fix would move the rate.',
    start:
      'Map your existing reason codes to categories, check how many returns have none, and make the reason a required field for the returns desk.',
    measure: 'Share of returns with a reason category, and the order return rate per category.',
    sources: [goingBackwards, nrfReturns],
  },
  {
    title: 'Describe products so the customer knows what arrives',
    what: 'For the products returned most as “not as expected”, improve what the customer sees before ordering: dimensions, sizing guidance, compatibility, clear photos and the contents of the pack.',
    why: 'A return because the product was not what the customer expected is decided at the order; better information stops the order that would have come back.',
    start:
      'List the SKUs with the highest return rate for customer-choice reasons, read the return comments, and fix the product page or catalogue entry of the top ten.',
    measure:
      'Order return rate of those SKUs before and after, with customer-choice returns counted apart.',
    sources: [nrfReturns, reverseSupplyChain],
  },
  {
    title: 'Remove the fulfilment errors that come back as returns',
    what: 'Treat every return for a wrong item, wrong quantity, damage or missing paperwork as a fulfilment failure, trace it to its pick, pack or carrier, and fix that step.',
    why: 'These returns are caused inside the operation, so they are the ones it can remove entirely; each fix also raises order accuracy.',
    start:
      'Take last month’s returns in the four fulfilment-error categories, find the site, picker location or carrier behind each, and tackle the most frequent one.',
    measure: 'Order return rate for fulfilment-error reasons, and order accuracy.',
    sources: [orderPickingReview, goingBackwards],
  },
  {
    title: 'Protect products on their way to the customer',
    what: 'Test the packaging of fragile and frequently damaged products to a recognised transit test, and change the pack (carton strength, inner protection, right size) where it fails.',
    why: 'Goods damaged in transit come back; packaging that survives the parcel network removes those returns.',
    start:
      'Rank products by damage returns, send the top few packs to an ISTA-certified laboratory or run the test procedure in house, and fix the failures.',
    measure: 'Returns with reason damaged, and the orders shipped damage-free rate.',
    sources: [istaAmazonSioc],
  },
  {
    title: 'Take defect returns back to the supplier',
    what: 'Share defect returns by SKU with the supplier or your own production each month, with inspection findings, and agree corrective actions and credits.',
    why: 'Defective products keep coming back until the source is fixed; the supplier can only fix what it is told about with evidence.',
    start:
      'Report the defect returns of the top suppliers for the last quarter, with inspection notes, and ask each for a corrective action.',
    measure: 'Order return rate for defect reasons, per supplier.',
    sources: [reverseSupplyChain, goingBackwards],
  },
];
