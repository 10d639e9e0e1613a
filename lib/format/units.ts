/** Values, axis ticks and periods as the charts print them (server and client alike). */
import type { KpiUnit } from '@/lib/kpi/define';

export type { KpiUnit };

const suffix: Record<KpiUnit, string> = {
  percent: ' %',
  hours: ' h',
  days: ' d',
  orders_per_fte: ' orders/FTE',
  currency_per_order: ' per order',
};

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** The precision of the KPI table: 1 decimal for rates, 2 below 10 for durations. */
export function formatValue(value: number | null | undefined, unit: KpiUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const digits = unit === 'percent' ? 1 : Math.abs(value) < 10 ? 2 : Math.abs(value) < 1000 ? 1 : 0;
  const text = digits === 0 ? grouped.format(value) : value.toFixed(digits);
  return `${text}${suffix[unit]}`;
}

const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** Shorter, for axis ticks: at most one decimal, whole numbers from 100 up. */
export function formatTick(value: number, unit: KpiUnit): string {
  const shown = Math.abs(value) >= 100 ? grouped.format(value) : oneDecimal.format(value);
  const short = unit === 'percent' || unit === 'hours' || unit === 'days' ? suffix[unit] : '';
  return `${shown}${short}`;
}

/** A plain count with thousands separators. */
export const formatCount = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : grouped.format(n);

export const formatPercent = (share: number | null | undefined, digits = 1) =>
  share === null || share === undefined || !Number.isFinite(share)
    ? '—'
    : `${share.toFixed(digits)} %`;

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

/** The suffix the value carries (" %", " h", " d"), for texts built from raw numbers. */
export const unitSuffix = (unit: KpiUnit) => suffix[unit];

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
