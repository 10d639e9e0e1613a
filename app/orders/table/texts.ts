/** The explorer table's words and links for a page of rows (pure, for the table and tests). */
import type { OrdersPage } from '@/lib/orders/list';
import { metaOf, ordersSearchString, type ParsedOrdersQuery } from '@/lib/orders/query';
import { formatCount } from '../../ui/format';
import type { RowsStatus } from './arrow-rows';

/** What the rows are: returns for a KPI over returns, else orders. */
export const nounOf = (page: OrdersPage) => (page.kpi?.rowPer === 'return' ? 'returns' : 'orders');

/** "1–100 of 20,000 orders", or "No orders". */
export function totalsText(page: OrdersPage): string {
  const noun = nounOf(page);
  if (page.total === 0) return `No ${noun}`;
  const first = (page.page - 1) * page.pageSize + 1;
  const last = Math.min(page.total, page.page * page.pageSize);
  return `${formatCount(first)}–${formatCount(last)} of ${formatCount(page.total)} ${noun}`;
}

/**
 * The "all rows" view's totals: "All 20,000 orders", or for a view longer than a block of the
 * grid, "250,001–500,000 of 1,200,000 orders".
 */
export function allRowsTotalsText(
  page: OrdersPage,
  total: number,
  block: { first: number; count: number },
): string {
  const noun = nounOf(page);
  if (total === 0) return `No ${noun}`;
  if (block.count >= total) return `All ${formatCount(total)} ${noun}`;
  return `${formatCount(block.first + 1)}–${formatCount(block.first + block.count)} of ${formatCount(total)} ${noun}`;
}

/** For screen readers: what the table lists, how many, and how it is sorted. */
export function captionText(page: OrdersPage, totals = totalsText(page)): string {
  const what = page.kpi ? `${nounOf(page)} behind ${page.kpi.name}` : 'Orders';
  const direction = page.direction === 'asc' ? 'ascending' : 'descending';
  return `${what}, ${totals}. Sorted by ${metaOf(page.meta, page.sort).label}, ${direction}.`;
}

/** The "all rows" view's status line: which rows are on their way, or which could not come. */
export function rowsStatusText(status: RowsStatus): string {
  const rows = ([first, last]: [number, number]) =>
    `${formatCount(first + 1)}–${formatCount(last + 1)}`;
  if (status.failed)
    return `Rows ${rows([status.failed.first, status.failed.last])} could not be loaded: ${status.failed.message}`;
  const [first] = status.loading;
  if (!first) return '';
  return `Loading rows ${rows([first[0], status.loading.at(-1)![1]])}…`;
}

/** Under the totals of a KPI that judges rows: how many failed, or that only those are shown. */
export function failedText(page: OrdersPage, failedOnly: boolean): string | undefined {
  const kpi = page.kpi;
  if (!kpi?.judged) return undefined;
  if (failedOnly) return `Only those that failed ${kpi.name}`;
  const share = page.total ? ` (${((100 * kpi.failed) / page.total).toFixed(1)}%)` : '';
  return `${formatCount(kpi.failed)} failed${share}`;
}

/** The CSV export of the whole view (every page) with the columns shown. */
export function exportUrl(query: ParsedOrdersQuery, columns: string[]): string {
  const view = { ...query, page: 1, pageSize: undefined, allRows: undefined };
  const href = `/api/orders/export${ordersSearchString(view)}`;
  return `${href}${href.includes('?') ? '&' : '?'}columns=${columns.join(',')}`;
}
