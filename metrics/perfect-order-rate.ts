import { defineKpi } from '@/lib/kpi/define';
import { shippedOrders } from '@/lib/kpi/presets';

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
      population: 'delivered_ts IS NOT NULL AND promised_delivery_ts IS NOT NULL',
      pass: 'delivered_ts::DATE <= promised_delivery_ts::DATE',
    },
    { kpi: 'order_fill_rate', population: 'has_lines', pass: 'filled_first' },
    { kpi: 'damage_free_rate', pass: 'NOT damaged' },
    { kpi: 'documentation_accuracy', pass: 'NOT documentation_error' },
  ],
  ...shippedOrders('final'),
  failure:
    'delivered_ts::DATE > promised_delivery_ts::DATE OR NOT filled_first OR damaged OR documentation_error',
  needs: ['shipments.ship_ts'],
});
