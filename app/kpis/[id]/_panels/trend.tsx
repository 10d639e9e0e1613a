import Link from 'next/link';
import { listAnnotations } from '@/lib/annotations/annotations';
import { can } from '@/lib/auth/roles';
import { getServerDatabase } from '@/runtime/database';
import { currentIdentity } from '@/app/session';
import notesStyles from '@/app/ui/annotations/annotations.module.css';
import { NoteForm } from '@/app/ui/annotations/note-form';
import { chartBandsFor } from '@/app/ui/charts/bands';
import { TrendChart } from '@/app/ui/charts/trend-chart';
import type { ChartGrain } from '@/app/ui/charts/units';
import { loadBandSets, loadOrganisationProfile } from '@/app/ui/kpi-pages/data';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import { GrainControl } from '@/app/ui/kpi-pages/grain-control';
import { searchStringOf } from '@/app/ui/search-params';
import { ComponentLinks } from './component-links';
import { countWordOf, kpiEntry, type KpiView } from './view';

/** The KPI by period, with its bands, target and notes; a period select and "Add a note". */
export async function TrendPanel({ view }: { view: KpiView }) {
  const { definition, grain } = view;
  const [entry, sets, profile, notes, identity] = await Promise.all([
    kpiEntry(view),
    loadBandSets(definition.id),
    loadOrganisationProfile(),
    getServerDatabase().then((db) => listAnnotations(db, { kpi: definition.id })),
    currentIdentity(),
  ]);
  // Bands behind an assumed or partial trend would read as a placement it does not have.
  const bands =
    entry.basis === 'measured' ? chartBandsFor(sets, entry.unit, entry.bandChoice, profile) : [];
  return (
    <section className="panel" id="trend" aria-labelledby="trend-h">
      <div className={shared.panelHead}>
        <h2 id="trend-h">Trend</h2>
        <GrainControl action={`/kpis/${definition.id}`} params={view.search} grain={grain} />
      </div>
      {definition.kind === 'product' ? (
        <p className={shared.note}>
          The index is the product of its components, so it has no trend of its own here; see each
          component:{' '}
          <ComponentLinks entry={entry} search={searchStringOf({ filters: view.filters })} />.
        </p>
      ) : (
        <TrendChart
          title={`${entry.name} by ${grain}`}
          measure={entry.name.toLowerCase()}
          unit={entry.unit}
          direction={entry.direction}
          grain={grain as ChartGrain}
          points={(entry.series ?? []).flatMap((s) =>
            s.period
              ? [
                  {
                    period: s.period,
                    value: s.value,
                    n: s.n,
                    partial: s.partial,
                    maturing: s.maturing,
                  },
                ]
              : [],
          )}
          bands={bands}
          target={entry.target?.target.value ?? null}
          countWord={countWordOf(definition)}
          notes={notes}
        />
      )}
      {definition.kind !== 'product' && can(identity?.role, 'annotate') && (
        <details className={notesStyles.addNote}>
          <summary>Add a note</summary>
          <p className={shared.note}>
            Mark a day or a range (a system change, a peak season, a strike): it shows on every
            trend that covers it and in reports. <Link href="/annotations">All notes</Link>
          </p>
          <NoteForm kpi={definition.id} kpiName={entry.name} defaultFrom={view.filters.from} />
        </details>
      )}
    </section>
  );
}
