/**
 * A waterfall of a change: the value before, each part of the change as a bar from where the
 * running total stood to where it moved, and the value now. Drawn in HTML rows (crisp at any
 * width, no script), inside the frame every chart has: a summary sentence, a key and the numbers
 * as a table. Better and worse parts differ by colour, by hatching, and by their ▲/▼ text.
 */
import type { ReactNode } from 'react';
import { ChartFrame, type ChartTableSpec, type LegendItem } from './chart-frame';
import { formatKpiChange, formatKpiTick, formatKpiValue, type KpiUnit } from './units';
import styles from './waterfall.module.css';

export interface WaterfallStep {
  key: string;
  label: string;
  /** A total (before, now) is a marker at its value; a part, a bar for its delta. */
  kind: 'total' | 'part';
  value: number;
}

export interface WaterfallProps<Row> {
  title: string;
  summary: ReactNode;
  unit: KpiUnit;
  direction: 'higher' | 'lower';
  steps: WaterfallStep[];
  table: ChartTableSpec<Row>;
}

const ROW = 26;

export function Waterfall<Row>({
  title,
  summary,
  unit,
  direction,
  steps,
  table,
}: WaterfallProps<Row>) {
  const bars = barsOf(steps);
  const ends = bars.flatMap((b) => [b.from, b.to]);
  const [low, high] = [Math.min(...ends), Math.max(...ends)];
  const pad = (high - low) * 0.08 || Math.abs(high) * 0.01 || 1;
  const [lo, hi] = [low - pad, high + pad];
  const x = (v: number) => `${((v - lo) / (hi - lo)) * 100}%`;
  const width = (a: number, b: number) => `${(Math.abs(b - a) / (hi - lo)) * 100}%`;
  const better = (delta: number) => (direction === 'higher' ? delta > 0 : delta < 0);
  const legend: LegendItem[] = [
    { label: 'Value before and now', color: 'var(--text)', shape: 'line' },
    { label: 'Made it better', color: 'var(--good)', shape: 'bar' },
    { label: 'Made it worse (hatched)', color: 'var(--bad)', shape: 'hatched' },
  ];
  return (
    <ChartFrame
      title={title}
      summary={summary}
      height={bars.length * ROW + 30}
      legend={legend}
      table={table}
    >
      <div className={styles.rows}>
        {bars.map((b) => {
          const delta = b.to - b.from;
          return [
            <span
              key={`${b.key}-l`}
              className={`${styles.label} ${b.kind === 'total' ? styles.total : ''}`}
              title={b.label}
            >
              {b.label}
            </span>,
            <span key={`${b.key}-t`} className={styles.track}>
              {b.kind === 'total' ? (
                <span className={styles.marker} style={{ left: x(b.to) }} />
              ) : (
                <span
                  data-bar
                  className={`${styles.bar} ${better(delta) ? styles.better : styles.worse}`}
                  style={{ left: x(Math.min(b.from, b.to)), width: width(b.from, b.to) }}
                />
              )}
            </span>,
            <span
              key={`${b.key}-v`}
              className={`${styles.value} ${b.kind === 'total' ? styles.total : ''}`}
            >
              {b.kind === 'total'
                ? formatKpiValue(b.to, unit)
                : partText(delta, unit, better(delta))}
            </span>,
          ];
        })}
        <span className={styles.scale}>
          <span>{formatKpiTick(lo, unit)}</span>
          <span>{formatKpiTick((lo + hi) / 2, unit)}</span>
          <span>{formatKpiTick(hi, unit)}</span>
        </span>
      </div>
    </ChartFrame>
  );
}

/** "+1.2 pp ▲ better": the sign and arrow say which way it moved, the word what that means. */
function partText(delta: number, unit: KpiUnit, better: boolean): string {
  if (delta === 0) return formatKpiChange(0, unit);
  return `${formatKpiChange(delta, unit)} ${delta > 0 ? '▲' : '▼'} ${better ? 'better' : 'worse'}`;
}

/** Each step as a span of the running total: a total stands alone, a part moves it. */
function barsOf(steps: WaterfallStep[]) {
  let running = 0;
  return steps.map((s) => {
    const from = s.kind === 'total' ? s.value : running;
    running = s.kind === 'total' ? s.value : running + s.value;
    return { ...s, from, to: running };
  });
}
