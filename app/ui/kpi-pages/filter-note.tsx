import type { Filters } from '@/lib/kpi/filters';
import styles from './kpi-pages.module.css';

/**
 * Beside the filter bar: which event a date range applies to on this page (each KPI has its own
 * as-of date), and any part of the address that could not be read.
 */
export function FilterNote({
  filters,
  problems,
  asOf,
}: {
  filters: Filters;
  problems: string[];
  /** e.g. "the final ship date" or a sentence for pages with several KPIs. */
  asOf: string;
}) {
  const dated = !!(filters.from || filters.to);
  if (!dated && !problems.length) return null;
  return (
    <div className={styles.filterNote}>
      {dated && (
        <span>
          The period {filters.from ?? '…'} to {filters.to ?? '…'} applies to {asOf}.
        </span>
      )}
      {problems.length > 0 && (
        <span className={styles.problem} role="alert">
          Part of this link could not be read, so all data is shown: {problems.join('; ')}
        </span>
      )}
    </div>
  );
}
