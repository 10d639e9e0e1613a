/**
 * The data's horizon: the latest event the loaded files record. A period that ends after it is not
 * over in the data (a half-filled last month, a quarter with no deliveries yet), so its value is
 * partial and must not be read as a complete period's. Orders still open at the horizon will land
 * in a duration KPI's last period later: that period is still maturing.
 */
import { perVersion } from '@/lib/db/per-version';
import { periodEnd } from '@/lib/model/periods';
import type { Grain } from './filters';

/**
 * Every event time a KPI can be attributed by, so no period of a series lies after the horizon.
 * Promised and requested dates are plans, not events, and are left out. Raw tables rather than the
 * facts: a partial delivery or a cancellation is an event the facts do not keep as a column.
 */
const HORIZON_SQL = `
  SELECT strftime(greatest(
           (SELECT greatest(max(order_ts), max(entered_ts), max(released_ts), max(cancelled_ts)) FROM orders),
           (SELECT greatest(max(ship_ts), max(delivered_ts)) FROM shipments),
           (SELECT greatest(max(authorised_ts), max(return_ts), max(inspected_ts), max(disposition_ts), max(credited_ts)) FROM returns)
         ), '%Y-%m-%dT%H:%M:%S') AS horizon`;

/**
 * The horizon (YYYY-MM-DDTHH:MM:SS, or null without data), read once per data version: a handful
 * of column maxima, reused by every query until a load or an undo changes the version.
 */
export const dataHorizon = perVersion('data-horizon', (db) =>
  db.read<{ horizon: string | null }>(HORIZON_SQL).then(([row]) => row?.horizon ?? null),
);

/**
 * Whether a period (or a range ending on `lastDay`'s end) runs past the horizon. Strict: with
 * date-only data the horizon's own day is partial too, since nothing says the extract covered all
 * of it.
 */
export function endsAfterHorizon(exclusiveEnd: string, horizon: string | null): boolean {
  return horizon !== null && `${exclusiveEnd}T00:00:00` > horizon;
}

export function isPartialPeriod(period: string, grain: Grain, horizon: string | null): boolean {
  return endsAfterHorizon(periodEnd(period, grain), horizon);
}

/** The day before a day (YYYY-MM-DD): the inclusive last day of a period that ends there. */
export function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The day after an inclusive last day (YYYY-MM-DD). */
export function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * Per as-of (end) event of a duration: the facts condition of a row whose end has not happened
 * yet. A later event implies the earlier ones: a shipped order was released even when the file has
 * no release date, so it is not waiting for one.
 */
const stillOpen = {
  entered_ts: 'entered_ts IS NULL AND released_ts IS NULL AND NOT shipped',
  released_ts: 'released_ts IS NULL AND NOT shipped',
  first_ship_ts: 'NOT shipped',
  final_ship_ts: 'NOT complete',
  delivered_ts: 'NOT delivered',
  credited_ts: 'credited_ts IS NULL',
  inspected_ts: 'inspected_ts IS NULL AND disposition_ts IS NULL',
  disposition_ts: 'disposition_ts IS NULL',
} as const;

export type OpenCondition = (typeof stillOpen)[keyof typeof stillOpen];

/** The open-row condition of an as-of column, or undefined when it has none we know. */
export function openConditionOf(asOf: string): OpenCondition | undefined {
  return Object.hasOwn(stillOpen, asOf) ? stillOpen[asOf as keyof typeof stillOpen] : undefined;
}

/** The horizon as people read it: "2024-03-15 12:00", or the day alone for date-only data. */
export function horizonText(horizon: string): string {
  return horizon.endsWith('T00:00:00')
    ? horizon.slice(0, 10)
    : horizon.slice(0, 16).replace('T', ' ');
}

/** The note of a comparison whose current range runs past the horizon, or undefined. */
export function partialRangeNote(to: string, horizon: string | null): string | undefined {
  if (!endsAfterHorizon(dayAfter(to), horizon)) return undefined;
  return `The range runs to ${to} but the data ends at ${horizonText(horizon!)}: its value holds only what had happened by then, so the change is not between complete periods.`;
}
