'use client';
/**
 * The filter bar of the scorecard and KPI pages: period, comparison and the six dimensions, and how
 * many orders the view holds. Every change is a new URL at once, which Back undoes (useKpiFilters).
 */
import type { DimensionValues } from '@/lib/kpi/dimension-values';
import type { ParsedKpiQuery } from '@/lib/kpi/filters';
import styles from '../scorecard.module.css';
import { CompareSelect } from './compare-select';
import { FilterBar } from './filter-bar';
import { useKpiBarParts } from './kpi-bar-parts';
import { MatchingStatus } from './matching-status';
import { PeriodSelect } from './period-select';
import { periodPresets } from './period-presets';
import { useKpiFilters } from './use-kpi-filters';

export interface KpiFilterBarProps {
  query: ParsedKpiQuery;
  options: DimensionValues;
  /** First and last order day in the data (YYYY-MM-DD). */
  dataSpan: { first: string | null; last: string | null };
  /** Orders placed that the current filters match. */
  matching: number;
  /** Hide the comparison select (pages that do not compare). */
  showCompare?: boolean;
  /** Hide the dimension pickers (pages the dimensions do not narrow, such as the teams). */
  showDimensions?: boolean;
}

export function KpiFilterBar({
  query,
  options,
  dataSpan,
  matching,
  showCompare = true,
  showDimensions = true,
}: KpiFilterBarProps) {
  const { view, pending, apply, setFilters } = useKpiFilters(query);
  const filters = view.filters;
  const parts = useKpiBarParts({ view, setFilters }, options, dataSpan);

  const active = Object.keys(filters).length > 0 || !!view.compare;
  const compareNeedsRange = !!view.compare && !filters.from && !filters.to;

  return (
    <FilterBar
      {...parts.bar}
      {...(!showDimensions && { dimensions: [], extra: null })}
      leading={
        <PeriodSelect
          presets={periodPresets(dataSpan.last)}
          from={filters.from}
          to={filters.to}
          onPick={(p) => setFilters({ from: p.from, to: p.to })}
        />
      }
      trailing={
        showCompare && (
          <CompareSelect value={view.compare} onChange={(compare) => apply({ ...view, compare })} />
        )
      }
      status={
        <>
          <MatchingStatus matching={matching} pending={pending} />
          {parts.dateNote}
          {compareNeedsRange && (
            <p className={styles.hint} role="status">
              Over all data there is no earlier period to compare with: choose a period above.
            </p>
          )}
        </>
      }
      actions={
        <button
          type="button"
          className={styles.textButton}
          disabled={!active}
          onClick={() => apply({ ...view, filters: {}, compare: undefined })}
        >
          Clear all
        </button>
      }
    />
  );
}
