/**
 * The orders explorer's query and columns, without the database: the same URL keys for the page,
 * the JSON API, the Arrow stream and the CSV export (page, pageSize, sort, direction, search, status,
 * kpi, failed, rows=all and the usual filters). Pure, importable from client components;
 * lib/orders/list.ts runs it.
 */
import { z } from 'zod';
import { linesOfZod } from '@/lib/errors';
import { dimensionNames, filtersSchema, type Filters } from '@/lib/kpi/filters';

/**
 * One status per order, first match wins: cancelled; delivered (shipped complete and every
 * shipment delivered); complete (every line shipped in full); shipped (something shipped, not
 * everything); open (nothing shipped yet).
 */
export const orderStatuses = ['open', 'shipped', 'complete', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const statusLabels: Record<OrderStatus, string> = {
  open: 'Open',
  shipped: 'Part-shipped',
  complete: 'Shipped in full',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
};

export type ColumnType = 'id' | 'text' | 'timestamp' | 'number' | 'hours' | 'boolean' | 'status';

export interface ColumnMeta {
  label: string;
  type: ColumnType;
  /** Shown as the header's title and in the column menu. */
  description?: string;
}

/**
 * The explorer's own columns, which no fact table has: the order's status, its ship time, and a
 * KPI drill-through's value and verdict. Every other column's label and description are declared
 * once, with the fact column (metrics/facts), and come with each page (OrdersPage.meta).
 */
export const explorerOwnColumns: Record<string, ColumnMeta> = {
  status: { label: 'Status', type: 'status' },
  ship_hours: {
    label: 'Ship time',
    type: 'hours',
    description: 'Hours from order to final shipment, for orders shipped in full',
  },
  value: { label: 'KPI value', type: 'number', description: 'The value of the KPI for this row' },
  failed: { label: 'KPI result', type: 'boolean', description: 'Whether the row failed the KPI' },
};

/** A column's label and type from a page's metadata; a column it does not know reads as text. */
export function metaOf(meta: Readonly<Record<string, ColumnMeta>>, column: string): ColumnMeta {
  return meta[column] ?? { label: column, type: 'text' };
}

/** The columns of the order list, in display order. */
export const orderListColumns = [
  'order_id',
  'order_ts',
  'status',
  'customer_id',
  'channel',
  'site',
  'region',
  'carrier',
  'ship_mode',
  'entered_ts',
  'released_ts',
  'promised_ship_ts',
  'first_ship_ts',
  'final_ship_ts',
  'promised_delivery_ts',
  'requested_delivery_ts',
  'delivered_ts',
  'ship_hours',
  'lines',
  'lines_filled_first',
  'units_due',
  'units_filled_first',
  'qty_shipped',
  'ship_dates',
  'filled_first',
  'complete',
  'returned',
  'qty_returned',
  'error_return',
  'damaged',
  'documentation_error',
] as const;

/** The order list's columns until the user picks some (they fit the page without scrolling). */
export const listDefaultColumns: readonly string[] = [
  'order_id',
  'order_ts',
  'status',
  'customer_id',
  'channel',
  'site',
  'final_ship_ts',
  'ship_hours',
  'delivered_ts',
];

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 100;
export const pageSizes = [50, 100, 250, 500] as const;

export const ordersQuerySchema = z
  .object({
    filters: filtersSchema.default({}),
    search: z.string().trim().max(100).optional(),
    status: z.enum(orderStatuses).optional(),
    kpi: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/, 'a KPI id')
      .optional(),
    failedOnly: z.boolean().default(false),
    page: z.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
    sort: z.string().max(64).optional(),
    direction: z.enum(['asc', 'desc']).optional(),
    /** `rows=all`: the browser scrolls through every row of the view (Arrow ranges), not pages. */
    allRows: z.boolean().optional(),
  })
  .strict();
