import Link from 'next/link';
import { relatedVariants } from '@/lib/semantic/catalogue';
import type { KpiDefinition } from '@/lib/semantic/kpi';
import { formatCount, formatKpiValue } from '@/app/ui/charts/units';
import { loadScorecard } from '@/app/ui/kpi-pages/data';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import { searchStringOf } from '@/app/ui/search-params';
import { engine } from '@/runtime/engine';
import type { KpiView } from './view';

/** The other count of the same orders, for a KPI kept in calendar time and in working days. */
const countedIn = (kpi: KpiDefinition) =>
  kpi.variantOf ? 'in working days, from the cut-off' : `in calendar ${kpi.unit}`;

/**
 * Beside the headline: the same KPI counted in the other unit of time (calendar hours or days, or
 * working days on the working calendar), with its mean, median and p90 and a link to its page.
 */
export async function VariantsPanel({ view }: { view: KpiView }) {
  const related = relatedVariants(engine.catalogue, view.definition);
  if (!related.length) return null;
  const entries = await loadScorecard(
    { filters: view.filters, grain: view.grain },
    related.map((k) => k.id),
  );
  const query = searchStringOf({ filters: view.filters });
  return (
    <section className="panel" aria-labelledby="variants-h">
      <h2 id="variants-h">Also counted {related.map(countedIn).join(' and ')}</h2>
      {related.map((kpi, i) => {
        const entry = entries[i]!;
        const d = entry.distribution;
        const value = (v: number | null | undefined) => formatKpiValue(v, kpi.unit);
        return (
          <p key={kpi.id} className={shared.note}>
            <Link href={`/kpis/${kpi.id}${query}`}>{kpi.name}</Link>:{' '}
            {entry.available ? (
              <>
                mean <strong>{value(entry.value)}</strong>, median {value(d?.median)}, p90{' '}
                {value(d?.p90)} over {formatCount(entry.n)} orders.
              </>
            ) : (
              <>unavailable: {entry.unavailableReason}</>
            )}
          </p>
        );
      })}
    </section>
  );
}
