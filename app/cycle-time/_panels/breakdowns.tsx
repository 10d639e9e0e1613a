import Link from 'next/link';
import type { Filters } from '@/lib/kpi/filters';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import { dimensionLabels } from '@/app/ui/kpi-pages/labels';
import { SegmentBreakdown } from '@/app/ui/kpi-pages/segment-breakdown';
import { searchStringOf } from '@/app/ui/search-params';
import styles from '../page.module.css';
import { BREAKDOWNS, cycleTime, cycleTimeBy, KPI } from './data';

/** Small multiples: the cycle time by site, carrier, channel and ship mode, fastest first. */
export async function BreakdownsPanel({ filters }: { filters: Filters }) {
  const [kpi, breakdowns] = await Promise.all([cycleTime(filters), cycleTimeBy(filters)]);
  if (!kpi.available) return null;
  return (
    <section className="panel" aria-labelledby="by-h">
      <h2 id="by-h">By site, carrier, channel and ship mode</h2>
      <p className={shared.note}>
        Fastest first. With four or more segments, each is placed in the quartiles of its peers (Q1
        = fastest quarter); with fewer, they are ranked.
      </p>
      <div className={styles.smallMultiples}>
        {BREAKDOWNS.map((by, i) => {
          const dimension = dimensionLabels[by].toLowerCase();
          return (
            <div key={by} className={styles.multiple}>
              <h3 className={styles.h3}>
                By {dimension}{' '}
                <Link
                  className={styles.more}
                  href={`/kpis/${KPI}${searchStringOf({ filters, by })}#breakdown`}
                >
                  details
                  <span className="visually-hidden"> by {dimension}</span>
                </Link>
              </h3>
              <SegmentBreakdown
                entry={breakdowns[i]!}
                by={by}
                filters={filters}
                title={`Cycle time by ${dimension}`}
                unit="hours"
                direction="lower"
                overall={kpi.value}
                compact
                maxBars={8}
              />
            </div>
          );
        })}
      </div>
    </section>
  );
}
