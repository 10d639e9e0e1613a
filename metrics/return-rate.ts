import { defineKpi } from '@/lib/kpi/define';
import { shippedOrders } from '@/lib/kpi/presets';

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
  numerator: 'count(*) FILTER (WHERE returned)',
  denominator: 'count(*)',
  failure: 'returned',
  needs: ['returns', 'shipments.ship_ts'],
});
