/** How to enter orders sooner after they arrive: electronic orders, validation at entry. */
import type { Practice } from '@/lib/semantic/kpi';
import { apqcPcf, learningToSee, x12OrderSets } from './sources';

export const practices: Practice[] = [
  {
    title: 'Receive orders electronically instead of by e-mail or phone',
    what: 'Move the customers who order most often to EDI, a customer portal or a web shop connected to the ERP, so their orders arrive in the system without being typed.',
    why: 'An order that nobody has to type waits in no inbox; electronic orders are entered the moment they arrive.',
    start:
      'Break this KPI down by channel, list the customers with most e-mail or phone orders, and offer the largest ones EDI or the portal.',
    measure: 'Order entry time by channel, and the share of orders received electronically.',
    sources: [x12OrderSets, apqcPcf],
  },
  {
    title: 'Validate orders automatically and queue only the exceptions',
    what: 'Check each incoming order against the customer master, prices and item data automatically, accept the clean ones at once, and route only the ones with a problem to a person, with the problem stated.',
    why: 'Entry time is spent on checking and correcting; when the clean majority passes untouched, people spend their time on the orders that need them.',
    start:
      'Record for a week why entered orders needed a correction, and automate the check for the most common reason.',
    measure: 'Order entry time, and the share of orders entered without a manual correction.',
    sources: [learningToSee, apqcPcf],
  },
];
