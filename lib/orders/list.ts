import 'server-only';
/**
 * The orders explorer: a page of orders over kpi_order_facts (filtered, searched, sorted from an
 * allowlist) and its facets. With a KPI, the list is that KPI's drill-through (lib/kpi/drill.ts).
 * The same view as CSV is in ./export.ts, as an Arrow stream in ./arrow.ts; one order, with its
 * timeline and verdicts, in ./order-detail.ts.
 */
import type { Database } from '@/lib/db/database';
import { perVersion, readPerVersion } from '@/lib/db/per-version';
import { columnsOf } from '@/lib/semantic/expr';
import { metaOfColumns } from './columns';
import { quoteIdent } from '@/lib/db/sql';
import { getKpi } from '@/lib/kpi/engine';
import type { KpiDefinition, KpiUnit } from '@/lib/semantic/kpi';
import { drillKpi } from '@/lib/kpi/drill';
import { factsVersion } from '@/lib/kpi/facts';
import { filterConditions } from '@/lib/kpi/filters';
import {
  listDefaultColumns,
  orderListColumns,
  orderStatuses,
  ordersQuerySchema,
  type ColumnMeta,
  type OrderStatus,
  type OrdersQuery,
  type ParsedOrdersQuery,
} from './query';

export * from './query';

type Row = Record<string, unknown>;

export interface OrdersKpiScope {
  id: string;
  name: string;
  unit: KpiUnit;
  direction: 'higher' | 'lower';
  /** 'return' for KPIs over returns: the rows are returns, not orders. */
  rowPer: 'order' | 'return';
  asOfLabel: string;
  /** Whether the KPI passes or fails each row (duration KPIs only measure). */
  judged: boolean;
  /** Rows in scope that failed the KPI. */
  failed: number;
}

export interface OrdersPage {
  rows: Row[];
  total: number;
  columns: string[];
  /** Label, type and description of each column, as the catalogue declares it. */
  meta: Record<string, ColumnMeta>;
  page: number;
  pageSize: number;
  sort: string;
  direction: 'asc' | 'desc';
  /** Set when the list is a KPI's drill-through. */
  kpi?: OrdersKpiScope;
  /** Parts of the query a KPI drill-through does not apply (search, status). */
  ignored: string[];
  /** The columns shown until the user picks some: for a KPI, those its definition reads. */
  defaultColumns: string[];
  /** Orders of the view per status, before the status filter (the order list only). */
  statusCounts?: Record<OrderStatus, number>;
}

export const statusSql = `CASE WHEN cancelled THEN 'cancelled' WHEN delivered THEN 'delivered'
  WHEN complete THEN 'complete' WHEN shipped THEN 'shipped' ELSE 'open' END`;

/** Derived columns; every other list column is a kpi_order_facts column of the same name. */
const derived: Record<string, string> = {
  status: statusSql,
  ship_hours:
    'CASE WHEN complete AND NOT cancelled THEN epoch(final_ship_ts - order_ts) / 3600 END',
};

export const listColumns: readonly string[] = orderListColumns;
const selectList = listColumns
  .map((c) => (derived[c] ? `${derived[c]} AS ${quoteIdent(c)}` : quoteIdent(c)))
  .join(', ');

/** The SQL of the order list (without a KPI): every matching row, all list columns. */
export function listSql(query: ParsedOrdersQuery, withStatus = true) {
  const where = filterConditions(query.filters, 'order_ts', 'kpi_order_facts');
  const params: unknown[] = [...where.params];
  const bind = (value: unknown) => `$${params.push(value)}`;
  const parts = [where.sql];
  if (query.search) {
    const term = bind(query.search.toLowerCase());
    parts.push(
      `(contains(lower(order_id), ${term}) OR contains(lower(coalesce(customer_id, '')), ${term}))`,
    );
  }
  if (query.status && withStatus) parts.push(`(${statusSql}) = ${bind(query.status)}`);
  const sql = `SELECT ${selectList} FROM kpi_order_facts WHERE ${parts.join(' AND ')}`;
  return { sql, params: params as string[] };
}

export function sortOf(query: ParsedOrdersQuery) {
  const sort = query.sort && listColumns.includes(query.sort) ? query.sort : 'order_ts';
  return { sort, direction: query.direction ?? 'desc' };
}

export function orderBy(sort: string, direction: 'asc' | 'desc') {
  return `ORDER BY ${quoteIdent(sort)} ${direction === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, order_id`;
}

/**
 * `limit` rows of the order list from `offset`, in the view's order: the explorer's page, and a
 * range of its Arrow stream (./arrow.ts).
 */
export function listRangeSql(query: ParsedOrdersQuery, limit: number, offset: number) {
  const { sql, params } = listSql(query);
  const { sort, direction } = sortOf(query);
  return {
    sql: `SELECT * FROM (${sql}) ${orderBy(sort, direction)} LIMIT ${limit} OFFSET ${offset}`,
    params,
    sort,
    direction,
  };
}

/** The number of orders in the view (status filter included). */
export function listCountSql(query: ParsedOrdersQuery) {
  const { sql, params } = listSql(query);
  return { sql: `SELECT count(*) AS n FROM (${sql})`, params };
}

