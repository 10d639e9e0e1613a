import Link from 'next/link';
import type { Filters } from '@/lib/kpi/filters';
import { returnLinesOfOrders, type OrderReturnLine } from '@/lib/kpi/return-reasons';
import { getServerDatabase } from '@/runtime/database';
import { formatCount } from '@/app/ui/charts/units';
import { loadDrill } from '@/app/ui/kpi-pages/data';
import { DrillTable } from '@/app/ui/kpi-pages/drill-table';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import { searchStringOf } from '@/app/ui/search-params';
import { ReturnLines } from './return-lines';

/** The most recently shipped orders with a return, each with its return lines. */
export async function ReturnedPanel({ filters }: { filters: Filters }) {
  const returned = await loadDrill('return_rate', { filters, failedOnly: true, pageSize: 25 });
  const lines = await returnLinesOfOrders(
    await getServerDatabase(),
    returned.rows.map((r) => String(r.order_id)),
  );
  const byOrder = new Map<string, OrderReturnLine[]>();
  for (const line of lines) byOrder.set(line.orderId, [...(byOrder.get(line.orderId) ?? []), line]);
  const and = searchStringOf({ filters }).replace('?', '&');
  return (
    <section className="panel" aria-labelledby="returned-h">
      <div className={shared.panelHead}>
        <h2 id="returned-h">Returned orders</h2>
        <Link className={shared.buttonLink} href={`/orders?kpi=return_rate&failed=1${and}`}>
          All {formatCount(returned.total)} returned orders →
        </Link>
      </div>
      <p className={shared.note}>
        {returned.total
          ? `The ${returned.rows.length} most recently shipped of ${formatCount(returned.total)} orders with a return, with their return lines.`
          : 'No shipped order in this range has a return.'}
      </p>
      {returned.rows.length > 0 && (
        <DrillTable
          kpiId="return_rate"
          rows={returned.rows}
          caption="Returned orders, most recently shipped first, with their return lines"
          extraHeader="Return lines"
          extraCell={(row) => <ReturnLines lines={byOrder.get(String(row.order_id)) ?? []} />}
          showReason={false}
        />
      )}
    </section>
  );
}
