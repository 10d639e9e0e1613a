import { defineKpi } from '@/lib/kpi/define';
import { shippedOrders } from '@/lib/kpi/presets';

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
  ...shippedOrders('final'),
  exclusions: [{ when: 'NOT complete', reason: 'not yet shipped complete' }],
  value: 'epoch(final_ship_ts - order_ts) / 3600',
  failure: 'false',
  needs: ['orders.order_ts', 'shipments.ship_ts'],
});
