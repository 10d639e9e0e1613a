'use client';
/**
 * The reports page's filter bar: the shared bar (app/ui/filter-bar) with the report's own period
 * choices (last complete month, last complete quarter, all data) and only the comparisons a report
 * makes. The page always passes explicit dates, so the bar shows the period the report covers.
 */
import { useId } from 'react';
import type { DimensionValues } from '@/lib/kpi/dimension-values';
import type { ParsedKpiQuery } from '@/lib/kpi/filters';
import { FilterBar, type PeriodPreset } from '../ui/filter-bar';
import { useKpiBarParts } from '../ui/filter-bar/kpi-bar-parts';
import { MatchingStatus } from '../ui/filter-bar/matching-status';
import { PeriodSelect } from '../ui/filter-bar/period-select';
import { useKpiFilters } from '../ui/filter-bar/use-kpi-filters';
import styles from '../ui/scorecard.module.css';

export type ReportCompare = 'previous' | 'last_year';

export interface ReportFilterBarProps {
  query: ParsedKpiQuery;
  compare: ReportCompare;
  presets: PeriodPreset[];
  options: DimensionValues;
  dataSpan: { first: string | null; last: string | null };
  matching: number;
}

export function ReportFilterBar({
  query,
  compare,
  presets,
  options,
  dataSpan,
  matching,
}: ReportFilterBarProps) {
  const { view, pending, apply, setFilters } = useKpiFilters({ ...query, compare });
  const filters = view.filters;
  const parts = useKpiBarParts({ view, setFilters }, options, dataSpan);
  const compareId = useId();

  return (
    <FilterBar
      label="Report filters"
      {...parts.bar}
      leading={
        <PeriodSelect
          presets={presets}
          from={filters.from}
          to={filters.to}
          onPick={(p) => setFilters({ from: p.from, to: p.to })}
        />
      }
      trailing={
        <div className={styles.field}>
          <label htmlFor={compareId}>Compare with</label>
          <select
            id={compareId}
            className={styles.control}
            name="compare"
            value={view.compare === 'last_year' ? 'last_year' : 'previous'}
            onChange={(e) => apply({ ...view, compare: e.target.value as ReportCompare })}
          >
            <option value="previous">Previous period</option>
            <option value="last_year">Same period last year</option>
          </select>
        </div>
      }
      status={
        <>
          <MatchingStatus matching={matching} pending={pending} />
          {parts.dateNote}
        </>
      }
      actions={
        // Without dates in the URL the page opens on the last complete month again.
        <button
          type="button"
          className={styles.textButton}
          onClick={() => apply({ ...view, filters: {}, compare: undefined })}
        >
          Reset
        </button>
      }
    />
  );
}
