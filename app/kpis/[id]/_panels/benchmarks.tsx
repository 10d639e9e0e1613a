import { BenchmarkSources } from '@/app/ui/kpi-pages/benchmark-sources';
import { loadBandSets } from '@/app/ui/kpi-pages/data';
import { kpiEntry, type KpiView } from './view';

/** Every band set of the KPI as a source card, the value placed in each. */
export async function BenchmarksPanel({ view }: { view: KpiView }) {
  const [entry, sets] = await Promise.all([kpiEntry(view), loadBandSets(view.definition.id)]);
  return (
    <section className="panel" id="benchmarks" aria-labelledby="benchmarks-h">
      <h2 id="benchmarks-h">Benchmark bands</h2>
      <BenchmarkSources
        sets={sets}
        placements={entry.placements}
        notPlaced={entry.notPlaced}
        unit={entry.unit}
        practicesHref={view.definition.practices?.length ? '#practices' : undefined}
        empty={
          <>
            <strong>No published band.</strong> No source whose figures are public benchmarks this
            KPI, so Orderlens ships none. Compare your own sites, channels and carriers in the{' '}
            <a href="#breakdown">breakdown</a> below, or import a band set from a report you hold.
          </>
        }
      />
    </section>
  );
}
