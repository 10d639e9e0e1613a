import Link from 'next/link';
import type { Filters } from '@/lib/kpi/filters';
import { Histogram } from '@/app/ui/charts/histogram';
import { formatCount } from '@/app/ui/charts/units';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import { searchStringOf } from '@/app/ui/search-params';
import styles from '../page.module.css';
import { chartBandsOf, returnKpis } from './data';
import { KpiTrend } from './kpi-trend';

/** Days from receiving a return to crediting it: by month and as a distribution. */
export async function ProcessingPanel({ filters }: { filters: Filters }) {
  const [, , processing] = await returnKpis(filters);
  const bands = await chartBandsOf(processing);
  const d = processing.distribution;
  return (
    <section className="panel" aria-labelledby="processing-h">
      <div className={shared.panelHead}>
        <h2 id="processing-h">Returns processing time</h2>
        <Link
          className={shared.buttonLink}
          href={`/kpis/returns_processing_cycle_time${searchStringOf({ filters })}`}
        >
          Definition and breakdown →
        </Link>
      </div>
      <p className={shared.note}>
        Days from receiving a return to crediting it, by credit date.{' '}
        {processing.excluded.map((e) => `${formatCount(e.count)} ${e.reason}`).join('; ')}
        {processing.excluded.length ? ' left out.' : ''}
      </p>
      <div className={styles.pair}>
        <div>
          <h3 className={styles.h3}>By month</h3>
          <KpiTrend entry={processing} bands={bands} countWord="returns" hideTitle />
        </div>
        <div>
          <h3 className={styles.h3}>Distribution</h3>
          {d ? (
            <Histogram
              title="Returns by days to credit"
              unit="days"
              distribution={d}
              countWord="returns"
              within="are credited within"
              hideTitle
            />
          ) : (
            <p className={shared.note}>No credited returns in this range.</p>
          )}
        </div>
      </div>
    </section>
  );
}
