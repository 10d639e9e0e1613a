import { defineKpi } from '@/lib/kpi/define';
import { shippedOrders } from '@/lib/kpi/presets';

/** Hours from release to the warehouse to final shipment, for orders shipped complete. */
export const releaseToShipCycleTime = defineKpi({
  id: 'release_to_ship_cycle_time',
  name: 'Internal (warehouse) order cycle time',
  definition:
    'For complete, non-cancelled orders: final ship date − release date, in hours. A partially shipped order does not count until it is complete.',
  standard: 'WERC internal order cycle time',
  variant: 'order level, mean hours, release to final shipment, complete orders only',
  unit: 'hours',
  direction: 'lower',
  kind: 'duration',
  ...shippedOrders('final'),
  exclusions: [
    // Until complete, the last shipment so far is not the final one.
    { when: 'NOT complete', reason: 'not yet shipped complete' },
    { when: 'released_ts IS NULL', reason: 'no release date' },
  ],
  value: 'epoch(final_ship_ts - released_ts) / 3600',
  failure: 'false',
  needs: ['orders.released_ts', 'shipments.ship_ts'],
});
