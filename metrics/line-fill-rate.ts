import { defineKpi } from '@/lib/semantic/kpi';
import { linesShort } from './shared/explain';
import { and, lt, not, sum } from '@/lib/semantic/expr';
import { practices } from './practices/line-fill-rate';

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
  counts: 'line',
  base: 'kpi_order_facts',
  asOf: 'first_ship_ts',
  asOfLabel: 'first ship date',
  population: and(not('cancelled'), 'shipped'),
  exclusions: [{ when: not('has_lines'), reason: 'no order lines' }],
  numerator: sum('lines_filled_first'),
  denominator: sum('lines'),
  failure: lt('lines_filled_first', 'lines'),
  // Filled means shipped quantity ≥ due: a shipped quantity the file did not have is assumed.
  needs: ['order_lines.qty_ordered', 'shipments.qty_shipped', 'shipments.ship_ts'],
  explain: {
    fields: ['lines', 'lines_filled_first', 'units_due', 'units_filled_first'],
    reason: linesShort,
  },
  practices,
});
