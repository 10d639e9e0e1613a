import type { ScorecardEntry } from '@/lib/kpi/scorecard';
import { formatCount, formatKpiValue } from '@/app/ui/charts/units';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import { dimensionLabels } from '@/app/ui/kpi-pages/labels';
import styles from '../page.module.css';
import { bestOf, BREAKDOWNS } from './data';

/** Without an external band: the fastest segment of each dimension and its gap to all orders. */
export function OwnBest({
  kpi,
  breakdowns,
}: {
  kpi: ScorecardEntry;
  breakdowns: ScorecardEntry[];
}) {
  return (
    <div>
      <h3 className={styles.h3}>Against your own best</h3>
      <p className={shared.note}>
        Without an external band, the fastest segment of each dimension is the nearest benchmark.
      </p>
      <ul className={styles.gaps}>
        {BREAKDOWNS.map((by, i) => {
          const best = bestOf(breakdowns[i]!);
          if (!best || kpi.value === null) return null;
          return (
            <li key={by}>
              <span className={styles.gapDim}>{dimensionLabels[by]}</span>
              <span>
                <strong>{best.segment}</strong> {formatKpiValue(best.value, 'hours')}
                <span className={shared.na}>
                  {' '}
                  · {formatCount(best.n)} orders ·{' '}
                  {best.value < kpi.value
                    ? `${formatKpiValue(kpi.value - best.value, 'hours')} faster than all orders`
                    : 'no faster than all orders'}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
