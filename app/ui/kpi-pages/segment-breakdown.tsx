import type { Dimension, Filters } from '@/lib/kpi/filters';
import type { ScorecardEntry } from '@/lib/kpi/scorecard';
import { BreakdownBars } from '../charts/breakdown-bars';
import { formatCount, type KpiUnit } from '../charts/units';
import { breakdownRows } from './breakdown-rows';
import styles from './kpi-pages.module.css';
import { dimensionLabels } from './labels';

/**
 * A KPI by one dimension: the segments as bars, then, apart and once, how many rows have no value
 * for the dimension. Under a filter on the same dimension a single bar would only repeat the value
 * above, so the chart gives way to a sentence saying so.
 */
export function SegmentBreakdown({
  entry,
  by,
  filters,
  title,
  unit,
  direction,
  overall,
  countWord = 'orders',
  maxBars,
  compact,
}: {
  /** The KPI broken down by `by`. */
  entry: ScorecardEntry;
  by: Dimension;
  filters: Filters;
  title: string;
  unit: KpiUnit;
  direction: 'higher' | 'lower';
  overall: number | null;
  countWord?: string;
  maxBars?: number;
  compact?: boolean;
}) {
  const dimension = dimensionLabels[by].toLowerCase();
  const rows = breakdownRows(entry);
  const filteredTo = filters[by] ?? [];
  if (filteredTo.length > 0 && rows.length <= 1)
    return (
      <p className={styles.note} data-testid="breakdown-one-bar">
        Filtered to {dimension} {listOf(filteredTo)}, so a breakdown by {dimension} would be a
        single bar repeating the value of all {countWord}. Clear the {dimension} filter to compare{' '}
        {plural(dimension)}.
      </p>
    );
  const unrecorded = entry.unrecorded?.n ?? 0;
  return (
    <>
      <BreakdownBars
        title={title}
        dimension={dimension}
        unit={unit}
        direction={direction}
        rows={rows}
        overall={overall}
        quartileReason={entry.internal?.reason ?? null}
        countWord={countWord}
        maxBars={maxBars}
        compact={compact}
      />
      {unrecorded > 0 && (
        <p className={`${styles.note} ${styles.unrecorded}`} data-testid="breakdown-unrecorded">
          {formatCount(unrecorded)} {unrecorded === 1 ? singular(countWord) : countWord}{' '}
          {unrecorded === 1 ? 'has' : 'have'} no {dimension} recorded: counted in the value of all{' '}
          {countWord}, but not a {dimension}, so neither drawn nor ranked.
        </p>
      )}
    </>
  );
}

const plural = (s: string) => (s.endsWith('s') ? s : `${s}s`);
const singular = (s: string) => s.replace(/s$/, '');

function listOf(values: string[]): string {
  return values.length === 1
    ? values[0]!
    : `${values.slice(0, -1).join(', ')} and ${values.at(-1)}`;
}
