import type { Filters } from '@/lib/kpi/filters';
import { Pareto } from '@/app/ui/charts/pareto';
import { formatCount } from '@/app/ui/charts/units';
import { loadReturnReasons } from '@/app/ui/kpi-pages/data';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import styles from '../page.module.css';
import { codeLabelOf, errorCategories, labelOf } from './data';

/** Why goods come back: return lines by reason category and by code, as Paretos. */
export async function ReasonsPanel({ filters }: { filters: Filters }) {
  const reasons = await loadReturnReasons(filters);
  return (
    <section className="panel" aria-labelledby="reasons-h">
      <h2 id="reasons-h">Why goods come back</h2>
      <p className={shared.note}>
        {formatCount(reasons.total)} return lines ({formatCount(reasons.units)} units) by return
        date, most frequent reason first; the line shows the cumulative share.
        {reasons.cancelledOrderReturns > 0 &&
          ` ${formatCount(reasons.cancelledOrderReturns)} returns of cancelled orders are left out.`}{' '}
        Hatched red bars are fulfilment errors (damaged, wrong item or quantity, documentation):
        they count against order accuracy.
      </p>
      <div className={styles.pair}>
        <div>
          <h3 className={styles.h3}>By reason category</h3>
          <Pareto
            title="Returns by reason category"
            itemWord="reason categories"
            countWord="returns"
            hideTitle
            flagLabel="fulfilment error"
            rows={reasons.byCategory.map((r) => ({
              label: labelOf(r.reason),
              flagged: r.reason !== null && errorCategories.has(r.reason),
              count: r.count,
              share: r.share,
              cumulativeShare: r.cumulativeShare,
            }))}
          />
        </div>
        <div>
          <h3 className={styles.h3}>By reason code</h3>
          <Pareto
            title="Returns by reason code"
            itemWord="reason codes"
            countWord="returns"
            hideTitle
            flagLabel="fulfilment error"
            rows={reasons.byCode.map((r) => ({
              label: codeLabelOf(r.reason, r.category),
              flagged: r.category !== null && errorCategories.has(r.category),
              detail: null,
              count: r.count,
              share: r.share,
              cumulativeShare: r.cumulativeShare,
            }))}
          />
        </div>
      </div>
    </section>
  );
}
