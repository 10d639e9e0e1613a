import { defineKpi } from '@/lib/semantic/kpi';
import { imperfect, shippedOrders } from './shared/presets';
import { defectFields, defectsOf } from './shared/explain';
import { and, col, isNotNull, not, onOrBeforeDay } from '@/lib/semantic/expr';
import { practices } from './practices/perfect-order-rate';

/** Share of orders that are at once on time, filled, damage-free and correctly documented. */
export const perfectOrderRate = defineKpi({
  id: 'perfect_order_rate',
  name: 'Perfect order fulfilment',
  definition:
    'Orders that are at once delivered on time to the commit date, filled on the first ship date, damage-free and correctly documented ÷ shipped, non-cancelled orders that every component with data can judge (on time needs a delivered order with a promised delivery date). Stricter than the perfect order index and not equal to it.',
  standard: 'SCOR RL.1.1 Perfect Order Fulfillment',
  variant:
    'order level (SCOR judges lines), components with data only, calendar day against the commit date',
  unit: 'percent',
  direction: 'higher',
  kind: 'all_of',
  components: [
    {
      kpi: 'on_time_delivery_rate',
      population: and(isNotNull('delivered_ts'), isNotNull('promised_delivery_ts')),
      pass: onOrBeforeDay('delivered_ts', 'promised_delivery_ts'),
    },
    { kpi: 'order_fill_rate', population: col('has_lines'), pass: col('filled_first') },
    { kpi: 'damage_free_rate', pass: not('damaged') },
    { kpi: 'documentation_accuracy', pass: not('documentation_error') },
  ],
  ...shippedOrders('final'),
  failure: imperfect,
  needs: ['shipments.ship_ts'],
  explain: {
    fields: defectFields.perfect,
    reason: defectsOf(['late', 'short', 'damaged', 'documentation']),
  },
  practices,
});
