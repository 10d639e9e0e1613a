import 'server-only';
/**
 * The working calendar as tables the order facts join (metrics/facts/order-facts.ts), built by the
 * writer just before the facts, in their transaction, from the calendar setting
 * (lib/settings/working-calendar.ts) and the data's date range:
 *
 * - kpi_working_days(day, working, working_index): every day from a month before the first order
 *   or shipment to a year after the last order, shipment or delivery. working_index counts the
 *   working days before the day, so a working day has its own number and a weekend or holiday the
 *   number of the next working day; working days between two days = the difference of their
 *   indexes.
 * - kpi_working_cutoffs(site, cutoff): the cut-off of each site named, and of every other site in
 *   the row without a site (none when no default cut-off is set).
 *
 * Static SQL; the calendar's values are bound.
 */
import type { Database } from '@/lib/db/database';
import { isoWeekdays, type WorkingCalendar } from '@/lib/settings/working-calendar';

const DAYS_SQL = `CREATE OR REPLACE TABLE kpi_working_days AS
WITH bounds AS (
  SELECT least((SELECT min(order_ts) FROM orders), (SELECT min(ship_ts) FROM shipments))::DATE - 31 AS first_day,
         greatest((SELECT max(order_ts) FROM orders),
                  (SELECT max(greatest(ship_ts, delivered_ts)) FROM shipments))::DATE + 366 AS last_day
),
span AS (
  SELECT unnest(generate_series(first_day::TIMESTAMP, last_day::TIMESTAMP, INTERVAL 1 DAY))::DATE AS day
    FROM bounds WHERE first_day IS NOT NULL
),
flagged AS (
  SELECT day,
         list_contains(string_split($1, ','), isodow(day)::VARCHAR)
           AND NOT list_contains(string_split($2, ','), strftime(day, '%Y-%m-%d')) AS working
    FROM span
)
SELECT day, working,
       (sum(working::INTEGER) OVER (ORDER BY day) - working::INTEGER)::INTEGER AS working_index
  FROM flagged ORDER BY day`;

/** Build the calendar tables inside the writer's transaction (the facts' rebuild). */
export async function buildWorkingDaysIn(tx: Database, calendar: WorkingCalendar): Promise<void> {
  await tx.run(DAYS_SQL, [isoWeekdays(calendar).join(','), calendar.holidays.join(',')]);
  await tx.run('CREATE OR REPLACE TABLE kpi_working_cutoffs (site VARCHAR, cutoff TIME)');
  if (calendar.cutoff)
    await tx.run('INSERT INTO kpi_working_cutoffs VALUES (NULL, $1::TIME)', [calendar.cutoff]);
  for (const [site, cutoff] of Object.entries(calendar.sites))
    await tx.run('INSERT INTO kpi_working_cutoffs VALUES ($1, $2::TIME)', [site, cutoff]);
}
