/** How to shorten the time from order to final shipment: cut-offs, release, picking, exceptions. */
import type { Practice } from '@/lib/semantic/kpi';
import {
  learningToSee,
  orderPickingReview,
  sapCreditControl,
  worldClassWarehousing,
  amazonSellerFulfilledPrime,
  apqcPcf,
} from './sources';

export const practices: Practice[] = [
  {
    title: 'Set order cut-off times and release waves on a fixed clock',
    what: 'Publish one cut-off time per site and channel, and release orders to the warehouse in waves at set times of the day instead of whenever someone gets to them.',
    why: 'Orders stop waiting for an unplanned release, and the warehouse can staff each wave, so most of the time between order and shipment that is pure waiting disappears.',
    start:
      'Pick the site with the longest cycle time, agree a cut-off with the carrier’s pickup time in mind, and release its orders in three or four fixed waves for a month.',
    measure:
      'Order release cycle time and the median order shipment cycle time of that site, week by week; orders received after the cut-off counted apart.',
    sources: [amazonSellerFulfilledPrime, worldClassWarehousing],
  },
  {
    title: 'Release low-risk orders from credit checks automatically',
    what: 'Let the ERP release an order without a person when the customer is within its credit limit, has no overdue items and the order is of a usual size; send only the rest to a credit analyst.',
    why: 'A manual credit hold adds hours or days to every order it touches; most held orders are released unchanged, so automating them removes the wait without adding risk.',
    start:
      'List last quarter’s credit-held orders with how long each waited and how many were released unchanged, then write the rules that would have released those automatically.',
    measure:
      'Share of orders released without a touch, order release cycle time, and bad-debt write-offs (which should not rise).',
    sources: [sapCreditControl, apqcPcf],
  },
  {
    title: 'Slot fast movers close to pack-out and shorten pick paths',
    what: 'Place the SKUs picked most often in the easiest, nearest pick faces, group items ordered together, and route pickers through the aisles in one pass.',
    why: 'Walking is the largest part of a picker’s time; less walking per line means released orders are picked and shipped sooner.',
    start:
      'Rank SKUs by lines picked in the last three months, move the top movers to the golden zone near packing, and re-run the ranking every quarter.',
    measure:
      'Release-to-ship cycle time, lines picked per labour hour, and travel distance per order where the warehouse system records it.',
    sources: [orderPickingReview, worldClassWarehousing],
  },
  {
    title: 'Work an exception queue for orders stuck before release',
    what: 'Keep one queue of orders that are entered but not released (missing data, price or address problems, holds), each with an owner and its age, and clear it several times a day.',
    why: 'The slowest orders are usually the ones waiting on a question nobody owns; an owned, visible queue turns days of waiting into hours.',
    start:
      'Use the slowest orders on this KPI’s page to see where their time went, name an owner for each kind of hold, and review the queue at a fixed time every morning and afternoon.',
    measure:
      'Number of orders waiting for release older than one day, and the p90 of order shipment cycle time.',
    sources: [learningToSee, apqcPcf],
  },
  {
    title: 'Ship the same day every order received before the cut-off',
    what: 'Make same-day shipment the rule for orders that arrive before the cut-off and are in stock, and plan labour, waves and carrier pickups so that the rule holds on ordinary days.',
    why: 'A firm same-day rule removes the overnight wait that most orders otherwise take, which is often the largest single step of the cycle time.',
    start:
      'Measure, for one site, how many in-stock orders received before the cut-off left the same day; find the reason for each one that did not and fix the most common reason first.',
    measure:
      'Share of before-cut-off orders shipped the same day, and the mean order shipment cycle time in hours.',
    sources: [amazonSellerFulfilledPrime, learningToSee],
  },
];
