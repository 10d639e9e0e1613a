import { defineKpi } from '@/lib/kpi/define';

/** Orders placed per order-management FTE, from FTE figures entered per period. */
export const ordersPerFte = defineKpi({
  id: 'orders_per_fte',
  name: 'Orders per order-management FTE',
  definition:
    'Orders placed in the period ÷ order-management FTEs entered for that period (per team where given), annualised.',
  standard: 'APQC FTE productivity measures',
  variant: 'orders placed per entered FTE per year',
  unit: 'orders_per_fte',
  direction: 'higher',
  kind: 'input',
  grain: 'order',
  base: 'kpi_order_facts',
  // The engine reports input KPIs unavailable until kpi_inputs has figures; these are placeholders.
  asOf: 'order_ts',
  asOfLabel: 'order date',
  population: 'NOT cancelled',
  needs: ['orders', 'kpi_inputs.fte'],
});
