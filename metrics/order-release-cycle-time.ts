import { defineKpi } from '@/lib/semantic/kpi';
import { whereTheTimeWent } from './shared/explain';
import { coalesce, hoursBetween, never, not } from '@/lib/semantic/expr';
import { practices } from './practices/order-release-cycle-time';

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
  details: ['distribution'],
  counts: 'order',
  base: 'kpi_order_facts',
  asOf: 'released_ts',
  asOfLabel: 'release date',
  population: not('cancelled'),
  value: hoursBetween(coalesce('entered_ts', 'order_ts'), 'released_ts'),
  failure: never,
  // order_ts, not entered_ts: one column feeding order and release date is what must show.
  needs: ['orders.order_ts', 'orders.released_ts'],
  explain: {
    fields: ['released_ts', 'final_ship_ts'],
    reason: whereTheTimeWent(),
  },
  practices,
});
