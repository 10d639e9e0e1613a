import { defineKpi } from '@/lib/kpi/define';

/** Units returned as a share of units shipped. */
export const unitReturnRate = defineKpi({
  id: 'unit_return_rate',
  name: 'Unit return rate',
  definition: 'Σ returned quantity ÷ Σ shipped quantity, over shipped, non-cancelled orders.',
  standard: 'Practitioner definition (no standards body)',
  variant: 'unit level',
  unit: 'percent',
  direction: 'lower',
  kind: 'ratio',
  grain: 'unit',
  base: 'kpi_order_facts',
  asOf: 'final_ship_ts',
  asOfLabel: 'final ship date',
  population: 'NOT cancelled AND shipped',
  // Without a shipped quantity the order's returns would count against nothing.
  exclusions: [{ when: 'qty_shipped IS NULL', reason: 'no shipped quantity' }],
  numerator: 'sum(qty_returned)',
  denominator: 'sum(qty_shipped)',
  failure: 'returned',
  needs: ['returns.qty_returned', 'shipments.qty_shipped'],
});
