import { defineKpi } from '@/lib/semantic/kpi';
import { shippedOrders } from './shared/presets';
import { defectsOf } from './shared/explain';
import { col, count, countWhere, not } from '@/lib/semantic/expr';
import { practices } from './practices/documentation-accuracy';

/** Share of shipped orders with no documentation error. */
export const documentationAccuracy = defineKpi({
  id: 'documentation_accuracy',
  name: 'Correct documentation',
  definition:
    'Shipped orders with no shipment flagged documentation_error and no return in the documentation category ÷ shipped orders.',
  standard:
    'APQC 100004 sales order accurate documentation rate; OpsDog % of Customer Orders with Correct Documentation; SCOR RL.2.3',
  variant: 'order level, errors from shipment flags and returns',
  unit: 'percent',
  direction: 'higher',
  kind: 'ratio',
  ...shippedOrders('final'),
  numerator: countWhere(not('documentation_error')),
  denominator: count(),
  failure: col('documentation_error'),
  needs: ['shipments.documentation_error|returns.reason_category', 'shipments.ship_ts'],
  explain: {
    fields: ['documentation_error'],
    reason: defectsOf(['documentation']),
  },
  practices,
});
