import { defineKpi } from '@/lib/semantic/kpi';
import { day, daysLate, late } from '@/lib/semantic/explain';
import { afterDay, and, count, countWhere, isNull, not, onOrBeforeDay } from '@/lib/semantic/expr';
import { practices } from './practices/on-time-to-request-rate';

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
  counts: 'order',
  base: 'kpi_order_facts',
  asOf: 'delivered_ts',
  asOfLabel: 'delivery date',
  population: and(not('cancelled'), 'shipped'),
  exclusions: [{ when: isNull('requested_delivery_ts'), reason: 'no requested delivery date' }],
  numerator: countWhere(onOrBeforeDay('delivered_ts', 'requested_delivery_ts')),
  denominator: count(),
  failure: afterDay('delivered_ts', 'requested_delivery_ts'),
  needs: ['orders.requested_delivery_ts', 'shipments.delivered_ts'],
  explain: {
    fields: ['requested_delivery_ts', 'delivered_ts'],
    reason: (row) =>
      row.requested_delivery_ts
        ? `Delivered ${day(row.delivered_ts)}, requested ${day(row.requested_delivery_ts)}${late(daysLate(row.delivered_ts, row.requested_delivery_ts))}`
        : `Delivered ${day(row.delivered_ts) ?? '?'}, after the date the customer requested`,
  },
  practices,
});
