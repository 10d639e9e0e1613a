import { defineKpi } from '@/lib/kpi/define';

/** Share of delivered orders delivered on or before the day the customer requested. */
export const onTimeToRequestRate = defineKpi({
  id: 'on_time_to_request_rate',
  name: 'Delivery to customer request date',
  definition:
    'Delivered orders with a requested delivery date whose final delivery was on or before the requested calendar day ÷ delivered orders with a requested delivery date.',
  standard: 'Practitioner definition (the request-date counterpart of SCOR RL.2.2)',
  variant: 'order level, calendar day, against the customer request date',
  unit: 'percent',
  direction: 'higher',
  kind: 'ratio',
  grain: 'order',
  base: 'kpi_order_facts',
  asOf: 'delivered_ts',
  asOfLabel: 'delivery date',
  population: 'NOT cancelled AND shipped',
  exclusions: [{ when: 'requested_delivery_ts IS NULL', reason: 'no requested delivery date' }],
  numerator: 'count(*) FILTER (WHERE delivered_ts::DATE <= requested_delivery_ts::DATE)',
  denominator: 'count(*)',
  failure: 'delivered_ts::DATE > requested_delivery_ts::DATE',
  needs: ['orders.requested_delivery_ts', 'shipments.delivered_ts'],
});
