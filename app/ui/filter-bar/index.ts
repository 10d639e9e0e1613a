/**
 * The one filter bar (FilterBar) and its parts; KpiFilterBar is its configuration for the
 * scorecard and KPI pages, app/orders/filters the orders explorer's.
 */
export { FilterBar, type FilterBarProps } from './filter-bar';
export { KpiFilterBar, type KpiFilterBarProps } from './kpi-filter-bar';
export { dimensionLabels } from '@/lib/format/labels';
export { periodPresets, type PeriodPreset } from './period-presets';
export type { DateRange, DimensionFilter, DimensionOption } from './types';
