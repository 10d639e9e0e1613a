import { defineKpi } from '@/lib/semantic/kpi';
import { whereTheTimeWent } from './shared/explain';
import { deliveredOrders } from './shared/presets';
import { col, never } from '@/lib/semantic/expr';
import { practices } from './practices/order-to-delivery-cycle-time-working-days';

/** Working days from the cut-off to final delivery, for orders delivered complete. */
export const orderToDeliveryCycleTimeWorkingDays = defineKpi({
  id: 'order_to_delivery_cycle_time_working_days',
  name: 'Order fulfilment cycle time (working days)',
  variantOf: 'order_to_delivery_cycle_time',
  definition:
    "For delivered (complete, every shipment delivered), non-cancelled orders: working days from the order's start to its final delivery day, on the working calendar set on the Benchmarks page. The count starts on the order day when that is a working day and the order came at or before its site's cut-off, otherwise on the next working day; weekends and holidays are not counted, and a delivery on a weekend or holiday counts as made on the next working day. Orders not yet delivered in full are counted as excluded. The calendar-day variant is Order fulfilment cycle time.",
  standard: 'SCOR RS.1.1 Order Fulfillment Cycle Time',
  variant: 'in working days, from the cut-off; order level, mean, order receipt to final delivery',
  unit: 'days',
  direction: 'lower',
  kind: 'duration',
  details: ['distribution'],
  ...deliveredOrders,
  value: col('working_days_to_delivery'),
  failure: never,
  needs: ['orders.order_ts', 'shipments.delivered_ts'],
  explain: {
    fields: ['final_ship_ts', 'delivered_ts'],
    reason: whereTheTimeWent({ transit: true }),
  },
  practices,
});
