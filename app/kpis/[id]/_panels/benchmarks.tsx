import { BenchmarkSources } from '@/app/ui/kpi-pages/benchmark-sources';
import { loadBandSets, loadOrganisationProfile } from '@/app/ui/kpi-pages/data';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import { describeProfile } from '@/lib/benchmarks/peer';
import { kpiEntry, type KpiView } from './view';

/** Every band set of the KPI as a source card, the value placed in each; one heads the placements. */
export async function BenchmarksPanel({ view }: { view: KpiView }) {
  const [entry, sets, profile] = await Promise.all([
    kpiEntry(view),
    loadBandSets(view.definition.id),
    loadOrganisationProfile(),
  ]);
  return (
    <section className="panel" id="benchmarks" aria-labelledby="benchmarks-h">
      <h2 id="benchmarks-h">Benchmark bands</h2>
      {sets.length > 0 && (
        <p className={shared.choice}>
          Your organisation profile: {describeProfile(profile)} (
          <a href="/benchmarks#organisation">change it</a>). The headline uses the set whose peers
          match it best.
        </p>
      )}
      <BenchmarkSources
        sets={sets}
        placements={entry.placements}
        notPlaced={entry.notPlaced}
        unit={entry.unit}
        practicesHref={view.definition.practices?.length ? '#practices' : undefined}
        choice={entry.bandChoice}
        switchHref={(setId) => withBands(view, setId)}
        empty={
          <>
            <strong>No published band.</strong> No public source we could check gives figures for
            this KPI, so Orderlens ships none. Compare your own sites, channels and carriers in the{' '}
            <a href="#breakdown">breakdown</a> below, or import a band set from a report you hold.
          </>
        }
      />
    </section>
  );
}

/** This page's address with `bands` set to the set (or removed: the best match), kept filters. */
function withBands(view: KpiView, setId: string | null): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(view.search)) {
    if (key === 'bands' || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  if (setId) params.set('bands', setId);
  const search = params.toString();
  return `/kpis/${encodeURIComponent(view.definition.id)}${search ? `?${search}` : ''}#benchmarks`;
}
