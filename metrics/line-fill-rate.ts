import { defineKpi } from '@/lib/kpi/define';

/** Share of lines on shipped orders that were shipped in full on the order's first ship date. */
export const lineFillRate = defineKpi({
  id: 'line_fill_rate',
  name: 'Line fill rate',
  definition:
    'Lines shipped in full (ordered less cancelled quantity) on their order’s first shipment date ÷ lines on shipped orders. A line left out of the first shipment is a backorder, not filled.',
  standard: 'WERC line fill rate',
  variant: 'line level, on the first ship date',
  unit: 'percent',
  direction: 'higher',
  kind: 'ratio',
  grain: 'line',
  base: 'kpi_order_facts',
  asOf: 'first_ship_ts',
  asOfLabel: 'first ship date',
  population: 'NOT cancelled AND shipped',
  exclusions: [{ when: 'NOT has_lines', reason: 'no order lines' }],
  numerator: 'sum(lines_filled_first)',
  denominator: 'sum(lines)',
  failure: 'lines_filled_first < lines',
  // Filled means shipped quantity ≥ due: a shipped quantity the file did not have is assumed.
  needs: ['order_lines.qty_ordered', 'shipments.qty_shipped', 'shipments.ship_ts'],
});
