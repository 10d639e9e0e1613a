'use client';
/**
 * The filter bar of the scorecard and KPI pages: period, comparison and the six dimensions, and how
 * many orders the view holds. Every change replaces the URL at once (useKpiFilters).
 */
import { useState } from 'react';
import type { DimensionValues } from '@/lib/kpi/dimension-values';
import { dimensionNames, type ParsedKpiQuery } from '@/lib/kpi/filters';
import styles from '../scorecard.module.css';
import { CompareSelect } from './compare-select';
import { dimensionLabels } from '@/lib/format/labels';
import { FilterBar } from './filter-bar';
import { MatchingStatus } from './matching-status';
import { PeriodSelect } from './period-select';
import { periodPresets } from './period-presets';
import { SkuChip } from './sku-chip';
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
}

export function KpiFilterBar({
  query,
  options,
  dataSpan,
  matching,
  showCompare = true,
}: KpiFilterBarProps) {
  const { view, pending, apply, setFilters } = useKpiFilters(query);
  const filters = view.filters;
  const [dateProblem, setDateProblem] = useState<string | null>(null);

  function onDate(key: 'from' | 'to', value: string) {
    const other = key === 'from' ? filters.to : filters.from;
    if (value && other && (key === 'from' ? value > other : value < other)) {
      // Keep both dates as typed and say what is wrong, rather than drop the other one.
      setDateProblem('“From” is after “To”: change one of them.');
      return;
    }
    setDateProblem(null);
    setFilters({ [key]: value || undefined });
  }

  const active = Object.keys(filters).length > 0 || !!view.compare;
  const compareNeedsRange = !!view.compare && !filters.from && !filters.to;

  return (
    <FilterBar
      dates={{ from: filters.from, to: filters.to, span: dataSpan, onCommit: onDate }}
      dimensions={dimensionNames.map((name) => ({
        name,
        label: dimensionLabels[name],
        options: options[name].values,
        distinct: options[name].distinct,
        selected: filters[name] ?? [],
        onChange: (values) => setFilters({ [name]: values }),
      }))}
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
          {dateProblem && (
            <p className={styles.hint} role="alert">
              {dateProblem}
            </p>
          )}
          {compareNeedsRange && (
            <p className={styles.hint} role="status">
              Over all data there is no earlier period to compare with: choose a period above.
            </p>
          )}
        </>
      }
      extra={
        filters.sku?.length ? (
          <SkuChip skus={filters.sku} onRemove={() => setFilters({ sku: undefined })} />
        ) : null
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
