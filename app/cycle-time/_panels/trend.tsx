import { listAnnotations } from '@/lib/annotations/annotations';
import type { Filters, Grain } from '@/lib/kpi/filters';
import { getServerDatabase } from '@/runtime/database';
import { chartBandsFor } from '@/app/ui/charts/bands';
import { TrendChart } from '@/app/ui/charts/trend-chart';
import type { ChartGrain } from '@/app/ui/charts/units';
import { loadBandSets, loadOrganisationProfile } from '@/app/ui/kpi-pages/data';
import { GrainControl } from '@/app/ui/kpi-pages/grain-control';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import { grainLabels } from '@/app/ui/kpi-pages/labels';
import type { SearchParams } from '@/app/ui/search-params';
import { cycleTimeByPeriod, KPI } from './data';

/**
 * The cycle time period by period: the mean (the headline) with the median and p90 beside it, as
 * the mean alone hides a tail that grows; with the bands, the target and a period select.
 */
export async function TrendPanel({
  filters,
  grain,
  search,
}: {
  filters: Filters;
  grain: Grain;
  search: SearchParams;
}) {
  const [kpi, sets, profile, notes] = await Promise.all([
    cycleTimeByPeriod(filters, grain),
    loadBandSets(KPI),
    loadOrganisationProfile(),
    getServerDatabase().then((db) => listAnnotations(db, { kpi: KPI })),
  ]);
  if (!kpi.available) return null;
  const period = grainLabels[grain].toLowerCase();
  return (
    <section className="panel" id="trend" aria-labelledby="trend-h">
      <div className={shared.panelHead}>
        <h2 id="trend-h">
          {grainLabels[grain]} by {period}
        </h2>
        <GrainControl action="/cycle-time" params={search} grain={grain} />
      </div>
      <TrendChart
        title={`Cycle time by ${period}: mean, median and p90`}
        measure="mean cycle time"
        unit="hours"
        direction="lower"
        grain={grain as ChartGrain}
        percentiles
        points={(kpi.series ?? []).flatMap((s) =>
          s.period
            ? [
                {
                  period: s.period,
                  value: s.value,
                  n: s.n,
                  partial: s.partial,
                  maturing: s.maturing,
                  median: s.distribution?.median ?? null,
                  p90: s.distribution?.p90 ?? null,
                },
              ]
            : [],
        )}
        bands={chartBandsFor(sets, 'hours', kpi.bandChoice, profile)}
        target={kpi.target?.target.value ?? null}
        notes={notes}
      />
    </section>
  );
}
