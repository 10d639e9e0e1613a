import { defineKpi } from '@/lib/semantic/kpi';
import { shippedOrders } from './shared/presets';
import { col, count, countWhere } from '@/lib/semantic/expr';
import { practices } from './practices/return-rate';

/** Share of shipped orders with at least one return. */
export const returnRate = defineKpi({
  id: 'return_rate',
  name: 'Order return rate',
  definition:
    'Shipped orders with at least one return ÷ shipped orders. Order grain: the line or unit rate differs.',
  standard: 'Practitioner definition (no standards body)',
  variant: 'order level',
  unit: 'percent',
  direction: 'lower',
  kind: 'ratio',
  ...shippedOrders('final'),
  numerator: countWhere('returned'),
  denominator: count(),
  failure: col('returned'),
  needs: ['returns', 'shipments.ship_ts'],
  explain: {
    fields: ['final_ship_ts', 'error_return'],
    reason: (row) => (row.error_return ? 'Returned — a fulfilment error' : 'Returned'),
  },
  practices,
});
