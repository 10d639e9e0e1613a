import type { ScorecardEntry } from '@/lib/kpi/scorecard';
import type { ChartBandSet } from '@/app/ui/charts/bands';
import { TrendChart } from '@/app/ui/charts/trend-chart';

/** A returns KPI month by month, compact. */
export function KpiTrend({
  entry,
  bands,
  countWord = 'orders',
  hideTitle,
}: {
  entry: ScorecardEntry;
  bands: ChartBandSet[];
  countWord?: string;
  hideTitle?: boolean;
}) {
  return (
    <TrendChart
      title={`${entry.name} by month`}
      measure={entry.name.toLowerCase()}
      unit={entry.unit}
      direction={entry.direction}
      grain="month"
      points={(entry.series ?? []).flatMap((s) =>
        s.period ? [{ period: s.period, value: s.value, n: s.n }] : [],
      )}
      bands={bands}
      target={entry.target?.target.value ?? null}
      countWord={countWord}
      height={240}
      hideTitle={hideTitle}
    />
  );
}
