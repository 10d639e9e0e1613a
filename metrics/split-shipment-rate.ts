import { defineKpi } from '@/lib/kpi/define';
import { shippedOrders } from '@/lib/kpi/presets';

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
  numerator: 'count(*) FILTER (WHERE ship_dates > 1)',
  denominator: 'count(*)',
  failure: 'ship_dates > 1',
  // Without shipped quantities, a line shipped in part on two days cannot show.
  needs: ['shipments.ship_ts', 'shipments.qty_shipped'],
});
