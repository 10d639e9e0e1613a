/** How to leave fewer lines on backorder: stock sized per SKU, honest promises, reliable supply. */
import type { Practice } from '@/lib/semantic/kpi';
import { inventoryManagement, oracleOrderPromising, scor } from './sources';

export const practices: Practice[] = [
  {
    title: 'Set reorder points per SKU from demand and lead-time variability',
    what: 'Compute each SKU’s reorder point and safety stock from its demand, its variability and the supplier’s real lead time, and review them when any of those changes.',
    why: 'Backorders arise when stock runs out before the replenishment arrives; reorder points that reflect variability stop that for the SKUs that matter.',
    start:
      'List the SKUs with the most backordered lines last quarter and recompute their reorder points first.',
    measure: 'Backorder rate, and stock-outs of the recomputed SKUs.',
    sources: [inventoryManagement],
  },
  {
    title: 'Promise only what you can ship',
    what: 'Check availability at order entry and confirm a later date for the lines that cannot ship at once, instead of accepting them as if they could.',
    why: 'A line confirmed for a date it can meet is planned as such, and the operation sees the shortage at entry rather than at picking.',
    start:
      'Switch on the availability check for one channel and compare its backorder rate with the others after a month.',
    measure: 'Backorder rate per channel, and lines confirmed with a later date.',
    sources: [oracleOrderPromising],
  },
  {
    title: 'Measure and improve supplier delivery reliability',
    what: 'Track for each supplier whether receipts arrive complete and on time, review it with them, and plan with the lead time they really deliver.',
    why: 'Late receipts empty the shelf between the reorder point and the delivery, and every order in the gap backorders.',
    start:
      'Compute on-time-in-full receipts for the suppliers of the SKUs backordered most, and agree an action with the worst.',
    measure: 'Supplier on-time-in-full receipts, and the backorder rate of their SKUs.',
    sources: [scor, inventoryManagement],
  },
];
