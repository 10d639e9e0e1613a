/** How to ship more of the ordered units on the first shipment: stock for large orders, supply, counts. */
import type { Practice } from '@/lib/semantic/kpi';
import {
  inventoryManagement,
  scor,
  worldClassWarehousing,
  x12OrderSets,
  oracleOrderPromising,
} from './sources';

export const practices: Practice[] = [
  {
    title: 'Size stock for the order quantities you actually get',
    what: 'Look at the size of the orders each SKU receives, not only the average demand, and hold enough to cover the large orders that come regularly from your biggest customers.',
    why: 'Unit fill rate weighs every unit: one large order shipped short costs more units than many small ones, and stock sized on averages runs out on exactly those orders.',
    start:
      'For the SKUs with the most units short last quarter, list their largest orders and check whether the reorder point would have covered them.',
    measure: 'Unit fill rate, and units short per SKU on orders above its usual size.',
    sources: [inventoryManagement],
  },
  {
    title: 'Ask large customers for their forecasts and planned orders',
    what: 'Agree with the customers who place large orders that they share forecasts or planned orders, electronically where possible, and feed them into replenishment.',
    why: 'A large order that was announced can be stocked for; an unannounced one takes the shelf empty and ships short.',
    start:
      'Pick the five customers with the most units short, propose a monthly forecast exchange, and compare their forecasts with their actual orders after a quarter.',
    measure: 'Unit fill rate of those customers, and forecast error of their orders.',
    sources: [scor, x12OrderSets],
  },
  {
    title: 'Hold suppliers to reliable lead times',
    what: 'Score each supplier on whether receipts arrive complete and on the date promised, review the score with them monthly, and plan with the lead time they really achieve.',
    why: 'Late or short receipts leave stock below plan, and the orders that arrive in the gap ship short.',
    start:
      'Measure, for the suppliers of the SKUs short most often, the spread between promised and actual receipt dates over the last six months.',
    measure: 'Supplier on-time-in-full receipts and the unit fill rate of their SKUs.',
    sources: [inventoryManagement, scor],
  },
  {
    title: 'Ship available units where the customer accepts backorders',
    what: 'For customers who accept partial deliveries, ship the units on hand and backorder only the rest, instead of holding back a whole line that is partly available.',
    why: 'Unit fill rate counts units shipped on the first ship date; shipping the available part of a line raises it even when the line stays incomplete.',
    start:
      'Check which customers accept backorders and whether the ERP holds partly available lines back; allow partial line shipment for them.',
    measure:
      'Unit fill rate, with split shipment rate and line fill rate watched, as they move differently.',
    sources: [oracleOrderPromising, worldClassWarehousing],
  },
];
