import { defineKpi } from '@/lib/semantic/kpi';
import { and, col, isNull, not, sum } from '@/lib/semantic/expr';
import { practices } from './practices/unit-return-rate';

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
  counts: 'unit',
  base: 'kpi_order_facts',
  asOf: 'final_ship_ts',
  asOfLabel: 'final ship date',
  population: and(not('cancelled'), 'shipped'),
  // Without a shipped quantity the order's returns would count against nothing.
  exclusions: [{ when: isNull('qty_shipped'), reason: 'no shipped quantity' }],
  numerator: sum('qty_returned'),
  denominator: sum('qty_shipped'),
  failure: col('returned'),
  needs: ['returns.qty_returned', 'shipments.qty_shipped'],
  explain: {
    fields: ['final_ship_ts', 'error_return'],
    reason: (row) => (row.error_return ? 'Returned — a fulfilment error' : 'Returned'),
  },
  practices,
});
