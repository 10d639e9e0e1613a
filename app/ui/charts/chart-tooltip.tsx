import type { ReactNode } from 'react';
import styles from './charts.module.css';

/** The box a chart shows on hover: a heading, the value in large type, and notes under it. */
export function ChartTooltip({
  title,
  value,
  notes = [],
}: {
  title: ReactNode;
  value?: ReactNode;
  /** One line each; false, null, undefined and empty text are left out. */
  notes?: readonly ReactNode[];
}) {
  return (
    <div className={styles.tooltip}>
      <strong>{title}</strong>
      {value !== undefined && <div className={styles.tooltipValue}>{value}</div>}
      {notes.map((note, i) =>
        note === false || note === null || note === undefined || note === '' ? null : (
          <div key={i} className={styles.tooltipNote}>
            {note}
          </div>
        ),
      )}
    </div>
  );
}
