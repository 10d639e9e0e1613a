/** How to ship released orders sooner: shorter picking, labour by the hour, batches for small orders. */
import type { Practice } from '@/lib/semantic/kpi';
import { orderPickingReview, wercDcMeasures, worldClassWarehousing } from './sources';

export const practices: Practice[] = [
  {
    title: 'Slot by velocity and route pickers in one pass',
    what: 'Put the most picked SKUs in the most accessible locations near packing, and have the warehouse system sequence each pick list along one route through the aisles.',
    why: 'Travel is most of picking time; shorter routes move released orders to the dock faster.',
    start:
      'Rank SKUs by lines picked over the last quarter, reslot the top movers, and compare picking time per order before and after.',
    measure: 'Internal order cycle time, and lines picked per labour hour.',
    sources: [orderPickingReview, worldClassWarehousing],
  },
  {
    title: 'Plan labour by the hour against the release profile',
    what: 'Forecast how many orders will be released in each hour of the day and staff picking and packing to match, moving people between zones as the day goes.',
    why: 'Released orders wait when the work arrives faster than the people on the floor can do it; staffing to the hourly profile removes the queue.',
    start:
      'Plot released orders by hour of the day for a month, compare them with staffed hours per zone, and shift start times where the two do not match.',
    measure:
      'Internal order cycle time by hour of release, and orders waiting to be picked at each hour.',
    sources: [wercDcMeasures, worldClassWarehousing],
  },
  {
    title: 'Batch small orders and pick by zone',
    what: 'Pick several small orders in one tour and sort them at packing, or split a large warehouse into zones whose pickers work in parallel.',
    why: 'Batching spreads one walk over many orders, and zones let an order be picked in parallel rather than in one long tour.',
    start:
      'Find the share of single-line and small orders; trial batches of them in one zone and compare the time from release to ship.',
    measure: 'Internal order cycle time for small orders, and picks per labour hour.',
    sources: [orderPickingReview],
  },
];