/** A page of orders; with `kpi`, the orders (or returns) behind that KPI, or those failing it. */
export async function listOrders(db: Database, input: OrdersQuery = {}): Promise<OrdersPage> {
  const query = ordersQuerySchema.parse(input);
  if (query.kpi) return drillPage(db, query);
  const version = await factsVersion(db);
  const range = listRangeSql(query, query.pageSize, (query.page - 1) * query.pageSize);
  const { sort, direction } = range;
  const all = listSql(query, false);
  // Kept per facts version: a page of the explorer is asked again by every visitor.
  const [rows, counts] = await Promise.all([
    readPerVersion(db, version, range.sql, range.params),
    readPerVersion<{ status: OrderStatus; n: number }>(
      db,
      version,
      `SELECT status, count(*) AS n FROM (${all.sql}) GROUP BY status`,
      all.params,
    ),
  ]);
  const statusCounts = Object.fromEntries(orderStatuses.map((s) => [s, 0])) as Record<
    OrderStatus,
    number
  >;
  for (const row of counts) statusCounts[row.status] = row.n;
  const total = query.status
    ? statusCounts[query.status]
    : Object.values(statusCounts).reduce((a, b) => a + b, 0);
  return {
    rows,
    total,
    statusCounts,
    defaultColumns: [...listDefaultColumns],
    columns: [...listColumns],
    meta: metaOfColumns(listColumns),
    page: query.page,
    pageSize: query.pageSize,
    sort,
    direction,
    ignored: [],
  };
}

const judges = (kpi: KpiDefinition) => !!kpi.failure && kpi.failure.trim() !== 'false';

/** A drill-through shows the row's identity, the columns the KPI's definition reads, and its verdict. */
function drillDefaults(kpi: KpiDefinition, columns: string[]): string[] {
  // Exclusions are left out: excluded rows are not listed, so their columns hold one value.
  const expressions = [kpi.source.value, kpi.source.failure].filter((e) => e !== undefined);
  const reads = new Set([kpi.asOf, ...expressions.flatMap(columnsOf)]);
  const identity = ['return_id', 'order_id', 'order_ts', 'customer_id', 'site', 'reason_category'];
  // A column the definition reads, or one that counts it (filled_first → lines_filled_first).
  const read = (c: string) =>
    reads.has(c) || [...reads].some((r) => r.length > 6 && c.endsWith(`_${r}`));
  return columns.filter(
    (c) =>
      identity.includes(c) ||
      (c === 'value' && kpi.kind === 'duration') ||
      (c === 'failed' && judges(kpi)) ||
      (c !== 'value' && c !== 'failed' && read(c)),
  );
}

async function drillPage(db: Database, query: ParsedOrdersQuery): Promise<OrdersPage> {
  const kpi = getKpi(query.kpi!);
  const page = await drillKpi(db, kpi.id, {
    filters: query.filters,
    failedOnly: query.failedOnly,
    page: query.page,
    pageSize: query.pageSize,
    sort: query.sort,
    direction: query.direction ?? 'desc',
  });
  const base = kpi.base === 'kpi_return_facts' ? 'return' : 'order';
  // drillKpi falls back to its own default sort for an unknown key: report the one it used.
  const sort =
    query.sort && page.columns.includes(query.sort)
      ? query.sort
      : kpi.kind === 'duration'
        ? 'value'
        : (page.columns[1] ?? 'order_ts');
  return {
    rows: page.rows,
    total: page.total,
    columns: page.columns,
    meta: metaOfColumns(page.columns),
    page: page.page,
    pageSize: page.pageSize,
    sort,
    direction: query.direction ?? 'desc',
    kpi: {
      id: kpi.id,
      name: kpi.name,
      unit: kpi.unit,
      direction: kpi.direction,
      rowPer: base,
      asOfLabel: kpi.asOfLabel,
      judged: judges(kpi),
      failed: page.failed,
    },
    ignored: [query.search ? 'search' : '', query.status ? 'status' : ''].filter(Boolean),
    defaultColumns: drillDefaults(kpi, page.columns),
  };
}

export type OrderFacets = Record<'site' | 'channel' | 'region' | 'carrier' | 'ship_mode', string[]>;

const facetColumns = ['site', 'channel', 'region', 'carrier', 'ship_mode'] as const;

const facetsOf = perVersion('order-facets', readFacets);

/**
 * The values of each filter dimension (at most 200 each), for the explorer's filter menus; kept
 * per data version, since they change only with a load.
 */
export async function listOrderFacets(db: Database): Promise<OrderFacets> {
  return facetsOf(db, await factsVersion(db));
}

async function readFacets(db: Database): Promise<OrderFacets> {
  const rows = await db.read<{ d: string; v: string }>(
    facetColumns
      .map(
        (c) =>
          `(SELECT '${c}' AS d, ${quoteIdent(c)} AS v FROM kpi_order_facts
             WHERE ${quoteIdent(c)} IS NOT NULL GROUP BY 2 ORDER BY 2 LIMIT 200)`,
      )
      .join(' UNION ALL '),
  );
  const facets = Object.fromEntries(facetColumns.map((c) => [c, [] as string[]])) as OrderFacets;
  for (const row of rows) facets[row.d as keyof OrderFacets].push(row.v);
  for (const c of facetColumns) facets[c].sort((a, b) => a.localeCompare(b));
  return facets;
}

// ---------------------------------------------------------------------------------------------
// CSV export
