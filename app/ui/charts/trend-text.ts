/** A trend in words: the summary a trend chart is described by; its target and period states. */
import { capitalise } from '@/lib/format/labels';
import type { ChartBandSet } from './bands';
import type { TrendPoint } from './scale';
import {
  formatCount,
  formatKpiValue,
  grainWords,
  periodLabel,
  type ChartGrain,
  type KpiUnit,
} from './units';

export function targetWord(value: number | null, target: number, direction: 'higher' | 'lower') {
  if (value === null) return '—';
  const met = direction === 'higher' ? value >= target : value <= target;
  return met ? 'met' : 'missed';
}

/** A partial period in words: "partial", with the rows still open for a duration. */
export function periodState(r: TrendPoint): string {
  if (!r.partial) return 'complete';
  return r.maturing ? `partial; ${formatCount(r.maturing)} still open` : 'partial';
}

export function trendSummary(
  rows: TrendPoint[],
  o: {
    measure: string;
    unit: KpiUnit;
    direction: 'higher' | 'lower';
    grain: ChartGrain;
    target: number | null;
    bands: ChartBandSet[];
  },
): string {
  // A period not over in the data is named apart, never the first, last, best or worst.
  const valued = rows.filter(
    (r): r is TrendPoint & { value: number } => r.value !== null && !r.partial,
  );
  const partial = rows.filter((r) => r.partial && r.value !== null);
  const name = (r: TrendPoint) => periodLabel(r.period, o.grain, true).replace(/^Week/, 'the week');
  const partialText = partial.map(
    (r) =>
      `${capitalise(name(r))} is partial (not over in the data): ${formatKpiValue(r.value, o.unit)} so far${r.maturing ? `, ${formatCount(r.maturing)} still open` : ''}.`,
  );
  if (!valued.length)
    return [
      `No ${partial.length ? 'complete ' : ''}${grainWords[o.grain]} values of the ${o.measure} in this range.`,
      ...partialText,
    ].join(' ');
  const first = valued[0]!;
  const last = valued.at(-1)!;
  const better = (a: number, b: number) => (o.direction === 'higher' ? a > b : a < b);
  const best = valued.reduce((a, b) => (better(b.value, a.value) ? b : a));
  const worst = valued.reduce((a, b) => (better(a.value, b.value) ? b : a));
  const parts = [
    valued.length === 1
      ? `${capitalise(o.measure)} ${formatKpiValue(first.value, o.unit)} in ${name(first)}.`
      : `${capitalise(o.grain === 'day' ? 'daily' : grainWords[o.grain])} ${o.measure} went from ${formatKpiValue(first.value, o.unit)} (${name(first)}) to ${formatKpiValue(last.value, o.unit)} (${name(last)}); ${
          // A tie as shown (0.0% throughout) has no best or worst period to name.
          formatKpiValue(best.value, o.unit) === formatKpiValue(worst.value, o.unit)
            ? `the same, ${formatKpiValue(best.value, o.unit)}, in every period`
            : `best ${formatKpiValue(best.value, o.unit)} in ${name(best)}, worst ${formatKpiValue(worst.value, o.unit)} in ${name(worst)}`
        }.`,
  ];
  if (o.target !== null) {
    const met = valued.filter((r) => targetWord(r.value, o.target!, o.direction) === 'met').length;
    parts.push(
      `Target ${formatKpiValue(o.target, o.unit)} met in ${met} of ${valued.length} ${valued.length === 1 ? 'period' : 'periods'}.`,
    );
  }
  parts.push(...partialText);
  for (const b of o.bands) parts.push(b.description);
  if (!o.bands.length) parts.push('No published benchmark band to draw.');
  return parts.join(' ');
}
