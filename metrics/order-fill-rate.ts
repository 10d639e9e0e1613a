import { defineKpi } from '@/lib/semantic/kpi';
import { shippedOrders } from './shared/presets';
import { linesShort } from './shared/explain';
import { count, countWhere, not } from '@/lib/semantic/expr';
import { practices } from './practices/order-fill-rate';

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
  exclusions: [{ when: not('has_lines'), reason: 'no order lines' }],
  numerator: countWhere('filled_first'),
  denominator: count(),
  failure: not('filled_first'),
  // Filled means shipped quantity ≥ due: a shipped quantity the file did not have is assumed.
  needs: ['order_lines.qty_ordered', 'shipments.qty_shipped', 'shipments.ship_ts'],
  explain: {
    fields: ['lines', 'lines_filled_first', 'units_due', 'units_filled_first'],
    reason: linesShort,
  },
  practices,
});
