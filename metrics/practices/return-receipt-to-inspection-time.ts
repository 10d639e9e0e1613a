/** How to inspect returns sooner: a returns station at the dock, grading rules, daily capacity. */
import type { Practice } from '@/lib/semantic/kpi';
import { goingBackwards, learningToSee, reverseSupplyChain } from './sources';

export const practices: Practice[] = [
  {
    title: 'Inspect returns at a dedicated station by the receiving dock',
    what: 'Set up a returns station next to receiving, with written grading rules per product family, and inspect each return on the day it arrives instead of storing it for later.',
    why: 'Returns parked in a cage wait until someone has time; inspecting at the dock removes that waiting, which is most of the receipt-to-inspection time.',
    start:
      'Measure how long returns wait between receipt and inspection at each site, and start the station at the slowest site.',
    measure:
      'Return receipt-to-inspection time, and the returns awaiting inspection by age in the backlog.',
    sources: [goingBackwards, reverseSupplyChain],
  },
  {
    title: 'Plan inspection capacity for the return peaks',
    what: 'Forecast return receipts by week from past sales and returns, and staff the inspection station for the expected volume, with extra hands after peak selling seasons.',
    why: 'Returns arrive in waves after promotions and holidays; with fixed staffing the queue of uninspected returns, and the time each waits, grows in every wave.',
    start:
      'Chart last year’s return receipts by week next to the inspection backlog and plan the next peak’s staffing from it.',
    measure:
      'Return receipt-to-inspection time by week, and the inspection backlog at the end of each week.',
    sources: [reverseSupplyChain, learningToSee],
  },
];
