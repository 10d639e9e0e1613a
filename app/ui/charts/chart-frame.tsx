import { useId, type ReactNode } from 'react';
import { ChartLegend, type LegendItem } from './chart-legend';
import { ChartTable, type ChartTableSpec } from './chart-table';
import styles from './charts.module.css';

export type { LegendItem } from './chart-legend';
export type { ChartColumn, ChartTableSpec } from './chart-table';

export interface ChartFrameProps<Row> {
  title: string;
  /** When a heading right above already names the chart: keep the title for assistive tech only. */
  hideTitle?: boolean;
  /** One or two sentences that describe what the chart shows: its text alternative. */
  summary: ReactNode;
  /** The plot's height in px. */
  height: number;
  /** The key: every mark of the drawing, named. */
  legend?: LegendItem[];
  /** The chart's numbers, listed under "Data table". */
  table: ChartTableSpec<Row>;
  /** Set when there is nothing to draw: the plot says so (the table still lists the rows). */
  empty?: string | false | null;
  /** The drawing; hidden from assistive tech, which gets the summary, the key and the table. */
  children: ReactNode;
}

/**
 * Every chart's frame: a title, a one-sentence summary the chart is described by, the plot, a
 * text key, and the same numbers as a table behind a disclosure. A chart brings only its drawing.
 */
export function ChartFrame<Row>({
  title,
  hideTitle = false,
  summary,
  height,
  legend,
  table,
  empty,
  children,
}: ChartFrameProps<Row>) {
  const id = useId();
  return (
    <figure className={styles.figure} aria-labelledby={`${id}-t`} aria-describedby={`${id}-s`}>
      <figcaption className={styles.caption}>
        <span id={`${id}-t`} className={hideTitle ? 'visually-hidden' : styles.title}>
          {title}
        </span>
        <span id={`${id}-s`} className={styles.summary}>
          {summary}
        </span>
      </figcaption>
      <div className={styles.plot} style={{ height }} aria-hidden="true">
        {empty ? <div className={styles.empty}>{empty}</div> : children}
      </div>
      {legend && legend.length > 0 && <ChartLegend items={legend} />}
      <details className={styles.details}>
        <summary>Data table</summary>
        <div className={styles.tableWrap}>
          <ChartTable {...table} />
        </div>
      </details>
    </figure>
  );
}
