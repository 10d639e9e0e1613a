/**
 * The period a report opens on when none is asked for: the last complete month (or quarter)
 * before the data's horizon, so the comparison with the one before is between two whole periods
 * and the report opens without a warning about a missing or partial comparison.
 */
import { dayBefore, isPartialPeriod } from '@/lib/kpi/horizon';
import { periodEnd } from '@/lib/model/periods';

export type DefaultGrain = 'month' | 'quarter';

export interface DefaultPeriod {
  from: string;
  to: string;
  grain: DefaultGrain;
}

/**
 * The last complete period at or before the horizon; null without data, or when the data starts
 * after that period ended (a first extract of a few days has no complete month yet).
 */
export function defaultReportPeriod(
  horizon: string | null,
  grain: DefaultGrain = 'month',
  firstOrder?: string | null,
): DefaultPeriod | null {
  if (!horizon) return null;
  let start = periodStart(horizon.slice(0, 10), grain);
  // The horizon's own period is partial unless the data runs to its very end.
  while (isPartialPeriod(start, grain, horizon)) start = periodStart(dayBefore(start), grain);
  const to = dayBefore(periodEnd(start, grain));
  if (firstOrder && firstOrder.slice(0, 10) > to) return null;
  return { from: start, to, grain };
}

function periodStart(day: string, grain: DefaultGrain): string {
  const month = Number(day.slice(5, 7));
  const first = grain === 'month' ? month : month - ((month - 1) % 3);
  return `${day.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
}
