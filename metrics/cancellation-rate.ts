import { defineKpi } from '@/lib/kpi/define';

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
  grain: 'order',
  base: 'kpi_order_facts',
  asOf: 'order_ts',
  asOfLabel: 'order date',
  // The one KPI whose population includes cancelled orders.
  population: 'true',
  numerator: 'count(*) FILTER (WHERE cancelled)',
  denominator: 'count(*)',
  failure: 'cancelled',
  needs: ['orders.cancelled_ts|orders.status'],
});
