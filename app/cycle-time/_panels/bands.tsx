import type { Filters } from '@/lib/kpi/filters';
import { BenchmarkSources } from '@/app/ui/kpi-pages/benchmark-sources';
import { loadBandSets } from '@/app/ui/kpi-pages/data';
import styles from '../page.module.css';
import { cycleTime, cycleTimeBy, KPI } from './data';
import { OwnBest } from './own-best';
import { TargetLine } from './target-line';

/** The gap to each published band and the target, and to the fastest segment of each dimension. */
export async function BandsPanel({ filters }: { filters: Filters }) {
  const [kpi, breakdowns, sets] = await Promise.all([
    cycleTime(filters),
    cycleTimeBy(filters),
    loadBandSets(KPI),
  ]);
  if (!kpi.available) return null;
  return (
    <section className="panel" aria-labelledby="bands-h">
      <h2 id="bands-h">How far from each band</h2>
      <div className={styles.bandsGrid}>
        <div>
          <BenchmarkSources
            sets={sets}
            placements={kpi.placements}
            notPlaced={kpi.notPlaced}
            unit="hours"
            practicesHref={`/kpis/${KPI}#practices`}
            empty={
              <>
                <strong>No published band: there is nothing to measure a gap to.</strong>
                OpsDog benchmarks an Order Shipment Cycle Time, but its values are not public, and
                no other source publishes one, so Orderlens ships no band for it. Import a band set
                from a report you hold to see the gap here.
              </>
            }
          />
          <TargetLine entry={kpi} />
        </div>
        <OwnBest kpi={kpi} breakdowns={breakdowns} />
      </div>
    </section>
  );
}
