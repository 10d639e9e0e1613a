import { defineKpi } from '@/lib/semantic/kpi';
import { day, daysLate, late } from '@/lib/semantic/explain';
import { afterDay, and, count, countWhere, isNull, not, onOrBeforeDay } from '@/lib/semantic/expr';
import { practices } from './practices/on-time-delivery-rate';

/** Share of delivered orders delivered on or before the commit (promised delivery) day. */
export const onTimeDeliveryRate = defineKpi({
  id: 'on_time_delivery_rate',
  name: 'On-time delivery to commit date',
  definition:
    'Delivered orders with a promised delivery date whose final delivery was on or before the promised calendar day ÷ delivered orders with a promised delivery date.',
  standard:
    'SCOR RL.2.2 delivery performance to commit date; OpsDog On-time Customer Order Delivery Rate',
  variant: 'order level, calendar day, against the commit date',
  unit: 'percent',
  direction: 'higher',
  kind: 'ratio',
  counts: 'order',
  base: 'kpi_order_facts',
  // delivered_ts is set only once the order is delivered in full.
  asOf: 'delivered_ts',
  asOfLabel: 'delivery date',
  population: and(not('cancelled'), 'shipped'),
  exclusions: [{ when: isNull('promised_delivery_ts'), reason: 'no promised delivery date' }],
  // Day grain: a delivery at 18:00 on the promised day is on time.
  numerator: countWhere(onOrBeforeDay('delivered_ts', 'promised_delivery_ts')),
  denominator: count(),
  failure: afterDay('delivered_ts', 'promised_delivery_ts'),
  needs: ['orders.promised_delivery_ts|order_lines.promised_delivery_ts', 'shipments.delivered_ts'],
  explain: {
    fields: ['promised_delivery_ts', 'delivered_ts'],
    reason: (row) =>
      `Delivered ${day(row.delivered_ts) ?? '?'}, promised ${day(row.promised_delivery_ts) ?? '?'}${late(daysLate(row.delivered_ts, row.promised_delivery_ts))}`,
  },
  practices,
});
