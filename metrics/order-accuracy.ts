import { defineKpi } from '@/lib/semantic/kpi';
import { shippedOrders } from './shared/presets';
import { defectsOf } from './shared/explain';
import { count, countWhere, not, or } from '@/lib/semantic/expr';
import { practices } from './practices/order-accuracy';

/** Share of shipped orders with no fulfilment error (error return, damage or documentation error). */
export const orderAccuracy = defineKpi({
  id: 'order_accuracy',
  name: 'Order accuracy',
  definition:
    'Shipped orders with no fulfilment error (no return in the damaged, wrong_item, wrong_quantity or documentation category, no shipment flagged damaged or documentation_error) ÷ shipped orders.',
  standard:
    'Practitioner definition; closest published peer: WERC order picking accuracy (% by order)',
  variant: 'order level, errors from returns and shipment flags',
  unit: 'percent',
  direction: 'higher',
  kind: 'ratio',
  ...shippedOrders('final'),
  numerator: countWhere(not(or('error_return', 'damaged', 'documentation_error'))),
  denominator: count(),
  failure: or('error_return', 'damaged', 'documentation_error'),
  needs: [
    'returns.reason_category|shipments.damaged|shipments.documentation_error',
    'shipments.ship_ts',
  ],
  explain: {
    fields: ['error_return', 'damaged', 'documentation_error'],
    reason: defectsOf(['error_return', 'damaged', 'documentation']),
  },
  practices,
});
