/** The query the orders filter form asks for, from its fields (pure, for the form and tests). */
import type { OrderFacets } from '@/lib/orders/list';
import type { ParsedOrdersQuery } from '@/lib/orders/query';
import type { KpiOption } from '../types';

/** The dimensions the orders explorer filters by, in the bar's order. */
export type FacetName = keyof OrderFacets;
export const facetNames: FacetName[] = ['site', 'channel', 'region', 'carrier', 'ship_mode'];

/**
 * The changes a submitted filter form makes to the query: always from the first page. A KPI's rows
 * are neither searched nor narrowed by status, and a sort key may exist in one list only.
 */
export function queryFromForm(
  data: FormData,
  query: ParsedOrdersQuery,
  kpis: KpiOption[],
): Partial<ParsedOrdersQuery> {
  const text = (key: string) => String(data.get(key) ?? '').trim() || undefined;
  const filters: Record<string, unknown> = { ...query.filters };
  for (const key of ['from', 'to'] as const) filters[key] = text(key);
  // A chip's checkboxes send a value each; a value the URL joined with commas is split alike.
  for (const key of facetNames) {
    const values = data
      .getAll(key)
      .flatMap((v) => String(v).split(','))
      .map((v) => v.trim())
      .filter(Boolean);
    filters[key] = values.length ? values : undefined;
  }
  const kpiId = text('kpi');
  return {
    filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
    // A KPI's rows are not searched or narrowed by status: leave both behind.
    search: kpiId ? undefined : text('search'),
    status: kpiId ? undefined : query.status,
    kpi: kpiId,
    failedOnly:
      !!kpiId && kpis.some((k) => k.id === kpiId && k.judged) && data.get('failed') === '1',
    page: 1,
    // A sort key of the order list may not exist in a drill-through, and the other way round.
    sort: kpiId === query.kpi ? query.sort : undefined,
    direction: kpiId === query.kpi ? query.direction : undefined,
  };
}

/** How many filters the query applies (dates and dimensions, search, status, KPI). */
export function activeFilterCount(query: ParsedOrdersQuery): number {
  return (
    Object.values(query.filters).filter(Boolean).length +
    (query.search ? 1 : 0) +
    (query.status ? 1 : 0) +
    (query.kpi ? 1 : 0)
  );
}
