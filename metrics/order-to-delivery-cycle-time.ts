import { defineKpi } from '@/lib/semantic/kpi';
import { whereTheTimeWent } from './shared/explain';
import { deliveredOrders } from './shared/presets';
import { daysBetween, never } from '@/lib/semantic/expr';
import { practices } from './practices/order-to-delivery-cycle-time';

/** Days from order to final delivery, for orders delivered complete. */
export const orderToDeliveryCycleTime = defineKpi({
  id: 'order_to_delivery_cycle_time',
  name: 'Order fulfilment cycle time',
  definition:
    'For delivered (complete, every shipment delivered), non-cancelled orders: latest delivery date − order date, in days. Orders not yet delivered in full have no delivery date and are counted as excluded.',
  standard: 'SCOR RS.1.1 Order Fulfillment Cycle Time',
  variant: 'order level, mean days, order receipt to final delivery',
  unit: 'days',
  direction: 'lower',
  kind: 'duration',
  details: ['distribution'],
  ...deliveredOrders,
  value: daysBetween('order_ts', 'delivered_ts'),
  failure: never,
  needs: ['orders.order_ts', 'shipments.delivered_ts'],
  explain: {
    fields: ['final_ship_ts', 'delivered_ts'],
    reason: whereTheTimeWent({ transit: true }),
  },
  practices,
});
