import { useId, type ReactNode } from 'react';
import styles from './charts.module.css';

export interface LegendItem {
  label: string;
  /** A CSS colour (variables welcome) for the swatch. */
  color: string;
  /** How the mark is drawn, so the key matches the chart and does not rely on colour. */
  shape: 'line' | 'dashed' | 'dotted' | 'area' | 'bar' | 'hatched';
  /** The fill opacity of the mark, so two shades of one colour stay apart in the key. */
  opacity?: number;
}

/**
 * Every chart's frame: a title, a one-sentence summary the chart is described by, the plot, a
 * text key, and the same numbers as a table behind a disclosure.
 */
export function ChartFigure({
  title,
  summary,
  height,
  legend,
  table,
  children,
  hideTitle = false,
}: {
  title: string;
  /** When a heading right above already names the chart: keep the title for assistive tech only. */
  hideTitle?: boolean;
  summary: ReactNode;
  height: number;
  legend?: LegendItem[];
  table: ReactNode;
  children: ReactNode;
}) {
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
        {children}
      </div>
      {legend && legend.length > 0 && (
        <ul className={styles.legend} aria-label="Key">
          {legend.map((item) => (
            <li key={item.label}>
              <span
                className={`${styles.swatch} ${styles[`swatch-${item.shape}`]}`}
                style={{ color: item.color, opacity: item.opacity }}
                aria-hidden="true"
              />
              {item.label}
            </li>
          ))}
        </ul>
      )}
      <details className={styles.details}>
        <summary>Data table</summary>
        <div className={styles.tableWrap}>{table}</div>
      </details>
    </figure>
  );
}
