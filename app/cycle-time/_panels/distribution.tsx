import type { Filters } from '@/lib/kpi/filters';
import { Histogram } from '@/app/ui/charts/histogram';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import { cycleTime } from './data';

/** Orders by cycle time, with the median and the tail marked. */
export async function DistributionPanel({ filters }: { filters: Filters }) {
  const kpi = await cycleTime(filters);
  if (!kpi.available) return null;
  return (
    <section className="panel" aria-labelledby="dist-h">
      <h2 id="dist-h">Distribution</h2>
      {kpi.distribution ? (
        <Histogram
          title="Orders by cycle time"
          unit="hours"
          distribution={kpi.distribution}
          within="ship within"
        />
      ) : (
        <p className={shared.note}>No distribution in this range.</p>
      )}
    </section>
  );
}
