import { defineKpi } from '@/lib/kpi/define';

/** Share of shipped orders that left on more than one day. */
export const splitShipmentRate = defineKpi({
  id: 'split_shipment_rate',
  name: 'Split shipments',
  definition: 'Shipped orders with more than one ship date (calendar day) ÷ shipped orders.',
  standard: 'Practitioner definition (no standards body)',
  variant: 'order level, distinct ship days',
  unit: 'percent',
  direction: 'lower',
  kind: 'ratio',
  grain: 'order',
  base: 'kpi_order_facts',
  asOf: 'final_ship_ts',
  asOfLabel: 'final ship date',
  population: 'NOT cancelled AND shipped',
  numerator: 'count(*) FILTER (WHERE ship_dates > 1)',
  denominator: 'count(*)',
  failure: 'ship_dates > 1',
  needs: ['shipments.ship_ts'],
});
