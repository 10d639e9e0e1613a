import { defineKpi } from '@/lib/semantic/kpi';
import { always, col, count, countWhere } from '@/lib/semantic/expr';
import { practices } from './practices/cancellation-rate';

/** Share of orders placed that were cancelled. */
export const cancellationRate = defineKpi({
  id: 'cancellation_rate',
  name: 'Order cancellation rate',
  definition: 'Cancelled orders ÷ orders placed, by order date.',
  standard: 'Practitioner definition (no standards body)',
  variant: 'order level, as of the order date',
  unit: 'percent',
  direction: 'lower',
  kind: 'ratio',
  counts: 'order',
  base: 'kpi_order_facts',
  asOf: 'order_ts',
  asOfLabel: 'order date',
  // The one KPI whose population includes cancelled orders.
  population: always,
  numerator: countWhere('cancelled'),
  denominator: count(),
  failure: col('cancelled'),
  needs: ['orders.cancelled_ts|orders.status'],
  explain: {
    fields: [],
    reason: () => 'Cancelled',
  },
  practices,
});
