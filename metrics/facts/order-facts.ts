/**
 * Row-level preparation shared by every order-level KPI: one row per order with its first and final
 * ship dates, completeness, delivery, fill on the first ship date, returns and error flags. KPIs hold
 * only aggregates over these columns. Status rules: ../shared/reference/kpi-catalogue.md.
 *
 * Shipments match order lines by line number, or by SKU when the shipment has no line number.
 * Shipped on the first ship date means shipped on the same calendar day as the order's first
 * shipment. A return is a fulfilment error when its category is damaged, wrong_item,
 * wrong_quantity or documentation.
 *
 * Working days count on the working calendar's tables, which the engine builds from the calendar
 * setting before these facts (lib/kpi/working-days.ts): kpi_working_days (each day's working index:
 * the working days before it, so a weekend or holiday shares the next working day's) and
 * kpi_working_cutoffs (per site, and the row without a site for every other).
 */
import { orderProvenanceCtes, provenanceFactColumns } from '@/lib/kpi/provenance-sql';
import { defineFactTable } from '@/lib/semantic/facts';

/**
 * Working days from the order's start to the day joined as `end` (a kpi_working_days alias). A
 * working day's index counts the working days before it, and a non-working day has the next working
 * day's: one is added to the start only for a working day whose order came after the cut-off.
 */
const workingDaysTo = (end: string) => `CASE WHEN wo.day IS NOT NULL AND ${end}.day IS NOT NULL
            THEN greatest(0, ${end}.working_index - wo.working_index
                 - CASE WHEN wo.working AND o.order_ts::TIME > coalesce(cs.cutoff, cd.cutoff) THEN 1 ELSE 0 END)::INTEGER
            END`;

