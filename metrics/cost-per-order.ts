import { defineKpi } from '@/lib/kpi/define';

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
  grain: 'order',
  base: 'kpi_order_facts',
  // The engine reports input KPIs unavailable until kpi_inputs has figures; these are placeholders.
  asOf: 'order_ts',
  asOfLabel: 'order date',
  population: 'NOT cancelled',
  needs: ['orders', 'kpi_inputs.cost'],
});
