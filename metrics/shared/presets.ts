/** Shared scopes and conditions of KPI definitions, so that a KPI file holds only what is its own. */
import type { KpiInput } from '@/lib/semantic/kpi';
import { afterDay, always, and, daysBetween, isTrue, never, not, or } from '@/lib/semantic/expr';

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

/**
 * Shipped, non-cancelled orders, attributed to their delivery date: set only once the order is
 * delivered in full, so shipped orders still in transit or incomplete are counted as excluded.
 */
export const deliveredOrders = {
  counts: 'order',
  base: 'kpi_order_facts',
  asOf: 'delivered_ts',
  asOfLabel: 'delivery date',
  population: and(not('cancelled'), 'shipped'),
} as const;

/** An order that is not perfect: late, not filled on the first ship date, damaged or mis-documented. */
export const imperfect = or(
  afterDay('delivered_ts', 'promised_delivery_ts'),
  not('filled_first'),
  'damaged',
  'documentation_error',
);

type ReturnDate = 'authorised_ts' | 'return_ts' | 'inspected_ts' | 'disposition_ts' | 'credited_ts';

/**
 * A return-level span in days between two workflow dates, dated by the later one; returns of
 * cancelled orders left out (a return whose order is not loaded has no cancelled flag: kept). A
 * span is one number, so a slow return is explained by its dates and `shownWith`.
 */
export function returnStageSpan(
  from: ReturnDate,
  to: ReturnDate,
  asOfLabel: string,
  shownWith: 'reason_code' | 'disposition' = 'reason_code',
): Omit<KpiInput, 'id' | 'name' | 'definition' | 'standard' | 'variant'> {
  return {
    unit: 'days',
    direction: 'lower',
    kind: 'duration',
    details: ['distribution'],
    counts: 'return',
    base: 'kpi_return_facts',
    asOf: to,
    asOfLabel,
    population: always,
    exclusions: [{ when: isTrue('cancelled'), reason: 'return of a cancelled order' }],
    value: daysBetween(from, to),
    failure: never,
    needs: [`returns.${from}`, `returns.${to}`],
    explain: { fields: [shownWith, from, to], reason: () => null },
  };
}
