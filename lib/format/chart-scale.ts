/** Pure helpers of the trend chart: the y scale and the even time axis (testable without a DOM). */
import type { ChartGrain, KpiUnit } from './units';

export interface TrendPoint {
  period: string;
  value: number | null;
  n: number;
}

/**
 * A padded domain covering the values, the band edges and the target, never below 0 or above
 * 100 %, with round ticks at an even step.
 */
export function yScale(
  values: (number | null | undefined)[],
  unit: KpiUnit,
): { domain: [number, number]; ticks: number[] } {
  const known = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (!known.length) return { domain: [0, 1], ticks: [0, 1] };
  let lo = Math.min(...known);
  let hi = Math.max(...known);
  const span = hi - lo || Math.abs(hi) * 0.1 || 1;
  lo = Math.max(0, lo - span * 0.12);
  hi += span * 0.12;
  if (unit === 'percent') hi = Math.min(100, hi);
  const step = niceStep((hi - lo) / 5);
  const start = Math.floor(lo / step) * step;
  const end = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let t = start; t <= end + step / 2; t += step) ticks.push(Number(t.toFixed(6)));
  return { domain: [start, end], ticks };
}

function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
}

const MAX_FILLED = 1500;

/** The period after a period start, in UTC (weeks start on Monday, as in the SQL). */
function nextPeriod(period: string, grain: ChartGrain): string {
  const d = new Date(`${period}T00:00:00Z`);
  if (grain === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (grain === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else if (grain === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
  else if (grain === 'quarter') d.setUTCMonth(d.getUTCMonth() + 3);
  else d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Every period between the first and the last, the missing ones empty, so the time axis is even
 * and a gap in the data shows as a gap in the line.
 */
export function fillPeriods(points: TrendPoint[], grain: ChartGrain): TrendPoint[] {
  const all = [...points].sort((a, b) => a.period.localeCompare(b.period));
  // Periods before the first and after the last value carry nothing to draw: the axis starts
  // and ends where the KPI has values.
  const firstValued = all.findIndex((p) => p.value !== null);
  const lastValued = all.findLastIndex((p) => p.value !== null);
  const sorted = firstValued === -1 ? all : all.slice(firstValued, lastValued + 1);
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last) return sorted;
  const byPeriod = new Map(sorted.map((p) => [p.period, p]));
  const out: TrendPoint[] = [];
  for (let p = first.period; p <= last.period; p = nextPeriod(p, grain)) {
    out.push(byPeriod.get(p) ?? { period: p, value: null, n: 0 });
    if (out.length > MAX_FILLED) return sorted;
  }
  return out.length >= sorted.length ? out : sorted;
}
