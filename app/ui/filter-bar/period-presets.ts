/** Period presets of the filter bar, relative to the last order in the data (not to today). */

export interface PeriodPreset {
  id: string;
  label: string;
  from?: string;
  to?: string;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** All data, then the last 30 and 90 days, latest month and quarter, year to date, 12 months. */
export function periodPresets(lastDay: string | null): PeriodPreset[] {
  const all: PeriodPreset = { id: 'all', label: 'All data' };
  if (!lastDay || !/^\d{4}-\d{2}-\d{2}$/.test(lastDay)) return [all];
  const last = dayMs(lastDay);
  const d = new Date(last);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const quarterStart = Date.UTC(y, m - (m % 3), 1);
  return [
    all,
    { id: '30d', label: 'Last 30 days', from: iso(last - 29 * DAY), to: lastDay },
    { id: '90d', label: 'Last 90 days', from: iso(last - 89 * DAY), to: lastDay },
    { id: 'month', label: 'Latest month', from: iso(Date.UTC(y, m, 1)), to: lastDay },
    { id: 'quarter', label: 'Latest quarter', from: iso(quarterStart), to: lastDay },
    { id: 'ytd', label: 'Year to date', from: `${y}-01-01`, to: lastDay },
    {
      id: '12m',
      label: 'Last 12 months',
      from: iso(Date.UTC(y - 1, m, d.getUTCDate()) + DAY),
      to: lastDay,
    },
  ];
}

/** A date typed year first passes through 0002, 0020, 0202: apply only plausible years. */
export const plausibleDay = (value: string) => /^(19|20|21)\d{2}-\d{2}-\d{2}$/.test(value);
