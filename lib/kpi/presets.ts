/** Shared scopes of KPI definitions, so that a KPI file holds only what is its own. */

/** Shipped, non-cancelled orders, attributed to their first or final ship date. */
export function shippedOrders(event: 'first' | 'final') {
  return {
    grain: 'order',
    base: 'kpi_order_facts',
    asOf: event === 'first' ? 'first_ship_ts' : 'final_ship_ts',
    asOfLabel: `${event} ship date`,
    population: 'NOT cancelled AND shipped',
  } as const;
}
