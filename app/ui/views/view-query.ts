/**
 * A saved view's query as its page reads it: parsed by the page's own parser (the orders
 * explorer's for /orders, the KPI query's for every other page) and written back by it, so a view
 * stores only keys its page understands, in their stable order. Pure.
 */
import { ordersQueryFromSearchParams, ordersSearchString } from '@/lib/orders/query';
import { kpiQueryFromSearchParams, searchStringOf } from '@/app/ui/search-params';

export function parseViewQuery(path: string, query: string): { query: string; problems: string[] } {
  const params = new URLSearchParams(query.replace(/^\?/, ''));
  const record: Record<string, string[]> = {};
  for (const [key, value] of params) (record[key] ??= []).push(value);
  if (path === '/orders') {
    const parsed = ordersQueryFromSearchParams(record);
    return { query: ordersSearchString(parsed.query), problems: parsed.problems };
  }
  const parsed = kpiQueryFromSearchParams(record);
  return { query: searchStringOf(parsed.query), problems: parsed.problems };
}
