import { defineKpi } from '@/lib/semantic/kpi';
import { shippedOrders } from './shared/presets';
import { defectsOf } from './shared/explain';
import { col, count, countWhere, not } from '@/lib/semantic/expr';
import { practices } from './practices/damage-free-rate';

/** Share of shipped orders with no damaged shipment and no damaged return. */
export const damageFreeRate = defineKpi({
  id: 'damage_free_rate',
  name: 'Orders shipped damage-free',
  definition:
    'Shipped orders with no shipment flagged damaged and no return in the damaged category ÷ shipped orders.',
  standard: 'OpsDog Undamaged Customer Order Rate; SCOR RL.2.4 (perfect condition)',
  variant: 'order level, damage from shipment flags and returns',
  unit: 'percent',
  direction: 'higher',
  kind: 'ratio',
  ...shippedOrders('final'),
  numerator: countWhere(not('damaged')),
  denominator: count(),
  failure: col('damaged'),
  needs: ['shipments.damaged|returns.reason_category', 'shipments.ship_ts'],
  explain: {
    fields: ['damaged'],
    reason: defectsOf(['damaged']),
  },
  practices,
});
