import { defineKpi } from '@/lib/semantic/kpi';
import { shippedOrders } from './shared/presets';
import { whereTheTimeWent } from './shared/explain';
import { col, never, not } from '@/lib/semantic/expr';
import { practices } from './practices/order-shipment-cycle-time-working-days';

/** Working days from the cut-off to final shipment, for orders shipped complete. */
export const orderShipmentCycleTimeWorkingDays = defineKpi({
  id: 'order_shipment_cycle_time_working_days',
  name: 'Order shipment cycle time (working days)',
  variantOf: 'order_shipment_cycle_time',
  definition:
    "For complete, non-cancelled orders: working days from the order's start to its final ship day, on the working calendar set on the Benchmarks page (working weekdays, holidays, cut-off per site). The count starts on the order day when that is a working day and the order came at or before its site's cut-off, otherwise on the next working day; weekends and holidays are not counted; a shipment on a weekend or holiday counts as made on the next working day, and one before the count starts as 0. So an order placed on Friday after the cut-off and shipped on Monday took 0 working days; shipped on Tuesday, 1. The calendar-hour variant is Order shipment cycle time.",
  standard: 'OpsDog Order Shipment Cycle Time',
  variant: 'in working days, from the cut-off; order level, mean, complete orders only',
  unit: 'days',
  direction: 'lower',
  kind: 'duration',
  details: ['distribution'],
  ...shippedOrders('final'),
  exclusions: [{ when: not('complete'), reason: 'not yet shipped complete' }],
  value: col('working_days_to_final_ship'),
  failure: never,
  needs: ['orders.order_ts', 'shipments.ship_ts'],
  explain: {
    fields: ['released_ts', 'final_ship_ts'],
    reason: whereTheTimeWent(),
  },
  practices,
});
