/**
 * A small trend line drawn as plain SVG on the server: no script, no layout shift. The picture is
 * decoration for sighted readers; the same facts are in its text summary (the aria-label).
 */
import type { KpiUnit } from '@/lib/semantic/kpi';
import styles from './scorecard.module.css';

export interface SparkPoint {
  /** The period start, YYYY-MM-DD. */
  period: string;
  value: number | null;
}

interface SparklineProps {
  points: SparkPoint[];
  unit: KpiUnit;
  /** Formats a value with its unit, e.g. "48.7 h". */
  format: (value: number, unit: KpiUnit) => string;
  /** Drawn as a dashed line when it lies in (or near) the plotted range. */
  target?: number | null;
  width?: number;
  height?: number;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2025-03-01" → "Mar 2025". */
export function monthLabel(period: string): string {
  const month = months[Number(period.slice(5, 7)) - 1];
  return month ? `${month} ${period.slice(0, 4)}` : period;
}

/** The most recent months drawn; a longer history is the detail page's trend chart. */
export const SPARK_MONTHS = 36;

const monthIndex = (period: string) =>
  Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;
const periodOf = (index: number) =>
  `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;

/**
 * The series on a calendar axis: a month without rows is a gap, not a neighbour of the next month
 * with data; only the last SPARK_MONTHS months up to the latest one are kept.
 */
export function monthlyPoints(points: SparkPoint[]): SparkPoint[] {
  const monthly = points.filter((p) => /^\d{4}-\d{2}-01$/.test(p.period));
  const last = monthly.at(-1);
  if (!last || monthly.length !== points.length) return points;
  const end = monthIndex(last.period);
  const start = Math.max(monthIndex(monthly[0]!.period), end - SPARK_MONTHS + 1);
  const byMonth = new Map(monthly.map((p) => [monthIndex(p.period), p.value]));
  let first = start;
  while (first < end && byMonth.get(first) == null) first++;
  return Array.from({ length: end - first + 1 }, (_, i) => ({
    period: periodOf(first + i),
    value: byMonth.get(first + i) ?? null,
  }));
}

/** The trend in words: first and last month, low and high, and months without a value. */
export function sparklineSummary(
  points: SparkPoint[],
  unit: KpiUnit,
  format: (value: number, unit: KpiUnit) => string,
): string {
  const known = points.filter((p): p is { period: string; value: number } => p.value !== null);
  const first = known[0];
  const last = known.at(-1);
  if (!first || !last) return 'Monthly trend: no month has a value.';
  if (known.length === 1)
    return `Monthly trend: one month, ${monthLabel(first.period)} ${format(first.value, unit)}.`;
  const low = known.reduce((a, b) => (b.value < a.value ? b : a));
  const high = known.reduce((a, b) => (b.value > a.value ? b : a));
  const gaps = points.length - known.length;
  return (
    `Monthly trend, ${monthLabel(first.period)} to ${monthLabel(last.period)}: ` +
    `${format(first.value, unit)} to ${format(last.value, unit)}; ` +
    `low ${format(low.value, unit)} in ${monthLabel(low.period)}, ` +
    `high ${format(high.value, unit)} in ${monthLabel(high.period)}` +
    (gaps ? `; ${gaps} month${gaps === 1 ? '' : 's'} without a value.` : '.')
  );
}

export function Sparkline({
  points: series,
  unit,
  format,
  target = null,
  width = 112,
  height = 40,
}: SparklineProps) {
  const points = monthlyPoints(series);
  const label = sparklineSummary(points, unit, format);
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  if (values.length === 0) {
    return (
      <span className={styles.sparkEmpty} role="img" aria-label={label}>
        no trend
      </span>
    );
  }
  let min = Math.min(...values);
  let max = Math.max(...values);
  // Show the target only when it is close enough not to flatten the line into nothing.
  const span = max - min || Math.abs(max) * 0.1 || 1;
  const showTarget = target !== null && target >= min - span && target <= max + span;
  if (showTarget && target !== null) {
    min = Math.min(min, target);
    max = Math.max(max, target);
  }
  if (max === min) {
    min -= 1;
    max += 1;
  }
  const pad = 4;
  const x = (i: number) =>
    points.length === 1 ? width / 2 : pad + (i / (points.length - 1)) * (width - 2 * pad);
  const y = (v: number) => pad + (1 - (v - min) / (max - min)) * (height - 2 * pad);

  // One path per run of known values, so a month without a value shows as a gap; a lone month
  // between gaps is a dot.
  const runs: { x: number; y: number }[][] = [];
  let current: { x: number; y: number }[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current.length) runs.push(current);
      current = [];
      return;
    }
    current.push({ x: x(i), y: y(p.value) });
  });
  if (current.length) runs.push(current);
  const pathOf = (run: { x: number; y: number }[]) =>
    run.map((pt, i) => `${i ? 'L' : 'M'}${pt.x.toFixed(1)},${pt.y.toFixed(1)}`).join('');

  const lastIndex = points.findLastIndex((p) => p.value !== null);
  const lastValue = points[lastIndex]?.value ?? null;
  const only = runs.length === 1 ? runs[0] : undefined;
  const area =
    only && only.length === points.length && points.length > 1
      ? `${pathOf(only)}L${x(points.length - 1).toFixed(1)},${height}L${x(0).toFixed(1)},${height}Z`
      : null;

  return (
    <svg
      className={styles.sparkline}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      focusable="false"
    >
      {area && <path d={area} className={styles.sparkArea} />}
      {showTarget && target !== null && (
        <line x1={0} x2={width} y1={y(target)} y2={y(target)} className={styles.sparkTarget} />
      )}
      {runs.map((run) =>
        run.length === 1 ? (
          <circle
            key={`${run[0]!.x}`}
            cx={run[0]!.x}
            cy={run[0]!.y}
            r={1.75}
            className={styles.sparkLone}
          />
        ) : (
          <path key={`${run[0]!.x}`} d={pathOf(run)} className={styles.sparkLine} />
        ),
      )}
      {lastValue !== null && (
        <circle cx={x(lastIndex)} cy={y(lastValue)} r={2.5} className={styles.sparkDot} />
      )}
    </svg>
  );
}
