import Link from 'next/link';
import type { Filters } from '@/lib/kpi/filters';
import { formatCount, formatKpiValue } from '@/app/ui/charts/units';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import { cycleTime } from './data';

/** The mean, median, tail and count; or, without the data, why not and where to load it. */
export async function HeadlinePanel({ filters }: { filters: Filters }) {
  const kpi = await cycleTime(filters);
  const d = kpi.distribution;
  if (!kpi.available)
    return (
      <section className="panel" aria-labelledby="na-h">
        <h2 id="na-h">Not available</h2>
        <p>
          The cycle time cannot be computed: {kpi.unavailableReason}. Load order and shipment
          extracts on the <Link href="/data">Data</Link> page.
        </p>
      </section>
    );
  return (
    <section aria-label="Headline figures" className={shared.stats}>
      <Stat label="Mean" value={formatKpiValue(kpi.value, 'hours')} note="the headline value" big />
      <Stat
        label="Median (p50)"
        value={formatKpiValue(d?.median, 'hours')}
        note="half the orders ship faster"
      />
      <Stat label="p90" value={formatKpiValue(d?.p90, 'hours')} note="90% ship within" />
      <Stat label="p95" value={formatKpiValue(d?.p95, 'hours')} note="95% ship within" />
      <Stat
        label="Orders counted"
        value={formatCount(kpi.n)}
        note={
          kpi.excluded.length
            ? kpi.excluded.map((e) => `${formatCount(e.count)} ${e.reason}`).join('; ')
            : 'none left out'
        }
      />
    </section>
  );
}

function Stat(props: { label: string; value: string; note: string; big?: boolean }) {
  return (
    <div className="card">
      <div className="stat-label">{props.label}</div>
      <div className={`stat-value ${props.big ? shared.big : ''}`}>{props.value}</div>
      <div className="stat-note">{props.note}</div>
    </div>
  );
}
