import 'server-only';
/**
 * The orders explorer: a page of orders over kpi_order_facts (filtered, searched, sorted from an
 * allowlist), the same view as CSV, and one order with its lines, shipments, returns, timeline and
 * how it counts in each KPI. With a KPI, the list is that KPI's drill-through (lib/kpi/drill.ts).
 */
import type { Database } from '@/lib/db/database';
import { quoteIdent } from '@/lib/db/sql';
import { neutraliseText } from '@/lib/ingest/neutralise';
import { scopedRowsSql } from '@/lib/kpi/compile';
import { getKpi } from '@/lib/kpi/compute';
import type { KpiDefinition, KpiUnit } from '@/lib/kpi/define';
import { drillKpi, streamDrill } from '@/lib/kpi/drill';
import { ensureFacts } from '@/lib/kpi/facts';
import { filterConditions } from '@/lib/kpi/filters';
import { kpiCatalogue } from '@/metrics';
import {
  listDefaultColumns,
  metaOf,
  orderListColumns,
  orderStatuses,
  ordersQuerySchema,
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
  grain: 'order' | 'return';
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

const statusSql = `CASE WHEN cancelled THEN 'cancelled' WHEN delivered THEN 'delivered'
  WHEN complete THEN 'complete' WHEN shipped THEN 'shipped' ELSE 'open' END`;

/** Derived columns; every other list column is a kpi_order_facts column of the same name. */
const derived: Record<string, string> = {
  status: statusSql,
  ship_hours:
    'CASE WHEN complete AND NOT cancelled THEN epoch(final_ship_ts - order_ts) / 3600 END',
};

const listColumns: readonly string[] = orderListColumns;
const selectList = listColumns
  .map((c) => (derived[c] ? `${derived[c]} AS ${quoteIdent(c)}` : quoteIdent(c)))
  .join(', ');

/** The SQL of the order list (without a KPI): every matching row, all list columns. */
function listSql(query: ParsedOrdersQuery, withStatus = true) {
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

function sortOf(query: ParsedOrdersQuery) {
  const sort = query.sort && listColumns.includes(query.sort) ? query.sort : 'order_ts';
  return { sort, direction: query.direction ?? 'desc' };
}

function orderBy(sort: string, direction: 'asc' | 'desc') {
  return `ORDER BY ${quoteIdent(sort)} ${direction === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, order_id`;
}

/** A page of orders; with `kpi`, the orders (or returns) behind that KPI, or those failing it. */
export async function listOrders(db: Database, input: OrdersQuery = {}): Promise<OrdersPage> {
  const query = ordersQuerySchema.parse(input);
  if (query.kpi) return drillPage(db, query);
  await ensureFacts(db);
  const { sql, params } = listSql(query);
  const { sort, direction } = sortOf(query);
  const all = listSql(query, false);
  const [rows, counts] = await Promise.all([
    db.read(
      `SELECT * FROM (${sql}) ${orderBy(sort, direction)} LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
      params,
    ),
    db.read<{ status: OrderStatus; n: number }>(
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
  const sql = [kpi.asOf, kpi.value, kpi.failure].join(' ');
  const reads = new Set(sql.match(/[a-z_]+/g) ?? []);
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
    page: page.page,
    pageSize: page.pageSize,
    sort,
    direction: query.direction ?? 'desc',
    kpi: {
      id: kpi.id,
      name: kpi.name,
      unit: kpi.unit,
      direction: kpi.direction,
      grain: base,
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

const facetCache = new WeakMap<Database, { version: string; facets: Promise<OrderFacets> }>();

/**
 * The values of each filter dimension (at most 200 each), for the explorer's filter menus; kept
 * per data version, since they change only with a load.
 */
export async function listOrderFacets(db: Database): Promise<OrderFacets> {
  const version = await ensureFacts(db);
  const cached = facetCache.get(db);
  if (cached?.version === version) return cached.facets;
  const facets = readFacets(db);
  facetCache.set(db, { version, facets });
  facets.catch(() => facetCache.delete(db));
  return facets;
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

export const EXPORT_CHUNK_ROWS = 10_000;

export type ExportQuery = OrdersQuery & {
  /** The columns to write, in order; unknown ones are dropped. Default: every column. */
  columns?: string[];
};

/**
 * The whole current view (every page, same filters and sort) as CSV text in chunks of at most
 * 10,000 rows. Text cells are neutralised against spreadsheet formulas; numbers stay numbers;
 * timestamps are written as `YYYY-MM-DD HH:MM:SS` (UTC).
 */
export async function* exportOrdersCsv(
  db: Database,
  input: ExportQuery = {},
): AsyncGenerator<string> {
  const { columns: wanted, ...rest } = input;
  const query = ordersQuerySchema.parse({ ...rest, page: 1, pageSize: 1 });
  let columns: string[] | undefined;
  const header = (available: string[]) => {
    const picked = wanted?.filter((c) => available.includes(c)) ?? [];
    columns = picked.length ? picked : available;
    return csvLine(columns);
  };
  if (query.kpi) {
    let first = true;
    for await (const chunk of streamDrill(db, query.kpi, {
      filters: query.filters,
      failedOnly: query.failedOnly,
      sort: query.sort,
      direction: query.direction ?? 'desc',
    })) {
      const head = first ? header(chunk.columns) : '';
      first = false;
      yield head + csvRows(chunk.rows, columns!);
    }
    return;
  }
  await ensureFacts(db);
  const { sql, params } = listSql(query);
  const { sort, direction } = sortOf(query);
  const csvHeader = header([...listColumns]);
  // One JSON array per row, built by DuckDB: far cheaper to read than row objects, and its
  // timestamps are already `YYYY-MM-DD HH:MM:SS`.
  const cells = columns!.map((c) => `to_json(${quoteIdent(c)})`).join(', ');
  const chunkSql = `SELECT to_json([${cells}]) AS j FROM (${sql}) ${orderBy(sort, direction)}`;
  for (let offset = 0; ; offset += EXPORT_CHUNK_ROWS) {
    const rows = await db.read<{ j: string }>(
      `${chunkSql} LIMIT ${EXPORT_CHUNK_ROWS} OFFSET ${offset}`,
      params,
    );
    let text = offset === 0 ? csvHeader : '';
    for (const row of rows) {
      const values = JSON.parse(row.j) as unknown[];
      text += csvLine(columns!.map((c, i) => csvValue(values[i], c)));
    }
    if (text) yield text;
    if (rows.length < EXPORT_CHUNK_ROWS) return;
  }
}

function csvRows(rows: Row[], columns: string[]): string {
  let out = '';
  for (const row of rows) out += csvLine(columns.map((c) => csvValue(row[c], c)));
  return out;
}

function csvValue(value: unknown, column: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ');
  const text = String(value);
  if (metaOf(column).type === 'timestamp' && /^\d{4}-\d{2}-\d{2}T/.test(text))
    return text.slice(0, 19).replace('T', ' ');
  // A typed column: text is text, so "-42" in a customer id is escaped like any formula start.
  return neutraliseText(text);
}

/** One CSV record (RFC 4180 quoting, CRLF); shared with the report CSVs. */
export function csvLine(cells: string[]): string {
  return `${cells.map(quoteCsv).join(',')}\r\n`;
}

function quoteCsv(cell: string): string {
  return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

// ---------------------------------------------------------------------------------------------
// One order

export type TimelineKind =
  | 'placed'
  | 'entered'
  | 'released'
  | 'promised_ship'
  | 'promised_delivery'
  | 'requested_delivery'
  | 'shipped'
  | 'delivered'
  | 'returned'
  | 'credited'
  | 'cancelled';

export interface TimelineEvent {
  kind: TimelineKind;
  /** ISO timestamp (UTC). */
  at: string;
  label: string;
  detail?: string;
  /** A date the order was due by (promised or requested), not something that happened. */
  planned: boolean;
  /** Hours since the previous event that happened (planned dates are skipped); null for the first. */
  hoursSincePrevious: number | null;
  /** Days after the promised date, for a shipment or delivery later than promised (calendar days). */
  daysLate?: number;
}

export type KpiVerdictStatus = 'passed' | 'failed' | 'measured' | 'excluded' | 'not_in_scope';

export interface OrderKpiVerdict {
  id: string;
  name: string;
  unit: KpiUnit;
  status: KpiVerdictStatus;
  /** The exclusion reason, when excluded. */
  reason?: string;
  /** Duration KPIs: this order's value in the KPI unit. */
  value?: number | null;
}

export interface OrderDetail {
  order: Row & { order_id: string; status: OrderStatus };
  lines: Row[];
  shipments: Row[];
  returns: Row[];
  timeline: TimelineEvent[];
  kpis: OrderKpiVerdict[];
}

const eventRank: Record<TimelineKind, number> = {
  placed: 0,
  entered: 1,
  released: 2,
  cancelled: 3,
  promised_ship: 4,
  shipped: 5,
  promised_delivery: 6,
  requested_delivery: 7,
  delivered: 8,
  returned: 9,
  credited: 10,
};

/** One order by id (bound as a parameter), or undefined when there is none. */
export async function getOrder(db: Database, orderId: string): Promise<OrderDetail | undefined> {
  if (!orderId || orderId.length > 200) return undefined;
  await ensureFacts(db);
  const [orders, facts, lines, shipments, returns, kpis] = await Promise.all([
    db.read('SELECT * EXCLUDE (nk) FROM orders WHERE order_id = $1', [orderId]),
    db.read(
      `SELECT ${statusSql} AS status, promised_ship_ts, promised_delivery_ts, lines, units_due,
              qty_shipped, qty_returned, first_ship_ts, final_ship_ts, delivered_ts, ship_dates,
              complete, filled_first, damaged, documentation_error, error_return, carrier, ship_mode,
              site AS fulfilment_site
         FROM kpi_order_facts WHERE order_id = $1`,
      [orderId],
    ),
    db.read(
      `WITH shipped AS (
         SELECT s.line_no, s.qty_shipped FROM shipments s WHERE s.order_id = $1 AND s.line_no IS NOT NULL
         UNION ALL
         SELECT l.line_no, s.qty_shipped FROM shipments s
           JOIN order_lines l ON l.order_id = s.order_id AND l.sku = s.sku
          WHERE s.order_id = $1 AND s.line_no IS NULL)
       SELECT l.line_no, l.sku, l.qty_ordered, l.qty_cancelled, l.unit_price,
              l.promised_ship_ts, l.promised_delivery_ts,
              (SELECT sum(qty_shipped) FROM shipped WHERE shipped.line_no = l.line_no) AS qty_shipped
         FROM order_lines l WHERE l.order_id = $1 ORDER BY l.line_no`,
      [orderId],
    ),
    db.read(
      `SELECT shipment_id, line_no, sku, qty_shipped, ship_ts, delivered_ts, carrier, ship_mode, site,
              damaged, documentation_error
         FROM shipments WHERE order_id = $1
        ORDER BY coalesce(ship_ts, delivered_ts) NULLS LAST, shipment_id NULLS LAST, line_no`,
      [orderId],
    ),
    db.read(
      `SELECT return_id, line_no, sku, qty_returned, return_ts, credited_ts, reason_code,
              reason_category, return_value
         FROM returns WHERE order_id = $1 ORDER BY return_ts NULLS LAST, return_id NULLS LAST`,
      [orderId],
    ),
    kpiVerdicts(db, orderId),
  ]);
  const order = orders[0];
  if (!order) return undefined;
  const merged = { ...order, ...(facts[0] ?? { status: 'open' }) } as OrderDetail['order'];
  return {
    order: merged,
    lines,
    shipments,
    returns,
    timeline: timelineOf(merged, shipments, returns),
    kpis,
  };
}

const str = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
const num = (value: unknown) => (typeof value === 'number' ? value : 0);
const plural = (n: number, word: string) => `${fmt(n)} ${word}${n === 1 ? '' : 's'}`;
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));
const dayOf = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
const daysAfter = (at: string, due: string | undefined) => {
  if (!due) return undefined;
  const days = Math.round((dayOf(at) - dayOf(due)) / 86_400_000);
  return days > 0 ? days : undefined;
};

/** The order's events in time order; planned dates sit where they fall. */
export function timelineOf(order: Row, shipments: Row[], returns: Row[]): TimelineEvent[] {
  type Draft = Omit<TimelineEvent, 'hoursSincePrevious'>;
  const events: Draft[] = [];
  const add = (kind: TimelineKind, at: unknown, label: string, extra: Partial<Draft> = {}) => {
    const ts = str(at);
    if (ts) events.push({ kind, at: ts, label, planned: false, ...extra });
  };
  const promisedShip = str(order.promised_ship_ts);
  const promisedDelivery = str(order.promised_delivery_ts);
  add('placed', order.order_ts, 'Order placed', {
    detail: [str(order.channel) && `via ${order.channel}`, str(order.customer_id)]
      .filter(Boolean)
      .join(' · '),
  });
  add('entered', order.entered_ts, 'Entered in the ERP');
  add('released', order.released_ts, 'Released to the warehouse');
  add('promised_ship', promisedShip, 'Promised ship date', { planned: true });
  add('promised_delivery', promisedDelivery, 'Promised delivery date', { planned: true });
  add('requested_delivery', order.requested_delivery_ts, 'Delivery requested by the customer', {
    planned: true,
  });
  add('cancelled', order.cancelled_ts, 'Order cancelled');

  // A shipment (by id, else by ship time) is one event, however many lines it carries.
  const groups = new Map<string, Row[]>();
  for (const s of shipments) {
    const key = `${str(s.shipment_id) ?? ''}|${str(s.ship_ts) ?? str(s.delivered_ts) ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  for (const rows of groups.values()) {
    const first = rows[0]!;
    const id = str(first.shipment_id);
    const name = id ? `Shipment ${id}` : 'Shipment';
    const units = rows.reduce((sum, r) => sum + num(r.qty_shipped), 0);
    const flags = [
      rows.some((r) => r.damaged === true) && 'arrived damaged',
      rows.some((r) => r.documentation_error === true) && 'documentation error',
    ].filter((f): f is string => !!f);
    const shipDetail = [
      `${plural(rows.length, 'line')}, ${plural(units, 'unit')}`,
      [str(first.carrier), str(first.ship_mode)].filter(Boolean).join(' '),
      str(first.site) && `from ${first.site}`,
    ]
      .filter(Boolean)
      .join(' · ');
    const shipTs = str(first.ship_ts);
    if (shipTs)
      add('shipped', shipTs, `${name} shipped`, {
        detail: shipDetail,
        daysLate: daysAfter(shipTs, promisedShip),
      });
    // Lines of one shipment may arrive at different times: one delivery event per arrival.
    const arrivals = new Map<string, Row[]>();
    for (const r of rows) {
      const at = str(r.delivered_ts);
      if (at) arrivals.set(at, [...(arrivals.get(at) ?? []), r]);
    }
    for (const [at, arrived] of arrivals) {
      const detail = [
        shipTs ? undefined : shipDetail,
        arrived.length < rows.length ? plural(arrived.length, 'line') : undefined,
        ...flags,
      ]
        .filter(Boolean)
        .join(' · ');
      add('delivered', at, `${name} delivered`, {
        ...(detail ? { detail } : {}),
        daysLate: daysAfter(at, promisedDelivery),
      });
    }
  }
  for (const r of returns) {
    const id = str(r.return_id);
    const name = id ? `Return ${id}` : 'Return';
    const reason = [str(r.reason_category)?.replaceAll('_', ' '), str(r.reason_code)]
      .filter(Boolean)
      .join(', code ');
    add('returned', r.return_ts, `${name} received`, {
      detail: [`${plural(num(r.qty_returned), 'unit')}${str(r.sku) ? ` of ${r.sku}` : ''}`, reason]
        .filter(Boolean)
        .join(' · '),
    });
    add('credited', r.credited_ts, `${name} credited`);
  }

  events.sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || eventRank[a.kind] - eventRank[b.kind],
  );
  let previous: number | undefined;
  return events.map((event) => {
    const at = Date.parse(event.at);
    const hours = event.planned || previous === undefined ? null : (at - previous) / 3_600_000;
    if (!event.planned) previous = at;
    const out: TimelineEvent = { ...event, hoursSincePrevious: hours };
    if (out.daysLate === undefined) delete out.daysLate;
    if (out.detail === undefined || out.detail === '') delete out.detail;
    return out;
  });
}

/** How the order counts in every order-level KPI: passed, failed, measured, excluded or not counted. */
async function kpiVerdicts(db: Database, orderId: string): Promise<OrderKpiVerdict[]> {
  const kpis = kpiCatalogue.filter((k) => k.base === 'kpi_order_facts' && k.kind !== 'input');
  const scoped = kpis.map((kpi) => scopedRowsSql(kpi, { filters: {} }));
  const parts = kpis.map((kpi, i) => {
    const value = kpi.kind === 'duration' ? `CAST((${kpi.value}) AS DOUBLE)` : 'NULL::DOUBLE';
    const failed = kpi.failure ? `coalesce((${kpi.failure}), false)` : 'false';
    return `SELECT ${i} AS k, _excluded AS excluded, ${value} AS value, ${failed} AS failed
              FROM (${scoped[i]!.sql}) WHERE order_id = $1`;
  });
  const rows = await db.read<{
    k: number;
    excluded: number | null;
    value: number | null;
    failed: boolean;
  }>(parts.join(' UNION ALL '), [orderId]);
  const byKpi = new Map(rows.map((r) => [r.k, r]));
  return kpis.map((kpi, i) => {
    const base = { id: kpi.id, name: kpi.name, unit: kpi.unit };
    const row = byKpi.get(i);
    if (!row) return { ...base, status: 'not_in_scope' };
    if (row.excluded !== null) {
      const reason = scoped[i]!.exclusions[row.excluded]?.reason;
      return { ...base, status: 'excluded', ...(reason ? { reason } : {}) };
    }
    if (kpi.kind === 'duration') return { ...base, status: 'measured', value: row.value };
    return { ...base, status: row.failed ? 'failed' : 'passed' };
  });
}
