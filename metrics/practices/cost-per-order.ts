/** How to manage an order for less: know where the cost goes, and let more orders pass untouched. */
import type { Practice } from '@/lib/semantic/kpi';
import { apqcPcf, fcbcoCostPerOrder, x12OrderSets } from './sources';

export const practices: Practice[] = [
  {
    title: 'Cost the order process activity by activity',
    what: 'Split the cost of order management into its activities (entry, credit, changes, customer enquiries, returns) using time estimates from the team, and find the activities that cost most per order.',
    why: 'A single cost per order says how much but not where; activity costs show which work to remove or automate.',
    start:
      'Use the process groups of a public process framework as the list of activities, ask each team member to estimate their time per activity, and multiply by cost.',
    measure: 'Cost to manage an order, and cost per activity.',
    sources: [apqcPcf, fcbcoCostPerOrder],
  },
  {
    title: 'Raise the share of orders that need no manual work',
    what: 'Receive orders electronically, validate them automatically and release the clean ones without a person, so that staff time goes only to exceptions.',
    why: 'The cost of an order is mostly people’s time; an order that passes untouched costs a fraction of one that is typed and checked.',
    start:
      'Measure the share of orders that passed without any manual step last month, and set a target for next quarter with the channels that can move most.',
    measure: 'Cost to manage an order, and the share of untouched orders.',
    sources: [x12OrderSets, apqcPcf],
  },
];
