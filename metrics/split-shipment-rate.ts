import { defineKpi } from '@/lib/semantic/kpi';
import { shippedOrders } from './shared/presets';
import { day, num } from '@/lib/semantic/explain';
import { count, countWhere, gt } from '@/lib/semantic/expr';
import { practices } from './practices/split-shipment-rate';

/** Share of shipped orders that left on more than one day. */
export const splitShipmentRate = defineKpi({
  id: 'split_shipment_rate',
  name: 'Split shipments',
  definition: 'Shipped orders with more than one ship date (calendar day) ÷ shipped orders.',
  standard: 'Practitioner definition (no standards body)',
  variant: 'order level, distinct ship days',
  unit: 'percent',
  direction: 'lower',
  kind: 'ratio',
  ...shippedOrders('final'),
  numerator: countWhere(gt('ship_dates', 1)),
  denominator: count(),
  failure: gt('ship_dates', 1),
  // Without shipped quantities, a line shipped in part on two days cannot show.
  needs: ['shipments.ship_ts', 'shipments.qty_shipped'],
  explain: {
    fields: ['ship_dates', 'first_ship_ts', 'final_ship_ts'],
    reason: (row) =>
      `Shipped on ${num(row.ship_dates) ?? '?'} dates, ${day(row.first_ship_ts) ?? '?'} to ${day(row.final_ship_ts) ?? '?'}`,
  },
  practices,
});
