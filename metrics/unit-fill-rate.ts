import { defineKpi } from '@/lib/semantic/kpi';
import { num } from '@/lib/semantic/explain';
import { and, lt, not, sum } from '@/lib/semantic/expr';
import { practices } from './practices/unit-fill-rate';

/** Share of due units (ordered less cancelled) shipped on the order's first ship date. */
export const unitFillRate = defineKpi({
  id: 'unit_fill_rate',
  name: 'Unit fill rate',
  definition:
    'Σ min(shipped, ordered − cancelled) ÷ Σ (ordered − cancelled) over the lines of shipped orders, counting the units shipped on the order’s first shipment date; over-shipment of a line does not make up for another.',
  standard: 'Practitioner definition (no standards body)',
  variant: 'unit level, on the first ship date, capped per line',
  unit: 'percent',
  direction: 'higher',
  kind: 'ratio',
  counts: 'unit',
  base: 'kpi_order_facts',
  asOf: 'first_ship_ts',
  asOfLabel: 'first ship date',
  population: and(not('cancelled'), 'shipped'),
  exclusions: [{ when: not('has_lines'), reason: 'no order lines' }],
  numerator: sum('units_filled_first'),
  denominator: sum('units_due'),
  failure: lt('units_filled_first', 'units_due'),
  // Filled means shipped quantity ≥ due: a shipped quantity the file did not have is assumed.
  needs: ['order_lines.qty_ordered', 'shipments.qty_shipped', 'shipments.ship_ts'],
  explain: {
    fields: ['units_due', 'units_filled_first'],
    reason: (row) => {
      const due = num(row.units_due);
      const filled = num(row.units_filled_first);
      if (due === null || filled === null) return 'Units short on the first ship date';
      return `${due - filled} of ${due} units short on the first ship date`;
    },
  },
  practices,
});
