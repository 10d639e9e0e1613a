import 'server-only';
/**
 * Why goods come back: returns counted by reason category and by the raw reason code, most
 * frequent first, with each reason's share and the cumulative share (a Pareto). Returns are
 * attributed to their return date; returns of cancelled orders are left out (as in the returns
 * processing cycle time) and counted apart.
 */
import type { Database } from '@/lib/db/database';
import { readPerVersion } from '@/lib/db/per-version';
import { factsVersion } from './facts';
import { filterConditions, type Filters } from './filters';

export interface ReasonCount {
  /** The category or code; null when the extract left it blank. */
  reason: string | null;
  /** Return lines with this reason. */
  count: number;
  /** Units returned with this reason. */
  units: number;
  /** Share of all counted return lines, 0–100. */
  share: number;
  /** Share of this reason and every more frequent one, 0–100. */
  cumulativeShare: number;
}

export interface ReasonCodeCount extends ReasonCount {
  /** The category the code is filed under (the most frequent one, if it varies). */
  category: string | null;
}

export interface ReturnReasons {
  /** Return lines counted. */
  total: number;
  /** Units on those lines. */
  units: number;
  byCategory: ReasonCount[];
  byCode: ReasonCodeCount[];
  /** Return lines of cancelled orders in the same scope, not counted above. */
  cancelledOrderReturns: number;
}

/** One return line of an order, for the drill-through of returned orders. */
export interface OrderReturnLine {
  orderId: string;
  returnId: string;
  sku: string | null;
  qty: number | null;
  returnTs: string | null;
  reasonCode: string | null;
  reasonCategory: string | null;
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Counts by reason category and by reason code, for the returns in scope. */
export async function returnReasons(db: Database, filters: Filters = {}): Promise<ReturnReasons> {
  const version = await factsVersion(db);
  const where = filterConditions(filters, 'return_ts', 'kpi_return_facts');
  // Kept per facts version: the returns page asks the same on every view.
  const read = (sql: string) => readPerVersion(db, version, sql, where.params);
  const scope = `FROM kpi_return_facts WHERE ${where.sql}`;
  const counted = 'NOT coalesce(cancelled, false)';
  const [categories, codes, totals] = await Promise.all([
    read(
      `SELECT reason_category AS reason, count(*) AS count, coalesce(sum(qty_returned), 0) AS units
         ${scope} AND ${counted}
        GROUP BY 1 ORDER BY count DESC, reason NULLS LAST`,
    ),
    read(
      `SELECT reason_code AS reason, mode(reason_category) AS category, count(*) AS count,
              coalesce(sum(qty_returned), 0) AS units
         ${scope} AND ${counted}
        GROUP BY 1 ORDER BY count DESC, reason NULLS LAST`,
    ),
    read(
      `SELECT count(*) FILTER (WHERE ${counted}) AS total,
              coalesce(sum(qty_returned) FILTER (WHERE ${counted}), 0) AS units,
              count(*) FILTER (WHERE NOT (${counted})) AS cancelled
         ${scope}`,
    ),
  ]);
  const total = num(totals[0]?.total);
  const pareto = (rows: Record<string, unknown>[]) => {
    let running = 0;
    return rows.map((row) => {
      const count = num(row.count);
      running += count;
      return {
        reason: text(row.reason),
        count,
        units: num(row.units),
        share: total ? (100 * count) / total : 0,
        cumulativeShare: total ? (100 * running) / total : 0,
      };
    });
  };
  return {
    total,
    units: num(totals[0]?.units),
    byCategory: pareto(categories),
    byCode: pareto(codes).map((row, i) => ({ ...row, category: text(codes[i]?.category) })),
    cancelledOrderReturns: num(totals[0]?.cancelled),
  };
}

/** The return lines of some orders (at most 500 orders), to explain why they count as returned. */
export async function returnLinesOfOrders(
  db: Database,
  orderIds: string[],
): Promise<OrderReturnLine[]> {
  const ids = [...new Set(orderIds)].slice(0, 500);
  if (!ids.length) return [];
  const rows = await readPerVersion(
    db,
    await factsVersion(db),
    `SELECT order_id, return_id, sku, qty_returned, return_ts, reason_code, reason_category
       FROM kpi_return_facts WHERE order_id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')})
      ORDER BY order_id, return_ts, return_id`,
    ids,
  );
  return rows.map((r) => ({
    orderId: String(r.order_id),
    returnId: String(r.return_id),
    sku: text(r.sku),
    qty: r.qty_returned === null || r.qty_returned === undefined ? null : Number(r.qty_returned),
    returnTs: text(r.return_ts),
    reasonCode: text(r.reason_code),
    reasonCategory: text(r.reason_category),
  }));
}
