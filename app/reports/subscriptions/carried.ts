/**
 * The report a new subscription starts from: what the reports page's link carries in its query
 * string (filters, period, breakdown, comparison, KPIs, organisation). Without dates it has none,
 * which a subscription reads as "the last complete month before each delivery". Pure, so the page
 * and its test agree.
 */
import { dimensionNames, type Dimension, type Filters } from '@/lib/kpi/filters';
import { kpiQueryFromSearchParams, type SearchParams } from '../../ui/search-params';

export interface CarriedReport {
  filters: Filters;
  by?: Dimension;
  compare?: 'previous' | 'last_year';
  kpis?: string[];
  organisation?: string;
  /** Parts of the link that could not be read; the form starts without them. */
  problems: string[];
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

export function carriedReportOf(search: SearchParams): CarriedReport {
  // A grain belongs to the charts of the page, not to a scheduled pack.
  const { query, problems } = kpiQueryFromSearchParams({ ...search, grain: undefined });
  const kpis = first(search.kpis)
    .split(',')
    .map((k) => k.trim())
    .filter((k) => /^[a-z][a-z0-9_]*$/.test(k));
  const organisation = first(search.org).trim().slice(0, 120);
  return {
    filters: query.filters,
    ...(query.by ? { by: query.by } : {}),
    // A pack compares with one period; the reports page reads anything but last_year as previous.
    ...(query.compare
      ? { compare: query.compare === 'last_year' ? ('last_year' as const) : ('previous' as const) }
      : {}),
    ...(kpis.length ? { kpis } : {}),
    ...(organisation ? { organisation } : {}),
    problems,
  };
}

/** The query string that opens the reports page on the same report (the way back). */
export function reportsSearchOf(report: CarriedReport): string {
  const out = new URLSearchParams();
  const { filters } = report;
  if (filters.from) out.set('from', filters.from);
  if (filters.to) out.set('to', filters.to);
  for (const key of [...dimensionNames, 'sku'] as const) {
    const values = filters[key];
    if (values?.length) out.set(key, values.join(','));
  }
  if (report.by) out.set('by', report.by);
  if (report.compare) out.set('compare', report.compare);
  if (report.kpis) out.set('kpis', report.kpis.join(','));
  if (report.organisation) out.set('org', report.organisation);
  const text = out.toString();
  return text ? `?${text}` : '';
}
