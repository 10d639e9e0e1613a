/** Periods and count axes as the charts print them (server and client alike). */
import type { KpiUnit } from '@/lib/semantic/kpi';

export type { KpiUnit };
// Values and ticks come from the one KPI formatter; re-exported for the chart modules.
export {
  formatCount,
  formatKpiChange,
  formatKpiTick,
  formatKpiValue,
  formatPercent,
  formatPublishedFigure,
  unitSuffix,
} from './kpi-value';

export type ChartGrain = 'day' | 'week' | 'month' | 'quarter' | 'year';

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A period start (YYYY-MM-DD) named for its grain: "Mar 2025", "Q1 2025", "wk of 2025-03-03". */
export function periodLabel(period: string, grain: ChartGrain, long = false): string {
  const year = period.slice(0, 4);
  const month = Number(period.slice(5, 7));
  switch (grain) {
    case 'year':
      return year;
    case 'quarter':
      return `Q${Math.floor((month - 1) / 3) + 1} ${year}`;
    case 'month':
      return `${months[month - 1] ?? period.slice(5, 7)} ${year}`;
    case 'week':
      return long ? `Week of ${period}` : period.slice(5);
    default:
      return long ? period : period.slice(5);
  }
}

export const grainWords: Record<ChartGrain, string> = {
  day: 'daily',
  week: 'weekly',
  month: 'monthly',
  quarter: 'quarterly',
  year: 'yearly',
};

/** Round ticks from 0 to just above max, about `count` steps (1, 2, 2.5, 5 × 10^k). */
export function countTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power);
  const ticks: number[] = [];
  for (let t = 0; t < max + step; t += step) ticks.push(t);
  return ticks;
}
