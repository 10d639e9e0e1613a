import { defineKpi } from '@/lib/kpi/define';
import { shippedOrders } from '@/lib/kpi/presets';

/** Share of shipped orders whose first shipment covered every line in full. */
export const orderFillRate = defineKpi({
  id: 'order_fill_rate',
  name: 'Order fill rate',
  definition:
    'Shipped orders whose first shipment date covered the full ordered quantity (less cancelled) of every line ÷ shipped orders.',
  standard: 'WERC order fill rate; SCOR RL.2.1 (in full)',
  variant: 'order level, on the first ship date',
  unit: 'percent',
  direction: 'higher',
  kind: 'ratio',
  ...shippedOrders('first'),
  exclusions: [{ when: 'NOT has_lines', reason: 'no order lines' }],
  numerator: 'count(*) FILTER (WHERE filled_first)',
  denominator: 'count(*)',
  failure: 'NOT filled_first',
  // Filled means shipped quantity ≥ due: a shipped quantity the file did not have is assumed.
  needs: ['order_lines.qty_ordered', 'shipments.qty_shipped', 'shipments.ship_ts'],
});
