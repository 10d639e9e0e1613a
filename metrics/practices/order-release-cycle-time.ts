/** How to release entered orders to the warehouse sooner: credit rules, owned holds, clean master data. */
import type { Practice } from '@/lib/semantic/kpi';
import { apqcPcf, learningToSee, sapCreditControl } from './sources';

export const practices: Practice[] = [
  {
    title: 'Release orders within credit rules automatically',
    what: 'Set credit rules in the ERP (limit, overdue items, order value) that release a compliant order without a person and block only the ones that break a rule.',
    why: 'Time between entry and release is mostly waiting for a check; a rule answers at once.',
    start:
      'List the credit-held orders of the last quarter with their wait and outcome, and turn the pattern of the ones released unchanged into rules.',
    measure: 'Order processing time, and the share of orders released without a manual step.',
    sources: [sapCreditControl, apqcPcf],
  },
  {
    title: 'Give every kind of hold an owner and a time limit',
    what: 'Name an owner for each reason an order can be held (credit, price, address, stock, compliance), show held orders with their age, and escalate those older than the limit.',
    why: 'A hold without an owner waits until someone notices; an owned hold with a limit is resolved in hours.',
    start:
      'Use the slowest orders of this KPI to list the hold reasons, assign owners, and review the held orders at fixed times each day.',
    measure: 'Order processing time, and the number of held orders older than one day.',
    sources: [learningToSee, apqcPcf],
  },
  {
    title: 'Keep customer and item master data clean',
    what: 'Fix the master data problems that cause holds (missing ship-to addresses, expired prices, items not released for sale) at their source, with a regular check of records about to cause one.',
    why: 'Each data problem stops an order until someone corrects it; clean master data lets orders flow to release.',
    start:
      'Count last month’s holds by reason, and for the data-related ones, correct the master records behind them and add a check that finds such records before an order does.',
    measure: 'Order processing time, and holds caused by master data per week.',
    sources: [apqcPcf],
  },
];
