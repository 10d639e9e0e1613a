/** How to ship fewer orders in several parts: ship-complete rules, short holds, one site per order. */
import type { Practice } from '@/lib/semantic/kpi';
import { inventoryManagement, oracleOrderPromising, scor } from './sources';

export const practices: Practice[] = [
  {
    title: 'Set ship-complete rules by customer',
    what: 'Record in the customer master whether the customer wants one delivery or accepts partial ones, and let the ERP hold or split orders accordingly.',
    why: 'Splits made for customers who did not ask for them cost freight and handling twice; a rule ships each customer the way it wants.',
    start:
      'Ask the customers with most split orders which they prefer, and set the flag for those who want one delivery.',
    measure:
      'Split shipment rate per customer, with order shipment cycle time watched for held orders.',
    sources: [oracleOrderPromising],
  },
  {
    title: 'Hold a partial order briefly when the rest is due soon',
    what: 'When the missing lines are due in within a day or two, hold the order and ship it once, instead of shipping now and again later.',
    why: 'Many splits cover a short gap; a short, bounded hold turns two shipments into one at little cost in time.',
    start:
      'Look at split orders of last month and how long after the first shipment the second followed; set the hold limit from that gap.',
    measure: 'Split shipment rate, and the extra cycle time of held orders.',
    sources: [scor, oracleOrderPromising],
  },
  {
    title: 'Stock the lines ordered together in one site',
    what: 'Where you ship from several sites, keep the SKUs that are ordered together in the same site, so one site can fill the whole order.',
    why: 'An order sourced from two sites ships in two parts; co-locating items that go together avoids the split.',
    start:
      'Break the split orders down by site and find SKU pairs often ordered together but stocked apart.',
    measure: 'Split shipment rate by site.',
    sources: [inventoryManagement],
  },
];
