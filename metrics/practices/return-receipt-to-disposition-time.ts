/** How to decide a return's disposition sooner: rules decided ahead, grading at receipt. */
import type { Practice } from '@/lib/semantic/kpi';
import { goingBackwards, reverseLogisticsFramework, reverseSupplyChain } from './sources';

export const practices: Practice[] = [
  {
    title: 'Write the disposition rules before the return arrives',
    what: 'Decide per product family and grade what happens to a return (restock, refurbish, return to vendor, scrap) and give the rules to the people at the returns station, so they apply a rule instead of asking.',
    why: 'Returns wait longest when nobody knows what to do with them; a rule decided ahead turns the disposition into part of the inspection.',
    start:
      'List last quarter’s dispositions by product family, write the common cases down as rules, and post them at the returns station.',
    measure:
      'Return receipt-to-disposition time, and returns awaiting disposition by age in the backlog.',
    sources: [reverseLogisticsFramework, goingBackwards],
  },
  {
    title: 'Decide the disposition at the inspection, in the same step',
    what: 'Record the grade and the disposition together when the return is inspected, and move the goods to their destination (stock, refurbishment, vendor cage, scrap) straight from the station.',
    why: 'When grading and disposition are separate steps, returns queue twice; one step removes the second queue.',
    start:
      'Compare the inspection and disposition dates of last month’s returns; where they differ by days, merge the two steps at the station.',
    measure: 'Days between inspection and disposition, and return receipt-to-disposition time.',
    sources: [reverseSupplyChain, reverseLogisticsFramework],
  },
];
