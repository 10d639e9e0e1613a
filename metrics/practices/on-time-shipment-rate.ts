/** How to ship more orders by their promised ship date: honest promises, priorities, cut-offs, confirmation. */
import type { Practice } from '@/lib/semantic/kpi';
import {
  amazonLateShipment,
  amazonSellerFulfilledPrime,
  oracleOrderPromising,
  wercDcMeasures,
  worldClassWarehousing,
} from './sources';

export const practices: Practice[] = [
  {
    title: 'Promise ship dates from real handling time and capacity',
    what: 'Set the promised ship date from the handling time the site actually achieves and from its capacity on that day, and lengthen it ahead of known peaks, instead of a fixed promise for every order.',
    why: 'A promise the warehouse cannot keep is late before the order is picked; an honest promise is one the operation can meet.',
    start:
      'Compare, per site and channel, the promised handling time with the one achieved over the last three months, and reset the promise where they differ.',
    measure:
      'On-time shipment rate per site and channel, and the share of orders promised with a longer handling time.',
    sources: [amazonLateShipment, oracleOrderPromising],
  },
  {
    title: 'Work orders in promised-ship-date order every day',
    what: 'Start each shift with the list of orders due to ship today and those already late, release and pick them first, and escalate the ones that cannot make it while the customer can still be told.',
    why: 'Orders picked first-in-first-out let a due order wait behind one that could ship tomorrow; sorting by due date spends capacity on the orders that are about to be late.',
    start:
      'Build a daily list of open orders due today or earlier per site (the drill of this KPI shows yesterday’s late ones), and use it to set the first wave.',
    measure:
      'On-time shipment rate, and open orders past their promised ship date at the end of each day.',
    sources: [wercDcMeasures, worldClassWarehousing],
  },
  {
    title: 'Align the cut-off with the carrier’s last pickup',
    what: 'Set each site’s order cut-off so that an order received before it can be picked, packed and handed over before the carrier’s last pickup of the day.',
    why: 'Orders that arrive too late to make the pickup miss their date through no fault of the warehouse; the cut-off makes the promise match the trucks.',
    start:
      'Write down each carrier’s pickup times per site, measure the time from release to the dock, and move the cut-off where the two do not fit.',
    measure: 'On-time shipment rate of orders received in the last hours before the cut-off.',
    sources: [amazonSellerFulfilledPrime],
  },
  {
    title: 'Record the shipment when it leaves, not later',
    what: 'Confirm shipment in the system when the parcel is handed to the carrier (a scan at the dock or a carrier manifest), not at the end of the day or the next morning.',
    why: 'An order that left on time but was confirmed late counts as late in every report, and the customer sees no tracking.',
    start:
      'Compare ship confirmation times with carrier first-scan times for a sample of orders, and automate confirmation from the manifest where they differ.',
    measure:
      'On-time shipment rate, and the gap between ship confirmation and the carrier’s first scan.',
    sources: [amazonLateShipment, amazonSellerFulfilledPrime],
  },
];
