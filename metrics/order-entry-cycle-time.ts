import { defineKpi } from '@/lib/semantic/kpi';
import { whereTheTimeWent } from './shared/explain';
import { hoursBetween, never, not } from '@/lib/semantic/expr';
import { practices } from './practices/order-entry-cycle-time';

/** Hours from order receipt to its entry in the ERP. */
export const orderEntryCycleTime = defineKpi({
  id: 'order_entry_cycle_time',
  name: 'Order entry time',
  definition: 'For non-cancelled orders with an entry date: entered date − order date, in hours.',
  standard: 'Practitioner definition (no standards body)',
  variant: 'order level, mean hours, order receipt to ERP entry',
  unit: 'hours',
  direction: 'lower',
  kind: 'duration',
  details: ['distribution'],
  counts: 'order',
  base: 'kpi_order_facts',
  asOf: 'entered_ts',
  asOfLabel: 'entry date',
  population: not('cancelled'),
  value: hoursBetween('order_ts', 'entered_ts'),
  failure: never,
  needs: ['orders.order_ts', 'orders.entered_ts'],
  explain: {
    fields: [],
    reason: whereTheTimeWent(),
  },
  practices,
});
