import type { Filters } from '@/lib/kpi/filters';
import { chartBandSet } from '@/app/ui/charts/bands';
import { TrendChart } from '@/app/ui/charts/trend-chart';
import { loadBandSets } from '@/app/ui/kpi-pages/data';
import { cycleTime, KPI } from './data';

/** The mean cycle time month by month, with the bands and the target. */
export async function TrendPanel({ filters }: { filters: Filters }) {
  const [kpi, sets] = await Promise.all([cycleTime(filters), loadBandSets(KPI)]);
  if (!kpi.available) return null;
  return (
    <section className="panel" aria-labelledby="trend-h">
      <h2 id="trend-h">Month by month</h2>
      <TrendChart
        title="Mean cycle time by month"
        measure="mean cycle time"
        unit="hours"
        direction="lower"
        grain="month"
        points={(kpi.series ?? []).flatMap((s) =>
          s.period ? [{ period: s.period, value: s.value, n: s.n }] : [],
        )}
        bands={sets.map((s) => chartBandSet(s, 'hours'))}
        target={kpi.target?.target.value ?? null}
      />
    </section>
  );
}
