import { defineKpi } from '@/lib/semantic/kpi';
import { shippedOrders } from './shared/presets';
import { whereTheTimeWent } from './shared/explain';
import { hoursBetween, never, not } from '@/lib/semantic/expr';
import { practices } from './practices/order-shipment-cycle-time';

/** Hours from order to final shipment, for orders shipped complete. */
export const orderShipmentCycleTime = defineKpi({
  id: 'order_shipment_cycle_time',
  name: 'Order shipment cycle time',
  definition:
    'For complete, non-cancelled orders: final ship date − order date, in hours. The mean is the headline; median, p90 and p95 describe the distribution. A partially shipped order does not count until it is complete.',
  standard: 'OpsDog Order Shipment Cycle Time',
  variant: 'order level, mean hours, complete orders only',
  unit: 'hours',
  direction: 'lower',
  kind: 'duration',
  details: ['stages', 'distribution'],
  ...shippedOrders('final'),
  exclusions: [{ when: not('complete'), reason: 'not yet shipped complete' }],
  value: hoursBetween('order_ts', 'final_ship_ts'),
  failure: never,
  needs: ['orders.order_ts', 'shipments.ship_ts'],
  explain: {
    fields: ['released_ts', 'final_ship_ts'],
    reason: whereTheTimeWent(),
  },
  practices,
});
