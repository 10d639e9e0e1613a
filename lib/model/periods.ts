/** Calendar periods as the SQL groups them (date_trunc in UTC; weeks start on Monday). */
export type PeriodGrain = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** The first day after a period (its exclusive end, and the start of the next one). */
export function periodEnd(period: string, grain: PeriodGrain): string {
  const d = new Date(`${period}T00:00:00Z`);
  if (grain === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (grain === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else if (grain === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
  else if (grain === 'quarter') d.setUTCMonth(d.getUTCMonth() + 3);
  else d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}
