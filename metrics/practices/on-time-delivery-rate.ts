/** How to deliver more orders by the committed date: promises by lane, carriers, tracking, ship dates. */
import type { Practice } from '@/lib/semantic/kpi';
import {
  amazonSellerFulfilledPrime,
  oracleOrderPromising,
  scor,
  walmartSellerStandards,
  wercDcMeasures,
} from './sources';

export const practices: Practice[] = [
  {
    title: 'Commit delivery dates from transit times per lane',
    what: 'Compute the committed delivery date from the ship date plus the transit time the chosen carrier service really achieves on that lane (origin to destination region), not from a national average.',
    why: 'A commit date built on an optimistic transit time is missed on the long lanes even when everything ships on time.',
    start:
      'From delivered orders, compute the transit time per carrier service and destination region, and use it in the promise for the lanes where it is longer than assumed.',
    measure: 'On-time delivery rate per lane and carrier service.',
    sources: [oracleOrderPromising, walmartSellerStandards],
  },
  {
    title: 'Score carriers by lane and act on the scores',
    what: 'Measure each carrier’s on-time delivery by lane and service every month, share the results with the carrier, and move volume to the service that delivers on time on each lane.',
    why: 'Carriers differ by lane; moving volume to the reliable ones raises on-time delivery without changing anything in the warehouse.',
    start:
      'Break this KPI down by carrier and by region on this page, and review the worst carrier-lane pairs with the carriers concerned.',
    measure: 'On-time delivery rate per carrier and region, month by month.',
    sources: [scor, wercDcMeasures],
  },
  {
    title: 'Protect the ship date first',
    what: 'Treat a late shipment as a late delivery in the making: give orders at risk of shipping late priority, and upgrade the carrier service when an order ships late but can still arrive on time.',
    why: 'Most late deliveries start as late shipments; keeping the ship date, or buying back the lost day, keeps the delivery date.',
    start:
      'Compare late deliveries with late shipments over the last month to see how many started in the warehouse, and set a rule for upgrading the service of late-shipped orders.',
    measure: 'On-time shipment rate, and on-time delivery of orders that shipped late.',
    sources: [amazonSellerFulfilledPrime, scor],
  },
  {
    title: 'Track every shipment and intervene on exceptions',
    what: 'Give every parcel a valid tracking number, follow carrier events daily, and act on exceptions (delay, failed delivery, address problem) before the commit date passes.',
    why: 'An exception caught the day it happens can often be fixed (a corrected address, a redelivery); one found after the commit date cannot.',
    start:
      'Check what share of shipments carry a tracking number the carrier recognises, then set up a daily list of shipments with an exception event.',
    measure:
      'On-time delivery rate, the valid tracking rate, and exceptions resolved before the commit date.',
    sources: [walmartSellerStandards, amazonSellerFulfilledPrime],
  },
];
