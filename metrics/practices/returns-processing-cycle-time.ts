/** How to credit returns sooner: grading at receipt, credit on receipt, disposition rules decided ahead. */
import type { Practice } from '@/lib/semantic/kpi';
import { goingBackwards, reverseLogisticsFramework, reverseSupplyChain } from './sources';

export const practices: Practice[] = [
  {
    title: 'Inspect and grade returns at the receiving dock',
    what: 'Open, inspect and grade each return when it arrives, at a dedicated returns station with written grading rules, instead of storing returns to be sorted later.',
    why: 'Returns left in a pile wait days before anyone looks at them; grading at receipt starts the credit the same day.',
    start:
      'Measure how long returns wait between receipt and inspection at each site, and set up a returns station with grading rules at the slowest.',
    measure: 'Returns processing cycle time, and returns waiting for inspection.',
    sources: [goingBackwards, reverseSupplyChain],
  },
  {
    title: 'Credit trusted customers when the return is received',
    what: 'For customers and products with few disputed returns, issue the credit or refund on the receipt scan, and inspect afterwards.',
    why: 'Waiting for the inspection before the credit adds its whole delay to the customer’s wait; for low-risk returns the check can follow.',
    start:
      'Find the customers and products whose returns were almost never disputed last year and credit their returns at receipt for a trial quarter.',
    measure:
      'Returns processing cycle time of those returns, and disputed credits (which should stay rare).',
    sources: [reverseSupplyChain],
  },
  {
    title: 'Decide the disposition rules before the return arrives',
    what: 'Set, per product family and grade, what happens to a return (restock, refurbish, return to vendor, scrap), so the person at the dock applies a rule instead of asking.',
    why: 'Returns wait longest when nobody knows what to do with them; rules decided ahead let them flow on.',
    start:
      'List the return dispositions of the last quarter by product family, write them down as rules, and post them at the returns station.',
    measure: 'Returns processing cycle time, and returns waiting for a decision.',
    sources: [reverseLogisticsFramework, goingBackwards],
  },
];
