/** How to ship more orders complete on their first shipment: promise, stock, counts, shortages. */
import type { Practice } from '@/lib/semantic/kpi';
import {
  inventoryManagement,
  oracleOrderPromising,
  scor,
  wercDcMeasures,
  worldClassWarehousing,
} from './sources';

export const practices: Practice[] = [
  {
    title: 'Check availability before you promise an order',
    what: 'Run an available-to-promise check at order entry, so that each line is confirmed against stock and planned receipts, and tell the customer at once when a line cannot ship with the rest.',
    why: 'Orders accepted against stock that is already spoken for are the ones that ship short; a promise made against real availability ships complete or is agreed as a later date.',
    start:
      'Switch on the ERP’s availability check for the channel with the lowest order fill rate, and list every order it flags for a month to see which SKUs cause them.',
    measure:
      'Order fill rate of that channel, and the number of orders confirmed with a later date at entry.',
    sources: [oracleOrderPromising, scor],
  },
  {
    title: 'Set safety stock per SKU from its demand and lead-time variability',
    what: 'Size each SKU’s safety stock and reorder point from how much its demand and its supplier’s lead time vary and from the service level you want for it, instead of one rule of thumb for all.',
    why: 'A uniform cover leaves volatile SKUs short and steady ones overstocked; stock sized per SKU puts the units where the shortages happen.',
    start:
      'Take the SKUs behind most short orders (the drill on this page lists them), compute their variability over the last year, and reset their reorder points first.',
    measure:
      'Order fill rate and the number of stock-outs of those SKUs, with inventory value watched alongside.',
    sources: [inventoryManagement],
  },
  {
    title: 'Count the fast movers often so the system’s stock is real',
    what: 'Run a cycle count that counts the SKUs picked most often every few weeks and the rest less often, and fix the cause of each difference found, not only the balance.',
    why: 'An order is promised against the system’s stock; when the shelf holds less than the record, the order ships short even though it looked available.',
    start:
      'Start counting the top movers weekly for a month, record each difference with its cause (mis-pick, unrecorded receipt, damage), and fix the most frequent cause.',
    measure:
      'Inventory record accuracy of counted SKUs and the order fill rate of orders containing them.',
    sources: [worldClassWarehousing, wercDcMeasures],
  },
  {
    title: 'Hold orders for completion where the customer prefers one delivery',
    what: 'For customers who prefer one complete delivery, hold a short order for a set number of days until the missing lines arrive, and ship it whole, instead of shipping what is on hand.',
    why: 'Order fill rate counts the first shipment: an order held until complete ships complete, at the cost of a longer cycle time that the rule keeps bounded.',
    start:
      'Ask your largest customers whether they prefer one complete delivery or partial ones, set a ship-complete flag for those who do, with a maximum hold in days.',
    measure:
      'Order fill rate and split shipment rate of the flagged customers, and their order shipment cycle time so the hold stays bounded.',
    sources: [scor, oracleOrderPromising],
  },
  {
    title: 'Review shortages every day by SKU and supplier',
    what: 'Each morning, list yesterday’s short-shipped lines by SKU, supplier and cause, and agree an action for the top few (expedite, re-plan, substitute, change the reorder point).',
    why: 'Shortages repeat on the same few SKUs; a daily review finds them while the supplier can still act, before they spread to the next week’s orders.',
    start:
      'Export this KPI’s failed orders by SKU for last month and hold a fifteen-minute daily review between order management, purchasing and the warehouse.',
    measure: 'Order fill rate, and the number of SKUs short on more than one day in a week.',
    sources: [inventoryManagement, wercDcMeasures],
  },
];
