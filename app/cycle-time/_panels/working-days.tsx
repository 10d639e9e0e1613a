import Link from 'next/link';
import type { Filters } from '@/lib/kpi/filters';
import { describeWorkingCalendar, readWorkingCalendar } from '@/lib/settings/working-calendar';
import { formatCount, formatKpiValue } from '@/app/ui/charts/units';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import { loadScorecard } from '@/app/ui/kpi-pages/data';
import { searchStringOf } from '@/app/ui/search-params';
import { getServerDatabase } from '@/runtime/database';

export const WORKING_DAYS_KPI = 'order_shipment_cycle_time_working_days';

/**
 * The same orders counted in working days from the cut-off, beside the calendar-hour headline, with
 * the working calendar in force and where it is set.
 */
export async function WorkingDaysPanel({ filters }: { filters: Filters }) {
  const [[kpi], calendar] = await Promise.all([
    loadScorecard({ filters, grain: 'month' }, [WORKING_DAYS_KPI]),
    getServerDatabase().then(readWorkingCalendar),
  ]);
  if (!kpi?.available) return null;
  const d = kpi.distribution;
  // A working-day count is whole per order: a whole median or p90 reads "2 d", not "2.0 d".
  const days = (v: number | null | undefined) =>
    typeof v === 'number' && Number.isInteger(v) ? `${v} d` : formatKpiValue(v, 'days');
  return (
    <section className="panel" aria-labelledby="wd-h">
      <div className={shared.panelHead}>
        <h2 id="wd-h">In working days, from the cut-off</h2>
        <Link href={`/kpis/${WORKING_DAYS_KPI}${searchStringOf({ filters })}`}>
          How it is counted
        </Link>
      </div>
      <p className={shared.note}>
        The same {formatCount(kpi.n)} orders, counting only working days: an order after its
        site&rsquo;s cut-off, or on a day off, counts from the next working day, and a shipment on a
        day off as made on the next working day.
      </p>
      <p className={shared.note}>
        Calendar in force:{' '}
        <strong data-testid="calendar-in-force">{describeWorkingCalendar(calendar)}</strong>.{' '}
        <Link href="/benchmarks#calendar">Change it on the Benchmarks page</Link>
      </p>
      <div className={shared.stats} aria-label="Working-day figures">
        <Stat label="Mean (working days)" value={days(kpi.value)} note="the working-day headline" />
        <Stat label="Median (p50)" value={days(d?.median)} note="half the orders ship within" />
        <Stat label="p90" value={days(d?.p90)} note="90% ship within" />
      </div>
    </section>
  );
}

function Stat(props: { label: string; value: string; note: string }) {
  return (
    <div className="card">
      <div className="stat-label">{props.label}</div>
      <div className="stat-value">{props.value}</div>
      <div className="stat-note">{props.note}</div>
    </div>
  );
}