export const orderFacts = defineFactTable({
  name: 'kpi_order_facts',
  rowPer: 'order',
  description: 'One row per order, with what happened to it: shipped, filled, delivered, returned.',
  with: `${orderProvenanceCtes},
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
),
-- The cut-off of sites the calendar does not name: exactly one row, NULL when there is none.
cutoff_default AS (SELECT max(cutoff) AS cutoff FROM kpi_working_cutoffs WHERE site IS NULL)`,
  from: `orders o
  LEFT JOIN ship sh ON sh.order_id = o.order_id
  LEFT JOIN lines li ON li.order_id = o.order_id
  LEFT JOIN ret r ON r.order_id = o.order_id
  LEFT JOIN days d ON d.order_id = o.order_id
  LEFT JOIN prov pv ON pv.order_id = o.order_id
  LEFT JOIN kpi_working_days wo ON wo.day = o.order_ts::DATE
  LEFT JOIN kpi_working_days wf ON wf.day = sh.final_ship_ts::DATE
  LEFT JOIN kpi_working_days wd ON wd.day = sh.final_delivered_ts::DATE
  LEFT JOIN kpi_working_cutoffs cs ON cs.site = coalesce(o.site, sh.ship_site)
  CROSS JOIN cutoff_default cd`,
  columns: [
    {
      name: 'order_id',
      type: 'VARCHAR',
      kind: 'id',
      label: 'Order',
      description: 'The order number',
      sql: 'o.order_id',
    },
    {
      name: 'order_ts',
      type: 'TIMESTAMP',
      kind: 'datetime',
      label: 'Placed',
      description: 'Order received or placed',
      sql: 'o.order_ts',
    },
    {
      name: 'customer_id',
      type: 'VARCHAR',
      kind: 'text',
      label: 'Customer',
      description: 'The ordering customer',
      sql: 'o.customer_id',
    },
    {
      name: 'channel',
      type: 'VARCHAR',
      kind: 'text',
      label: 'Channel',
      description: 'The sales channel',
      sql: 'o.channel',
    },
    {
      name: 'site',
      type: 'VARCHAR',
      kind: 'text',
      label: 'Site',
      description: "Ship-from site: the order's own, else its first shipment's",
      sql: 'coalesce(o.site, sh.ship_site)',
    },
    {
      name: 'region',
      type: 'VARCHAR',
      kind: 'text',
      label: 'Region',
      description: 'Customer region',
      sql: 'o.region',
    },
    {
      name: 'customer_group',
      type: 'VARCHAR',
      kind: 'text',
      label: 'Customer group',
      description: "The customer's group or segment, as the extract names it (team rules match it)",
      sql: 'o.customer_group',
    },
    {
      name: 'carrier',
      type: 'VARCHAR',
      kind: 'text',
      label: 'Carrier',
      description: 'Carrier of the first shipment',
      sql: 'sh.carrier',
    },
    {
      name: 'ship_mode',
      type: 'VARCHAR',
      kind: 'text',
      label: 'Ship mode',
      description: 'Ship mode of the first shipment',
      sql: 'sh.ship_mode',
    },
    {
      name: 'entered_ts',
      type: 'TIMESTAMP',
      kind: 'datetime',
      label: 'Entered',
      description: 'Entered in the ERP',
      sql: 'o.entered_ts',
    },
    {
      name: 'released_ts',
      type: 'TIMESTAMP',
      kind: 'datetime',
      label: 'Released',
      description: 'Released to the warehouse',
      sql: 'o.released_ts',
    },
    {
      name: 'promised_ship_ts',
      type: 'TIMESTAMP',
      kind: 'day',
      label: 'Promised ship',
      description: "The promised ship date: the order's, else its earliest line's",
      sql: 'coalesce(o.promised_ship_ts, li.promised_ship_ts)',
    },
    {
      name: 'promised_delivery_ts',
      type: 'TIMESTAMP',
      kind: 'day',
      label: 'Promised delivery',
      description: "The promised delivery date: the order's, else its earliest line's",
      sql: 'coalesce(o.promised_delivery_ts, li.promised_delivery_ts)',
    },
    {
      name: 'requested_delivery_ts',
      type: 'TIMESTAMP',
      kind: 'day',
      label: 'Requested delivery',
      description: 'The delivery date the customer asked for',
      sql: 'o.requested_delivery_ts',
    },
    {
      name: 'cancelled',
      type: 'BOOLEAN',
      kind: 'flag',
      label: 'Cancelled',
      description: 'The order has a cancellation date or the status cancelled',
      sql: `(o.cancelled_ts IS NOT NULL OR coalesce(o.status = 'cancelled', false))`,
    },
    {
      name: 'shipped',
      type: 'BOOLEAN',
      kind: 'flag',
      label: 'Shipped',
      description: 'Something of the order has shipped',
      sql: 'sh.order_id IS NOT NULL',
    },
    {
      name: 'first_ship_ts',
      type: 'TIMESTAMP',
      kind: 'datetime',
      label: 'First shipped',
      description: 'The earliest shipment',
      sql: 'sh.first_ship_ts',
    },
    {
      name: 'final_ship_ts',
      type: 'TIMESTAMP',
      kind: 'datetime',
      label: 'Final shipped',
      description: 'The latest shipment',
      sql: 'sh.final_ship_ts',
    },
    {
      name: 'working_days_to_final_ship',
      type: 'INTEGER',
      kind: 'count',
      label: 'Working days to ship',
      description:
        "Working days from the order's start (its day if a working day and at or before its site's cut-off, else the next working day) to its final ship day (a weekend or holiday counts as the next working day); never below 0",
      sql: workingDaysTo('wf'),
    },
    {
      name: 'working_days_to_delivery',
      type: 'INTEGER',
      kind: 'count',
      label: 'Working days to delivery',
      description:
        "Working days from the order's start (as for shipping) to its final delivery day, once the order is delivered in full (a weekend or holiday counts as the next working day); never below 0",
      sql: `CASE WHEN sh.order_id IS NOT NULL AND coalesce(li.all_lines_complete, true) AND sh.undelivered_rows = 0
            THEN ${workingDaysTo('wd')} END`,
    },
    {
      name: 'ship_dates',
      type: 'BIGINT',
      kind: 'count',
      label: 'Ship dates',
      description: 'Calendar days with a shipment',
      sql: 'd.ship_dates',
    },
    {
      name: 'has_lines',
      type: 'BOOLEAN',
      kind: 'flag',
      label: 'Has lines',
      description: 'The order has order lines',
      sql: 'li.order_id IS NOT NULL',
    },
    {
      name: 'complete',
      type: 'BOOLEAN',
      kind: 'flag',
      label: 'Complete',
      description:
        'Shipped, and every line shipped in full (an order without lines counts as complete once shipped)',
      sql: 'sh.order_id IS NOT NULL AND coalesce(li.all_lines_complete, true)',
    },
    {
      name: 'delivered',
      type: 'BOOLEAN',
      kind: 'flag',
      label: 'Delivered',
      description: 'Complete, and every shipment delivered',
      sql: 'sh.order_id IS NOT NULL AND coalesce(li.all_lines_complete, true) AND sh.undelivered_rows = 0',
    },
    {
      name: 'delivered_ts',
      type: 'TIMESTAMP',
      kind: 'datetime',
      label: 'Delivered',
      description: 'Final delivery, once the order is delivered in full',
      sql: `CASE WHEN sh.order_id IS NOT NULL AND coalesce(li.all_lines_complete, true) AND sh.undelivered_rows = 0
            THEN sh.final_delivered_ts END`,
    },
    {
      name: 'lines',
      type: 'BIGINT',
      kind: 'count',
      label: 'Lines',
      description: 'Order lines',
      sql: 'li.lines',
    },
    {
      name: 'lines_filled_first',
      type: 'BIGINT',
      kind: 'count',
      label: 'Lines filled first',
      description: 'Lines shipped in full on the first ship date',
      sql: 'li.lines_filled_first',
    },
    {
      name: 'filled_first',
      type: 'BOOLEAN',
      kind: 'flag',
      label: 'Filled first',
      description: 'Every line shipped in full on the first ship date',
      sql: 'li.filled_first',
    },
    {
      name: 'units_due',
      type: 'DOUBLE',
      kind: 'quantity',
      label: 'Units due',
      description: 'Ordered less cancelled, over all lines',
      sql: 'li.units_due',
    },
    {
      name: 'units_filled_first',
      type: 'DOUBLE',
      kind: 'quantity',
      label: 'Units filled first',
      description: 'Units shipped on the first ship date, up to the units due per line',
      sql: 'li.units_filled_first',
    },
    {
      name: 'qty_shipped',
      type: 'DOUBLE',
      kind: 'quantity',
      label: 'Units shipped',
      description: 'Units shipped, over all shipments',
      sql: 'sh.qty_shipped',
    },
    {
      name: 'returned',
      type: 'BOOLEAN',
      kind: 'flag',
      label: 'Returned',
      description: 'The order has a return',
      sql: 'coalesce(r.return_rows, 0) > 0',
    },
    {
      name: 'qty_returned',
      type: 'DOUBLE',
      kind: 'quantity',
      label: 'Units returned',
      description: 'Units returned, over all returns',
      sql: 'r.qty_returned',
    },
    {
      name: 'error_return',
      type: 'BOOLEAN',
      kind: 'flag',
      label: 'Error return',
      description: 'Returned as damaged, wrong item, wrong quantity or documentation',
      sql: 'coalesce(r.error_return, false)',
    },
    {
      name: 'damaged',
      type: 'BOOLEAN',
      kind: 'flag',
      label: 'Damaged',
      description: 'A shipment or a return says damaged',
      sql: 'coalesce(sh.damaged_shipment, false) OR coalesce(r.damaged_return, false)',
    },
    {
      name: 'documentation_error',
      type: 'BOOLEAN',
      kind: 'flag',
      label: 'Doc. error',
      description: 'A shipment or a return says documentation error',
      sql: 'coalesce(sh.documentation_error_shipment, false) OR coalesce(r.documentation_return, false)',
    },
    ...provenanceFactColumns('pv'),
  ],
  drillColumns: [
    'order_id',
    'order_ts',
    'customer_id',
    'channel',
    'site',
    'region',
    'carrier',
    'ship_mode',
    'released_ts',
    'promised_ship_ts',
    'first_ship_ts',
    'final_ship_ts',
    'promised_delivery_ts',
    'requested_delivery_ts',
    'delivered_ts',
    'lines',
    'lines_filled_first',
    'units_due',
    'units_filled_first',
    'ship_dates',
    'complete',
    'returned',
    'error_return',
    'damaged',
    'documentation_error',
  ],
});
