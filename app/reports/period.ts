/**
 * The period a report page shows: the dates in its URL, else the last complete month against the
 * one before, else (when the data holds no complete month yet) all of it, without a comparison.
 * Pure, so the page, its filter bar and its download links agree on one choice.
 */
import { defaultReportPeriod } from '@/lib/kpi/default-period';
import type { PeriodPreset } from '../ui/filter-bar/period-presets';

export interface ReportPeriod {
  from: string | undefined;
  to: string | undefined;
  /** Where the dates came from: the URL, the default month, or all data for want of one. */
  source: 'url' | 'default' | 'all_data';
  /** The report's own choices of the period select, most useful first. */
  presets: PeriodPreset[];
}

/** The first and last order day of the data (YYYY-MM-DD), as the filter bar knows it. */
export interface DataSpan {
  first: string | null;
  last: string | null;
}

export function reportPeriodOf(
  asked: { from?: string; to?: string },
  horizon: string | null,
  span: DataSpan,
): ReportPeriod {
  const month = defaultReportPeriod(horizon, 'month', span.first);
  const quarter = defaultReportPeriod(horizon, 'quarter', span.first);
  const presets: PeriodPreset[] = [
    ...(month
      ? [{ id: 'month', label: 'Last complete month', from: month.from, to: month.to }]
      : []),
    ...(quarter
      ? [{ id: 'quarter', label: 'Last complete quarter', from: quarter.from, to: quarter.to }]
      : []),
    span.first && span.last
      ? { id: 'all', label: 'All data', from: span.first, to: span.last }
      : { id: 'all', label: 'All data' },
  ];
  if (asked.from || asked.to) return { from: asked.from, to: asked.to, source: 'url', presets };
  if (month) return { from: month.from, to: month.to, source: 'default', presets };
  // Explicit dates even here, so the download is the report previewed whatever the default of
  // the report engine is.
  return {
    from: span.first ?? undefined,
    to: span.last ?? undefined,
    source: 'all_data',
    presets,
  };
}
