/**
 * Row-level preparation shared by every KPI: one row per order with its first and final ship
 * dates, completeness, delivery, fill on the first ship date, returns and error flags. KPIs hold
 * only aggregates over these columns. Status rules: ../shared/reference/kpi-catalogue.md.
 *
 * Shipments match order lines by line number, or by SKU when the shipment has no line number.
 * Shipped on the first ship date means shipped on the same calendar day as the order's first
 * shipment. A return is a fulfilment error when its category is damaged, wrong_item,
 * wrong_quantity or documentation.
 */
import { orderProvenanceCtes, provenanceColumns, provenanceCtes } from './provenance';

/**
 * The shape of the fact tables: part of their stored version, so that a database built before a
 * change of their columns rebuilds them.
 */
export const factsShape = 'provenance-2';

export const orderFactsSql = `
CREATE OR REPLACE TABLE kpi_order_facts AS
WITH ${orderProvenanceCtes},
-- One pass over the shipments per order. Materialised: both the line fill and the order row read
-- it. The carrier, mode and site are those of the order's earliest shipment event with a value.
ship AS MATERIALIZED (
  SELECT order_id,
         min(ship_ts) AS first_ship_ts,
         max(ship_ts) AS final_ship_ts,
         count(*) FILTER (WHERE delivered_ts IS NULL) AS undelivered_rows,
         max(delivered_ts) AS final_delivered_ts,
         bool_or(coalesce(damaged, false)) AS damaged_shipment,
         bool_or(coalesce(documentation_error, false)) AS documentation_error_shipment,
         arg_min(carrier, coalesce(ship_ts, delivered_ts)) AS carrier,
         arg_min(ship_mode, coalesce(ship_ts, delivered_ts)) AS ship_mode,
         arg_min(site, coalesce(ship_ts, delivered_ts)) AS ship_site,
         sum(qty_shipped) AS qty_shipped
    FROM shipments GROUP BY order_id
),
-- Ship days per order: the distinct (order, day) pairs, then a plain count. Cheaper than
-- count(DISTINCT …) in the pass above, and than grouping every shipment aggregate per order and day
-- first and again per order.
days AS (
  SELECT order_id, count(ship_day) AS ship_dates
    FROM (SELECT DISTINCT order_id, ship_ts::DATE AS ship_day FROM shipments) GROUP BY order_id
),
-- Shipment quantities per line: by line number, or by SKU when the shipment has none. Two equi-joins
-- instead of one join on an OR, which DuckDB could not hash.
line_shipped AS (
  SELECT s.order_id, s.line_no, s.ship_ts, s.qty_shipped FROM shipments s WHERE s.line_no IS NOT NULL
  UNION ALL
  SELECT l.order_id, l.line_no, s.ship_ts, s.qty_shipped
    FROM shipments s JOIN order_lines l ON l.order_id = s.order_id AND l.sku = s.sku
   WHERE s.line_no IS NULL
),
-- Shipped per line (in total and on the order's first ship day), then joined to the lines: grouping
-- the shipments by line alone is cheaper than grouping the joined lines by all their columns.
line_qty AS (
  SELECT s.order_id, s.line_no,
         sum(s.qty_shipped) AS shipped_total,
         sum(s.qty_shipped) FILTER (WHERE s.ship_ts::DATE = sh.first_ship_ts::DATE) AS shipped_first
    FROM line_shipped s JOIN ship sh ON sh.order_id = s.order_id
   GROUP BY s.order_id, s.line_no
),
line_ship AS (
  SELECT l.order_id, l.line_no,
         greatest(l.qty_ordered - coalesce(l.qty_cancelled, 0), 0) AS qty_due,
         coalesce(q.shipped_total, 0) AS shipped_total,
         coalesce(q.shipped_first, 0) AS shipped_first,
         l.promised_ship_ts,
         l.promised_delivery_ts
    FROM order_lines l
    LEFT JOIN line_qty q ON q.order_id = l.order_id AND q.line_no = l.line_no
),
lines AS (
  SELECT order_id,
         count(*) AS lines,
         bool_and(shipped_total >= qty_due) AS all_lines_complete,
         bool_and(shipped_first >= qty_due) AS filled_first,
         count(*) FILTER (WHERE shipped_first >= qty_due) AS lines_filled_first,
         sum(qty_due) AS units_due,
         sum(least(shipped_first, qty_due)) AS units_filled_first,
         min(promised_ship_ts) AS promised_ship_ts,
         min(promised_delivery_ts) AS promised_delivery_ts
    FROM line_ship GROUP BY order_id
),
ret AS (
  SELECT order_id,
         count(*) AS return_rows,
         sum(qty_returned) AS qty_returned,
         count(reason_category) AS categorised_returns,
         bool_or(reason_category IN ('damaged', 'wrong_item', 'wrong_quantity', 'documentation')) AS error_return,
         bool_or(reason_category = 'damaged') AS damaged_return,
         bool_or(reason_category = 'documentation') AS documentation_return
    FROM returns GROUP BY order_id
)
SELECT o.order_id,
       o.order_ts,
       o.customer_id,
       o.channel,
       coalesce(o.site, sh.ship_site) AS site,
       o.region,
       sh.carrier,
       sh.ship_mode,
       o.entered_ts,
       o.released_ts,
       coalesce(o.promised_ship_ts, li.promised_ship_ts) AS promised_ship_ts,
       coalesce(o.promised_delivery_ts, li.promised_delivery_ts) AS promised_delivery_ts,
       o.requested_delivery_ts,
       (o.cancelled_ts IS NOT NULL OR coalesce(o.status = 'cancelled', false)) AS cancelled,
       sh.order_id IS NOT NULL AS shipped,
       sh.first_ship_ts,
       sh.final_ship_ts,
       d.ship_dates,
       li.order_id IS NOT NULL AS has_lines,
       sh.order_id IS NOT NULL AND coalesce(li.all_lines_complete, true) AS complete,
       sh.order_id IS NOT NULL AND coalesce(li.all_lines_complete, true) AND sh.undelivered_rows = 0 AS delivered,
       CASE WHEN sh.order_id IS NOT NULL AND coalesce(li.all_lines_complete, true) AND sh.undelivered_rows = 0
            THEN sh.final_delivered_ts END AS delivered_ts,
       li.lines,
       li.lines_filled_first,
       li.filled_first,
       li.units_due,
       li.units_filled_first,
       sh.qty_shipped,
       coalesce(r.return_rows, 0) > 0 AS returned,
       r.qty_returned,
       coalesce(r.error_return, false) AS error_return,
       coalesce(sh.damaged_shipment, false) OR coalesce(r.damaged_return, false) AS damaged,
       coalesce(sh.documentation_error_shipment, false) OR coalesce(r.documentation_return, false) AS documentation_error,
       ${provenanceColumns('pv')}
  FROM orders o
  LEFT JOIN ship sh ON sh.order_id = o.order_id
  LEFT JOIN lines li ON li.order_id = o.order_id
  LEFT JOIN ret r ON r.order_id = o.order_id
  LEFT JOIN days d ON d.order_id = o.order_id
  LEFT JOIN prov pv ON pv.order_id = o.order_id
`;

/** One row per return, with the dimensions of its order, for return-level KPIs. */
export const returnFactsSql = `
CREATE OR REPLACE TABLE kpi_return_facts AS
WITH ${provenanceCtes}
SELECT r.return_id, r.order_id, r.line_no, r.sku, r.qty_returned, r.return_ts, r.credited_ts,
       r.reason_code, r.reason_category, r.return_value,
       f.order_ts, f.customer_id, f.channel, f.site, f.region, f.carrier, f.ship_mode, f.cancelled,
       ${provenanceColumns('pl')}
  FROM returns r LEFT JOIN kpi_order_facts f ON f.order_id = r.order_id
  LEFT JOIN prov_loads pl ON pl.load_id = r.load_id AND pl.table_name = 'returns'
`;
