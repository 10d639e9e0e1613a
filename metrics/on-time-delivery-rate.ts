import { defineKpi } from '@/lib/kpi/define';

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
  grain: 'order',
  base: 'kpi_order_facts',
  // delivered_ts is set only once the order is delivered in full.
  asOf: 'delivered_ts',
  asOfLabel: 'delivery date',
  population: 'NOT cancelled AND shipped',
  exclusions: [{ when: 'promised_delivery_ts IS NULL', reason: 'no promised delivery date' }],
  // Day grain: a delivery at 18:00 on the promised day is on time.
  numerator: 'count(*) FILTER (WHERE delivered_ts::DATE <= promised_delivery_ts::DATE)',
  denominator: 'count(*)',
  failure: 'delivered_ts::DATE > promised_delivery_ts::DATE',
  needs: ['orders.promised_delivery_ts|order_lines.promised_delivery_ts', 'shipments.delivered_ts'],
});
