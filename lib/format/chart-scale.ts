/** Pure helpers of the trend chart: the y scale and the even time axis (testable without a DOM). */
import { periodEnd } from '@/lib/model/periods';
import type { KpiUnit } from './units';
import type { PeriodGrain as ChartGrain } from '@/lib/model/periods';

export interface TrendPoint {
  period: string;
  value: number | null;
  n: number;
  /** The period ends after the data's horizon (lib/kpi/horizon.ts): drawn and named apart. */
  partial?: boolean;
  /** Durations: rows still open at the horizon that the period may yet take in. */
  maturing?: number;
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
  for (let p = first.period; p <= last.period; p = periodEnd(p, grain)) {
    out.push(byPeriod.get(p) ?? { period: p, value: null, n: 0 });
    if (out.length > MAX_FILLED) return sorted;
  }
  return out.length >= sorted.length ? out : sorted;
}
