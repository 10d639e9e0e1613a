import Link from 'next/link';
import type { Filters } from '@/lib/kpi/filters';
import { searchStringOf } from '@/app/ui/search-params';
import styles from '../page.module.css';
import { chartBandsOf, returnKpis } from './data';
import { KpiTrend } from './kpi-trend';

/** The order and unit return rates by month, side by side. */
export async function RatesPanel({ filters }: { filters: Filters }) {
  const [orderRate, unitRate] = await returnKpis(filters);
  const rates = [orderRate, unitRate];
  const bands = await Promise.all(rates.map(chartBandsOf));
  const search = searchStringOf({ filters });
  return (
    <section className="panel" aria-labelledby="trend-h">
      <h2 id="trend-h">Return rates by month</h2>
      <div className={styles.pair}>
        {rates.map((e, i) => (
          <div key={e.id}>
            <h3 className={styles.h3}>
              {e.name}{' '}
              <Link className={styles.more} href={`/kpis/${e.id}${search}`}>
                definition and breakdown
                <span className="visually-hidden"> of the {e.name.toLowerCase()}</span>
              </Link>
            </h3>
            <KpiTrend entry={e} bands={bands[i]!} hideTitle />
          </div>
        ))}
      </div>
    </section>
  );
}
