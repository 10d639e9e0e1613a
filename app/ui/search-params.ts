/**
 * The filter state lives in the URL so any view can be shared: the same keys as the JSON API
 * (from, to, site, channel, customer, region, carrier, ship_mode, sku as comma lists; grain, by,
 * compare). Pure, for server pages and client components alike.
 */
import { dimensionNames, kpiQuerySchema, type ParsedKpiQuery } from '@/lib/kpi/filters';
import { linesOfZod } from '@/lib/errors';

export type SearchParams = Record<string, string | string[] | undefined>;

const listKeys = [...dimensionNames, 'sku'] as const;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function list(value: string | string[] | undefined): string[] | undefined {
  const items = (Array.isArray(value) ? value : value ? [value] : [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}

/** The KPI query a URL asks for; an invalid URL gives the unfiltered query and the problems. */
export function kpiQueryFromSearchParams(params: SearchParams): {
  query: ParsedKpiQuery;
  problems: string[];
} {
  const filters: Record<string, unknown> = {};
  for (const key of ['from', 'to'] as const)
    if (first(params[key])) filters[key] = first(params[key]);
  for (const key of listKeys) if (list(params[key])) filters[key] = list(params[key]);
  const candidate = {
    filters,
    grain: first(params.grain) || undefined,
    by: first(params.by) || undefined,
    compare: first(params.compare) || undefined,
  };
  const parsed = kpiQuerySchema.safeParse(candidate);
  if (parsed.success) return { query: parsed.data, problems: [] };
  return {
    query: kpiQuerySchema.parse({}),
    problems: linesOfZod(parsed.error),
  };
}

/** The URL search string of a query (stable key order), e.g. "?from=2025-01-01&site=DC-North". */
export function searchStringOf(query: Partial<ParsedKpiQuery>): string {
  const out = new URLSearchParams();
  const filters = query.filters ?? {};
  if (filters.from) out.set('from', filters.from);
  if (filters.to) out.set('to', filters.to);
  for (const key of listKeys) {
    const values = filters[key];
    if (values?.length) out.set(key, values.join(','));
  }
  if (query.grain) out.set('grain', query.grain);
  if (query.by) out.set('by', query.by);
  if (query.compare) out.set('compare', query.compare);
  const text = out.toString();
  return text ? `?${text}` : '';
}

/** The keys a KPI query owns in a URL; a page's other keys (a report's organisation…) are its own. */
const queryKeys = new Set<string>(['from', 'to', ...listKeys, 'grain', 'by', 'compare']);

/** A query's search string, keeping the current URL's keys that are not the query's. */
export function searchStringKeeping(
  query: Partial<ParsedKpiQuery>,
  current: URLSearchParams,
): string {
  const out = new URLSearchParams(searchStringOf(query));
  for (const [key, value] of current) if (!queryKeys.has(key)) out.append(key, value);
  const text = out.toString();
  return text ? `?${text}` : '';
}
