/** How to deliver more orders perfect on every count: orders failing twice, and a daily failed-order review. */
import type { Practice } from '@/lib/semantic/kpi';
import { learningToSee, scor, wercDcMeasures } from './sources';

export const practices: Practice[] = [
  {
    title: 'Start with the orders that fail on more than one count',
    what: 'Look at the orders that fail two or more conditions at once (late and short, late and damaged) and find what they share: a site, a carrier, a customer, a product family.',
    why: 'Failures that come together usually have one cause upstream; removing it makes several conditions pass at once.',
    start:
      'Read the reasons in the failed orders of this KPI, count those with more than one failure, and group them by site, carrier and customer.',
    measure: 'Perfect order fulfilment, and the count of orders failing more than one condition.',
    sources: [scor, wercDcMeasures],
  },
  {
    title: 'Hold a short daily review of yesterday’s failed orders',
    what: 'Every morning, go through yesterday’s imperfect orders with the people who handled them, decide what to tell each customer, and note the cause.',
    why: 'Causes are easiest to find the day after; the daily habit turns single failures into fixes before they repeat.',
    start:
      'Filter this KPI to yesterday, open its failed orders, and hold a fifteen-minute review at the start of the shift.',
    measure: 'Perfect order fulfilment week by week, and repeated causes.',
    sources: [learningToSee],
  },
];
