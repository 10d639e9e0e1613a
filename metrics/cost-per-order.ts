import { defineKpi } from '@/lib/semantic/kpi';
import { always } from '@/lib/semantic/expr';
import { practices } from './practices/cost-per-order';

/** Order-management cost entered for a period per order placed. */
export const costPerOrder = defineKpi({
  id: 'cost_per_order',
  name: 'Cost to manage an order',
  definition: 'Order-management cost entered for the period ÷ orders placed in the period.',
  standard: 'APQC 103664 cost to manage sales orders per order',
  variant: 'entered cost per order placed, in the entered currency',
  unit: 'currency_per_order',
  direction: 'lower',
  kind: 'input',
  counts: 'order',
  base: 'kpi_order_facts',
  // Orders placed in each entered period (cancelled ones too: they took effort) against its cost.
  input: 'cost',
  asOf: 'order_ts',
  asOfLabel: 'order date',
  population: always,
  needs: ['orders', 'kpi_inputs.cost'],
  practices,
});
