import 'server-only';
/** One order by id: its lines, shipments, returns, timeline, and how it counts in each KPI. */
import type { Database } from '@/lib/db/database';
import { scopedRowsSql } from '@/lib/kpi/compile';
import { engineCatalogue } from '@/lib/kpi/engine';
import { factsVersion } from '@/lib/kpi/facts';
import type { KpiUnit } from '@/lib/semantic/kpi';
import { statusSql } from './list';
import type { OrderStatus } from './query';
import { timelineOf, type TimelineEvent } from './timeline';

type Row = Record<string, unknown>;

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

export async function getOrder(db: Database, orderId: string): Promise<OrderDetail | undefined> {
  if (!orderId || orderId.length > 200) return undefined;
  await factsVersion(db);
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

async function kpiVerdicts(db: Database, orderId: string): Promise<OrderKpiVerdict[]> {
  const kpis = engineCatalogue().kpis.filter(
    (k) => k.base === 'kpi_order_facts' && k.kind !== 'input',
  );
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
