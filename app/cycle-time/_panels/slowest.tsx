import Link from 'next/link';
import type { Filters } from '@/lib/kpi/filters';
import { daysLate } from '@/lib/semantic/explain';
import { formatCount } from '@/app/ui/charts/units';
import { loadDrill } from '@/app/ui/kpi-pages/data';
import { DrillTable } from '@/app/ui/kpi-pages/drill-table';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import { searchStringOf } from '@/app/ui/search-params';
import { cycleTime, KPI } from './data';

/** The 20 slowest orders with where their time went (for roles that may drill). */
export async function SlowestPanel({ filters }: { filters: Filters }) {
  const [kpi, slowest] = await Promise.all([
    cycleTime(filters),
    loadDrill(KPI, { filters, sort: 'value', direction: 'desc', pageSize: 20 }),
  ]);
  if (!kpi.available) return null;
  const and = searchStringOf({ filters }).replace('?', '&');
  return (
    <section className="panel" aria-labelledby="slow-h">
      <div className={shared.panelHead}>
        <h2 id="slow-h">The slowest orders</h2>
        <Link
          className={shared.buttonLink}
          href={`/orders?kpi=${KPI}&sort=value&direction=desc${and}`}
        >
          All {formatCount(slowest.total)} orders, slowest first →
        </Link>
      </div>
      <p className={shared.note}>
        The 20 orders that took longest from order to final shipment, with where their time went.
        Days late: calendar days from the promised ship date to the final shipment (— where the
        order has no promised ship date).
      </p>
      <DrillTable
        kpiId={KPI}
        rows={slowest.rows}
        caption="The 20 slowest orders, slowest first"
        unit="hours"
        valueLabel="Cycle time"
        extraHeader="Days late"
        extraCell={daysLateCell}
      />
    </section>
  );
}

/** Days past the promised ship date; a slow order may still have shipped on time. */
function daysLateCell(row: Record<string, unknown>) {
  const days = daysLate(row.final_ship_ts, row.promised_ship_ts);
  if (days === null) return <span className={shared.na}>—</span>;
  if (days <= 0) return <span className={shared.na}>on time</span>;
  return <strong>{days === 1 ? '1 day' : `${formatCount(days)} days`}</strong>;
}
