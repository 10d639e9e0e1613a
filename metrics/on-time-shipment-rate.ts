import { defineKpi } from '@/lib/kpi/define';
import { shippedOrders } from '@/lib/kpi/presets';

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
    { when: 'NOT complete', reason: 'not yet shipped complete' },
    { when: 'promised_ship_ts IS NULL', reason: 'no promised ship date' },
  ],
  numerator: 'count(*) FILTER (WHERE final_ship_ts::DATE <= promised_ship_ts::DATE)',
  denominator: 'count(*)',
  failure: 'final_ship_ts::DATE > promised_ship_ts::DATE',
  needs: ['orders.promised_ship_ts|order_lines.promised_ship_ts', 'shipments.ship_ts'],
});
