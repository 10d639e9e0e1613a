import { defineKpi } from '@/lib/semantic/kpi';
import { always } from '@/lib/semantic/expr';
import { practices } from './practices/orders-per-fte';

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
  counts: 'order',
  base: 'kpi_order_facts',
  // Orders placed in each entered period (cancelled ones too: they took effort) against its fte.
  input: 'fte',
  asOf: 'order_ts',
  asOfLabel: 'order date',
  population: always,
  needs: ['orders', 'kpi_inputs.fte'],
  practices,
});
