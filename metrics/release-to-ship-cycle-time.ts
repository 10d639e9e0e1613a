import { defineKpi } from '@/lib/semantic/kpi';
import { shippedOrders } from './shared/presets';
import { whereTheTimeWent } from './shared/explain';
import { hoursBetween, isNull, never, not } from '@/lib/semantic/expr';
import { practices } from './practices/release-to-ship-cycle-time';

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
  details: ['distribution'],
  ...shippedOrders('final'),
  exclusions: [
    // Until complete, the last shipment so far is not the final one.
    { when: not('complete'), reason: 'not yet shipped complete' },
    { when: isNull('released_ts'), reason: 'no release date' },
  ],
  value: hoursBetween('released_ts', 'final_ship_ts'),
  failure: never,
  needs: ['orders.released_ts', 'shipments.ship_ts'],
  explain: {
    fields: ['released_ts', 'final_ship_ts'],
    reason: whereTheTimeWent(),
  },
  practices,
});
