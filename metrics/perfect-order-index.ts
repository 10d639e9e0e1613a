import { imperfect } from './shared/presets';
import { and, not } from '@/lib/semantic/expr';
import { defineKpi } from '@/lib/semantic/kpi';
import { defectFields, defectsOf } from './shared/explain';
import { practices } from './practices/perfect-order-index';

/** Product of the on-time delivery, order fill, damage-free and documentation rates. */
export const perfectOrderIndex = defineKpi({
  id: 'perfect_order_index',
  name: 'Perfect order index',
  definition:
    'On-time delivery rate × order fill rate × damage-free rate × documentation accuracy, over the components that have data (the result lists which were used). Each component keeps its own population and as-of date.',
  standard: 'APQC 101741 perfect order performance; WERC perfect order index; OpsDog',
  variant: 'product of order-level component rates',
  unit: 'percent',
  direction: 'higher',
  kind: 'product',
  components: [
    { kpi: 'on_time_delivery_rate' },
    { kpi: 'order_fill_rate' },
    { kpi: 'damage_free_rate' },
    { kpi: 'documentation_accuracy' },
  ],
  counts: 'order',
  base: 'kpi_order_facts',
  // Not compiled: the value comes from the components. These scope the drill-through.
  asOf: 'final_ship_ts',
  asOfLabel: 'each component’s own date',
  population: and(not('cancelled'), 'shipped'),
  failure: imperfect,
  needs: ['shipments'],
  explain: {
    fields: defectFields.perfect,
    reason: defectsOf(['late', 'short', 'damaged', 'documentation']),
  },
  practices,
});
