import { defineKpi } from '@/lib/kpi/define';

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
  grain: 'order',
  base: 'kpi_order_facts',
  asOf: 'entered_ts',
  asOfLabel: 'entry date',
  population: 'NOT cancelled',
  value: 'epoch(entered_ts - order_ts) / 3600',
  failure: 'false',
  needs: ['orders.order_ts', 'orders.entered_ts'],
});
