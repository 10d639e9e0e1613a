import { defineKpi } from '@/lib/kpi/define';

/** Hours from entry (or receipt, without an entry date) to release to the warehouse. */
export const orderReleaseCycleTime = defineKpi({
  id: 'order_release_cycle_time',
  name: 'Order processing time',
  definition:
    'For non-cancelled released orders: release date − entry date, in hours; an order without an entry date is measured from its order date.',
  standard: 'Practitioner definition (no standards body)',
  variant:
    'order level, mean hours, entry to release (from the order date when there is no entry date)',
  unit: 'hours',
  direction: 'lower',
  kind: 'duration',
  grain: 'order',
  base: 'kpi_order_facts',
  asOf: 'released_ts',
  asOfLabel: 'release date',
  population: 'NOT cancelled',
  value: 'epoch(released_ts - coalesce(entered_ts, order_ts)) / 3600',
  failure: 'false',
  // order_ts, not entered_ts: one column feeding order and release date is what must show.
  needs: ['orders.order_ts', 'orders.released_ts'],
});
