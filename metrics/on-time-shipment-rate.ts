import { defineKpi } from '@/lib/semantic/kpi';
import { shippedOrders } from './shared/presets';
import { day, daysLate, late } from '@/lib/semantic/explain';
import { afterDay, count, countWhere, isNull, not, onOrBeforeDay } from '@/lib/semantic/expr';
import { practices } from './practices/on-time-shipment-rate';

/** Share of orders shipped complete on or before the promised ship day. */
export const onTimeShipmentRate = defineKpi({
  id: 'on_time_shipment_rate',
  name: 'On-time shipment',
  definition:
    'Orders shipped complete with a promised ship date whose final shipment left on or before the promised calendar day ÷ orders shipped complete with a promised ship date.',
  standard: 'WERC on-time shipments',
  variant: 'order level, calendar day, final shipment against the promised ship date',
  unit: 'percent',
  direction: 'higher',
  kind: 'ratio',
  ...shippedOrders('final'),
  exclusions: [
    // Until complete, the last shipment so far is not the final one.
    { when: not('complete'), reason: 'not yet shipped complete' },
    { when: isNull('promised_ship_ts'), reason: 'no promised ship date' },
  ],
  numerator: countWhere(onOrBeforeDay('final_ship_ts', 'promised_ship_ts')),
  denominator: count(),
  failure: afterDay('final_ship_ts', 'promised_ship_ts'),
  needs: ['orders.promised_ship_ts|order_lines.promised_ship_ts', 'shipments.ship_ts'],
  explain: {
    fields: ['promised_ship_ts', 'final_ship_ts'],
    reason: (row) =>
      `Shipped ${day(row.final_ship_ts) ?? '?'}, promised ${day(row.promised_ship_ts) ?? '?'}${late(daysLate(row.final_ship_ts, row.promised_ship_ts))}`,
  },
  practices,
});
