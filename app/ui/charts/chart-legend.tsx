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

/** A chart's key in text: each mark named, its swatch in the mark's shape as well as colour. */
export function ChartLegend({ items }: { items: LegendItem[] }) {
  return (
    <ul className={styles.legend} aria-label="Key">
      {items.map((item) => (
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
  );
}
