import { defineKpi } from '@/lib/semantic/kpi';
import { linesShort } from './shared/explain';
import { and, lt, minus, not, sum } from '@/lib/semantic/expr';
import { practices } from './practices/backorder-rate';

/** Share of lines on shipped orders left with open quantity after the first ship date. */
export const backorderRate = defineKpi({
  id: 'backorder_rate',
  name: 'Backorders as % of lines',
  definition:
    'Lines on shipped orders left with open, uncancelled quantity after their order’s first shipment date ÷ lines on shipped orders.',
  standard: 'WERC backorders as % of lines',
  variant: 'line level, open after the first ship date',
  unit: 'percent',
  direction: 'lower',
  kind: 'ratio',
  counts: 'line',
  base: 'kpi_order_facts',
  asOf: 'first_ship_ts',
  asOfLabel: 'first ship date',
  population: and(not('cancelled'), 'shipped'),
  exclusions: [{ when: not('has_lines'), reason: 'no order lines' }],
  numerator: sum(minus('lines', 'lines_filled_first')),
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
