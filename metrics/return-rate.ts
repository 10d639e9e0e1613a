import { defineKpi } from '@/lib/kpi/define';

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
  grain: 'order',
  base: 'kpi_order_facts',
  asOf: 'final_ship_ts',
  asOfLabel: 'final ship date',
  population: 'NOT cancelled AND shipped',
  numerator: 'count(*) FILTER (WHERE returned)',
  denominator: 'count(*)',
  failure: 'returned',
  needs: ['returns', 'shipments.ship_ts'],
});
