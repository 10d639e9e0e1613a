/** How to deliver more orders by the date the customer asked for: feasible dates agreed at entry. */
import type { Practice } from '@/lib/semantic/kpi';
import { oracleOrderPromising, scor, x12OrderSets } from './sources';

export const practices: Practice[] = [
  {
    title: 'Capture the requested date and answer it at order entry',
    what: 'Record the date the customer asks for on every order, check at entry whether stock and transit time allow it, and agree a feasible date with the customer at once when they do not.',
    why: 'A request that was never feasible is missed for sure; answering it at entry either meets it or turns it into an agreed date the customer can plan with.',
    start:
      'Check how many orders carry a requested date (the coverage of this KPI shows it), make the field required in the channels where it is missing, and switch on the availability check.',
    measure: 'Delivery to request date, and the share of orders with a requested date.',
    sources: [oracleOrderPromising, scor],
  },
  {
    title: 'Acknowledge every order with a confirmed date',
    what: 'Send each customer an order acknowledgment that states the date you commit to for every line, electronically for customers who order by EDI.',
    why: 'A confirmed date brings a gap between request and commitment to light while the customer can still adjust, instead of at delivery.',
    start:
      'Start sending acknowledgments with dates to your largest EDI customers, and list the orders where the confirmed date is later than the requested one.',
    measure: 'Delivery to request date, and orders whose confirmed date is later than requested.',
    sources: [x12OrderSets, oracleOrderPromising],
  },
];
