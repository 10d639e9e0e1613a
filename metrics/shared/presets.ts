/** Shared scopes and conditions of KPI definitions, so that a KPI file holds only what is its own. */
import { afterDay, and, not, or } from '@/lib/semantic/expr';

/** Shipped, non-cancelled orders, attributed to their first or final ship date. */
export function shippedOrders(event: 'first' | 'final') {
  return {
    counts: 'order',
    base: 'kpi_order_facts',
    asOf: event === 'first' ? 'first_ship_ts' : 'final_ship_ts',
    asOfLabel: `${event} ship date`,
    population: and(not('cancelled'), 'shipped'),
  } as const;
}

/** An order that is not perfect: late, not filled on the first ship date, damaged or mis-documented. */
export const imperfect = or(
  afterDay('delivered_ts', 'promised_delivery_ts'),
  not('filled_first'),
  'damaged',
  'documentation_error',
);
