'use client';
/**
 * The parts every KPI filter bar (scorecard and KPI pages, reports) builds alike from the view in
 * the URL: the dates, refusing a From after To; the six dimensions; the SKU chip; the line that
 * says what is wrong with the dates.
 */
import { useState } from 'react';
import type { DimensionValues } from '@/lib/kpi/dimension-values';
import { dimensionNames } from '@/lib/kpi/filters';
import { dimensionLabels } from '@/lib/format/labels';
import styles from '../scorecard.module.css';
import type { FilterBarProps } from './filter-bar';
import { SkuChip } from './sku-chip';
import type { useKpiFilters } from './use-kpi-filters';

export function useKpiBarParts(
  { view, setFilters }: Pick<ReturnType<typeof useKpiFilters>, 'view' | 'setFilters'>,
  options: DimensionValues,
  dataSpan: { first: string | null; last: string | null },
) {
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

  const bar: Pick<FilterBarProps, 'dates' | 'dimensions' | 'extra'> = {
    dates: { from: filters.from, to: filters.to, span: dataSpan, onCommit: onDate },
    dimensions: dimensionNames.map((name) => ({
      name,
      label: dimensionLabels[name],
      options: options[name].values,
      distinct: options[name].distinct,
      source: `/api/dimensions/${name}`,
      selected: filters[name] ?? [],
      onChange: (values) => setFilters({ [name]: values }),
    })),
    extra: filters.sku?.length ? (
      <SkuChip skus={filters.sku} onRemove={() => setFilters({ sku: undefined })} />
    ) : null,
  };
  const dateNote = dateProblem && (
    <p className={styles.hint} role="alert">
      {dateProblem}
    </p>
  );
  return { bar, dateNote };
}