export type OrdersQuery = z.input<typeof ordersQuerySchema>;
export type ParsedOrdersQuery = z.output<typeof ordersQuerySchema>;

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function getAll(params: Params, key: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(key);
  const value = params[key];
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

const listKeys = [...dimensionNames, 'sku'] as const;

/** The raw (unvalidated) query a URL asks for; numbers converted, empty values dropped. */
export function ordersQueryInput(params: Params): Record<string, unknown> {
  const one = (key: string) => getAll(params, key)[0]?.trim() || undefined;
  const list = (key: string) => {
    const values = getAll(params, key)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
    return values.length ? values : undefined;
  };
  const number = (key: string) => {
    const value = one(key);
    return value === undefined ? undefined : Number(value);
  };
  const filters: Record<string, unknown> = {};
  for (const key of ['from', 'to'] as const) if (one(key)) filters[key] = one(key);
  for (const key of listKeys) if (list(key)) filters[key] = list(key);
  const failed = one('failed');
  const input: Record<string, unknown> = {
    filters,
    search: one('search'),
    status: one('status'),
    kpi: one('kpi'),
    failedOnly: failed === '1' || failed === 'true',
    page: number('page'),
    pageSize: number('pageSize'),
    sort: one('sort'),
    direction: one('direction'),
    allRows: one('rows') === 'all' ? true : undefined,
  };
  for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
  return input;
}

/** The media type of the view's rows as an Arrow IPC stream (GET /api/orders/arrow). */
export const ARROW_CONTENT_TYPE = 'application/vnd.apache.arrow.stream';

/** The most rows one Arrow stream of the view carries (GET /api/orders/arrow). */
export const MAX_STREAM_ROWS = 1_000_000;

/** The schema metadata of an Arrow stream of the view: lib/orders/arrow.ts writes, the grid reads. */
export const arrowMetadataKeys = {
  /** Rows in the whole view, not only in this stream. */
  total: 'orderlens.total',
  /** The view's row number (from 0) of the stream's first row. */
  offset: 'orderlens.offset',
  /** The stream's columns, a JSON array. */
  columns: 'orderlens.columns',
  sort: 'orderlens.sort',
  direction: 'orderlens.direction',
} as const;

/** Which rows and columns of the view an Arrow stream carries; unknown columns are dropped. */
export const ordersRangeSchema = z
  .object({
    offset: z.number().int().min(0).max(1_000_000_000).default(0),
    limit: z.number().int().min(1).max(MAX_STREAM_ROWS).default(MAX_STREAM_ROWS),
    columns: z.array(z.string().max(64)).max(100).optional(),
  })
  .strict();
export type OrdersRange = z.input<typeof ordersRangeSchema>;

/** The raw range a URL asks for (offset, limit, columns=a,b), beside ordersQueryInput. */
export function ordersRangeInput(params: URLSearchParams): Record<string, unknown> {
  const number = (key: string) => {
    const value = params.get(key)?.trim();
    return value ? Number(value) : undefined;
  };
  const columns = params
    .getAll('columns')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  const input: Record<string, unknown> = {
    offset: number('offset'),
    limit: number('limit'),
    columns: columns.length ? columns : undefined,
  };
  for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
  return input;
}

/**
 * The query of a page URL, leniently: a part that does not validate is dropped and reported, so
 * a stale or hand-edited link still shows orders.
 */
export function ordersQueryFromSearchParams(params: Params): {
  query: ParsedOrdersQuery;
  problems: string[];
} {
  const input = ordersQueryInput(params);
  const parsed = ordersQuerySchema.safeParse(input);
  if (parsed.success) return { query: parsed.data, problems: [] };
  const problems = linesOfZod(parsed.error, { root: 'query' });
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  const kept = Object.fromEntries(Object.entries(input).filter(([key]) => !bad.has(key)));
  const retry = ordersQuerySchema.safeParse(kept);
  return { query: retry.success ? retry.data : ordersQuerySchema.parse({}), problems };
}

/** The URL search string of a query, keys in a stable order; defaults are left out. */
export function ordersSearchString(query: Partial<ParsedOrdersQuery>): string {
  const out = new URLSearchParams();
  const filters: Filters = query.filters ?? {};
  if (filters.from) out.set('from', filters.from);
  if (filters.to) out.set('to', filters.to);
  for (const key of listKeys) {
    const values = filters[key];
    if (values?.length) out.set(key, values.join(','));
  }
  if (query.search) out.set('search', query.search);
  if (query.status) out.set('status', query.status);
  if (query.kpi) out.set('kpi', query.kpi);
  if (query.kpi && query.failedOnly) out.set('failed', '1');
  if (query.sort) out.set('sort', query.sort);
  if (query.direction) out.set('direction', query.direction);
  if (query.page && query.page > 1) out.set('page', String(query.page));
  if (query.pageSize && query.pageSize !== DEFAULT_PAGE_SIZE)
    out.set('pageSize', String(query.pageSize));
  if (query.allRows) out.set('rows', 'all');
  const text = out.toString();
  return text ? `?${text}` : '';
}
