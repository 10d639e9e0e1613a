/**
 * A KPI's trend as the PDF draws it (one SVG geometry for the page, the PDF and the PNG), named
 * in words for screen readers; its numbers are in the table beside it.
 */
import { trendChartSvg } from '@/lib/report/chart-svg';
import { bandText, changeText, targetText } from '@/lib/report/labels';
import type { ReportKpi } from '@/lib/report/types';
import styles from './reports.module.css';

export function KpiChart({ kpi }: { kpi: ReportKpi }) {
  const summary = `${kpi.name}: ${kpi.formatted}; ${bandText(kpi)}; ${targetText(kpi)}; change ${changeText(kpi)}.`;
  return (
    <figure className={styles.chart}>
      <div
        role="img"
        aria-label={`Trend chart by ${kpi.trend.grain}. ${summary}`}
        // The SVG is built from numbers and escaped text by lib/report/chart-svg.ts.
        dangerouslySetInnerHTML={{ __html: trendChartSvg(kpi) }}
      />
      <figcaption>{summary}</figcaption>
    </figure>
  );
}
