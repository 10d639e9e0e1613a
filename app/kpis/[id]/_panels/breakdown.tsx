import { dimensionNames } from '@/lib/kpi/filters';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import { dimensionLabels } from '@/app/ui/kpi-pages/labels';
import { QueryForm } from '@/app/ui/kpi-pages/query-form';
import { SegmentBreakdown } from '@/app/ui/kpi-pages/segment-breakdown';
import { searchStringOf } from '@/app/ui/search-params';
import { ComponentLinks } from './component-links';
import { breakdownEntry, countWordOf, kpiEntry, type KpiView } from './view';

/** The KPI by site, channel, carrier…: each segment placed in the quartiles of its peers. */
export async function BreakdownPanel({ view }: { view: KpiView }) {
  const { definition, by } = view;
  const [entry, byEntry] = await Promise.all([kpiEntry(view), breakdownEntry(view)]);
  const dimension = dimensionLabels[by].toLowerCase();
  const countWord = countWordOf(definition);
  return (
    <section className="panel" id="breakdown" aria-labelledby="breakdown-h">
      <div className={shared.panelHead}>
        <h2 id="breakdown-h">Breakdown by {dimension}</h2>
        <QueryForm
          action={`/kpis/${definition.id}`}
          params={view.search}
          controls={[
            {
              name: 'by',
              label: 'Dimension',
              value: by,
              options: dimensionNames.map((d) => ({ value: d, label: dimensionLabels[d] })),
            },
          ]}
        />
      </div>
      {definition.kind === 'product' ? (
        <p className={shared.note}>
          Break the components down instead:{' '}
          <ComponentLinks entry={entry} search={searchStringOf({ filters: view.filters })} />.
        </p>
      ) : (
        <>
          <p className={shared.note}>
            Internal benchmark: each {dimension} placed in the quartiles of all {dimension}s with at
            least 20 {countWord}. Q1 is the best quarter, Q4 the worst.
          </p>
          <SegmentBreakdown
            entry={byEntry}
            by={by}
            filters={view.filters}
            title={`${entry.name} by ${dimension}`}
            unit={entry.unit}
            direction={entry.direction}
            overall={entry.value}
            countWord={countWord}
            maxBars={15}
          />
        </>
      )}
    </section>
  );
}
