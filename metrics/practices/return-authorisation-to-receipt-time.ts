/** How to get authorised returns back sooner: labels with the RMA, reminders, drop-off points. */
import type { Practice } from '@/lib/semantic/kpi';
import { goingBackwards, reverseSupplyChain, x12OrderSets } from './sources';

export const practices: Practice[] = [
  {
    title: 'Send the return label with the authorisation',
    what: 'Issue a prepaid return label and the packing instructions with the RMA itself, so the customer can send the goods the moment the return is authorised.',
    why: 'Much of the time between authorisation and receipt is the customer waiting for a label, a carrier booking or instructions; sent together, the goods can leave the same day.',
    start:
      'Look at the returns authorised last month that took longest to arrive, ask the returns desk what the customer was waiting for, and add the label to the authorisation message.',
    measure:
      'Return authorisation-to-receipt time, and the returns still awaiting receipt by age in the backlog.',
    sources: [goingBackwards, reverseSupplyChain],
  },
  {
    title: 'Chase authorised returns that have not arrived',
    what: 'Give every RMA an expected arrival date, list the authorised returns past it each week, and remind the customer or close the authorisation when the goods will not come.',
    why: 'An open authorisation nobody follows up stays open for weeks; reminders bring the goods in sooner and closing stale RMAs keeps the measure about real returns.',
    start:
      'Run the backlog as of today, take the returns awaiting receipt for more than two weeks, and contact each customer.',
    measure:
      'Returns awaiting receipt over fourteen days in the backlog, and the authorisation-to-receipt time of the returns that follow.',
    sources: [goingBackwards],
  },
  {
    title: 'Announce returns electronically from large customers',
    what: 'Agree with customers who return often that they send an advance notice of each return shipment, with the RMA, so the dock expects it and books it in on arrival.',
    why: 'A return that arrives without its RMA waits to be matched before it counts as received; an announced return is received at once.',
    start:
      'Pick the customers with the most returns last quarter and agree an advance ship notice for returns with the largest one.',
    measure:
      'Return authorisation-to-receipt time for those customers, and returns received without an RMA.',
    sources: [x12OrderSets, reverseSupplyChain],
  },
];
