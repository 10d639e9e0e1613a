/** How to get orders to customers sooner: faster shipment, the right carrier service, the nearest stock. */
import type { Practice } from '@/lib/semantic/kpi';
import { inventoryManagement, scor, walmartSellerStandards, learningToSee } from './sources';

export const practices: Practice[] = [
  {
    title: 'Shorten the time before the parcel leaves',
    what: 'Attack the order-to-ship part of the cycle first (cut-offs, release, picking), because it is under your control, while transit depends on the carrier.',
    why: 'Order-to-delivery is order-to-ship plus transit; hours saved in the warehouse arrive at the customer one for one.',
    start:
      'Split the cycle time of delivered orders into order-to-ship and ship-to-delivery on the cycle-time page, and start with the larger part.',
    measure: 'Order shipment cycle time and order fulfilment cycle time together.',
    sources: [learningToSee, scor],
  },
  {
    title: 'Choose the carrier service by destination and promised date',
    what: 'Let the shipping system pick the carrier service for each order from the transit times it achieves to that destination and the date promised, rather than one default service.',
    why: 'A default service is too slow on some lanes and needlessly fast on others; choosing per order shortens the slow lanes.',
    start:
      'Compare transit times by carrier service and destination region from delivered orders, and set rules for the regions with the longest times.',
    measure: 'Ship-to-delivery time per region, and order fulfilment cycle time.',
    sources: [walmartSellerStandards, scor],
  },
  {
    title: 'Place stock nearer to where customers are',
    what: 'Where you have more than one site, keep the fast-moving SKUs in the site nearest each large group of customers and ship from there.',
    why: 'Distance drives transit time; an order shipped from a nearby site spends fewer days on the road.',
    start:
      'Break this KPI down by site and region, and check which regions are served from a distant site for products that could be stocked nearer.',
    measure:
      'Order fulfilment cycle time per region, and the share of orders shipped from the nearest site.',
    sources: [inventoryManagement, scor],
  },
];
