import 'server-only';
/** Order ↔ shipment reconciliation: data-quality counts to check before trusting any KPI. */
import type { Database } from '@/lib/db/database';

export interface ReconciliationCheck {
  id: string;
  label: string;
  count: number;
}

const checks: { id: string; label: string; sql: string }[] = [
  {
    id: 'orders_without_shipment',
    label: 'Open orders with no shipment',
    sql: `SELECT count(*) FROM orders o WHERE NOT (o.cancelled_ts IS NOT NULL OR coalesce(o.status = 'cancelled', false))
            AND NOT EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = o.order_id)`,
  },
  {
    id: 'shipments_without_order',
    label: 'Shipment lines whose order is not loaded',
    sql: `SELECT count(*) FROM shipments s WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.order_id = s.order_id)`,
  },
  {
    id: 'shipments_without_line',
    label: 'Shipment lines matching no order line (by line number or SKU)',
    sql: `SELECT count(*) FROM shipments s
           WHERE s.order_id IN (SELECT order_id FROM order_lines)
             AND NOT (s.line_no IS NOT NULL AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = s.order_id AND l.line_no = s.line_no))
             AND NOT (s.line_no IS NULL AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = s.order_id AND l.sku = s.sku))`,
  },
  {
    id: 'over_shipped_lines',
    label: 'Order lines shipped beyond their ordered quantity',
    sql: `SELECT count(*) FROM (
            SELECT l.order_id, l.line_no, any_value(l.qty_ordered) AS ordered, sum(s.qty_shipped) AS shipped
              FROM order_lines l JOIN shipments s ON s.order_id = l.order_id AND s.line_no = l.line_no
             GROUP BY l.order_id, l.line_no) WHERE shipped > ordered`,
  },
  {
    id: 'cancelled_with_shipment',
    label: 'Cancelled orders that have a shipment',
    sql: `SELECT count(*) FROM orders o WHERE (o.cancelled_ts IS NOT NULL OR coalesce(o.status = 'cancelled', false))
            AND EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = o.order_id)`,
  },
  {
    id: 'returns_without_order',
    label: 'Returns whose order is not loaded',
    sql: `SELECT count(*) FROM returns r WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.order_id = r.order_id)`,
  },
];

export async function reconcile(db: Database): Promise<ReconciliationCheck[]> {
  const sql = checks.map((c, i) => `(${c.sql}) AS c${i}`).join(', ');
  const row = (await db.read(`SELECT ${sql}`))[0] ?? {};
  return checks.map((c, i) => ({ id: c.id, label: c.label, count: Number(row[`c${i}`] ?? 0) }));
}
